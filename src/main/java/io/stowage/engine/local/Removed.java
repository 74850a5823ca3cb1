package io.stowage.engine.local;

/** What {@code down} removed of a design's local run. */
public record Removed(int containers, int volumes, int networks) {
}
