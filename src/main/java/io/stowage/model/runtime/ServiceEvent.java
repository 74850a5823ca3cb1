package io.stowage.model.runtime;

import java.time.Instant;

/**
 * One entry of a service's event log, as ECS writes it (e.g. "(service web) has reached a steady state.").
 *
 * @param id        the event's id, unique within its service
 * @param createdAt when it happened
 * @param message   ECS's sentence
 */
public record ServiceEvent(String id, Instant createdAt, String message) {
}
