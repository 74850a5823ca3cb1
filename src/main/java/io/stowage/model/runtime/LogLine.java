package io.stowage.model.runtime;

import java.time.Instant;

/**
 * One line a container printed.
 *
 * @param at     when it was printed, or null when the source does not say
 * @param stderr whether it came from standard error
 * @param text   the line, without its line end
 */
public record LogLine(Instant at, boolean stderr, String text) {
}
