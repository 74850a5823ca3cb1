package io.stowage.engine.ecs;

import java.time.Duration;

/**
 * How long a watcher waits before its next look: the fast interval right after something changed, then twice
 * as long after each quiet look, up to the slow interval. A cluster in motion is followed closely; a steady one
 * costs few calls. (Throttling is the SDK's part: its adaptive retry backs off and slows the client down.)
 */
final class PollPace {
    private final Duration fast;
    private final Duration slow;
    private Duration next;

    PollPace(Duration fast, Duration slow) {
        if (fast.isNegative() || fast.isZero() || slow.compareTo(fast) < 0) {
            throw new IllegalArgumentException("need 0 < fast <= slow, got " + fast + " and " + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.next = fast;
    }

    /** The wait before the next look, given whether the last one saw a change. */
    Duration after(boolean changed) {
        next = changed ? fast : min(next.multipliedBy(2), slow);
        return next;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
