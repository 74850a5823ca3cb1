package io.stowage.model.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the cluster-wide event feed: a task changed state, a service event, the engine was lost. Local
 * runs and ECS write the same form, so the feed shows both alike.
 *
 * @param at      when it happened
 * @param cluster the cluster name, or null for an event of the whole engine
 * @param subject what it is about, e.g. {@code web/3f2a9c1d} or {@code service web}
 * @param message what happened, e.g. {@code RUNNING} or ECS's service-event sentence
 */
public record ClusterEvent(Instant at, String cluster, String subject, String message) {
    public ClusterEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
