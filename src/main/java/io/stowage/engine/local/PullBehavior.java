package io.stowage.engine.local;

import java.util.Locale;

/**
 * The agent's ECS_IMAGE_PULL_BEHAVIOR (ecs-semantics §3.3, §6): {@code default} pulls and falls back to a cached
 * image when the pull fails; {@code always} pulls and fails the task when it cannot; {@code once} pulls an image
 * only the first time this run needs it; {@code prefer-cached} pulls only what is not cached.
 */
public enum PullBehavior {
    DEFAULT, ALWAYS, ONCE, PREFER_CACHED;

    public static PullBehavior parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
