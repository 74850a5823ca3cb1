package io.stowage.engine.ecs;

/**
 * Asks a running apply or wait to stop. The apply stops before its next change (a change under way is finished,
 * so nothing is left half made) and reports what was done.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** A token nobody cancels. */
    public static Cancellation none() {
        return new Cancellation();
    }
}
