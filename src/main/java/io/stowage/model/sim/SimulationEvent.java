package io.stowage.model.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * One line of a simulation's timeline.
 *
 * @param at      virtual time since the simulation began
 * @param cluster the cluster's name, or null for a line about the whole run
 * @param source  what it is about, as ECS names it: {@code service web}, {@code task 1a2b3c4d},
 *                {@code instance i-1}, or {@code scenario} for an action the scenario took
 * @param message what happened; for a service, ECS's own sentence
 */
public record SimulationEvent(Duration at, String cluster, String source, String message) {
    public SimulationEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** {@code 1m05s}, as the timeline prints it. */
    public static String format(Duration at) {
        long s = at.getSeconds();
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        if (h > 0) {
            return String.format("%dh%02dm%02ds", h, m, sec);
        }
        if (m > 0) {
            return String.format("%dm%02ds", m, sec);
        }
        return sec + "s";
    }
}
