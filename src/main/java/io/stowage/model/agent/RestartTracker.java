package io.stowage.model.agent;

import io.stowage.model.ecs.ContainerRestartPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A container's restart policy as the ECS agent applies it (ecs-semantics §3.3; the agent's
 * {@code ecs-agent/api/container/restart/restart_tracker.go} and task_manager.go): when the container stops, it is
 * started again in place unless the policy is disabled, the container is meant to stop, its exit code is unknown
 * or ignored, or it has not run for {@code restartAttemptPeriod} seconds since its last restart (since its start
 * before the first restart). So even the first restart waits until the container has run that long: a container
 * that fails at once is never restarted, and the task stops as it would without a policy.
 *
 * <p>An omitted {@code restartAttemptPeriod} is 300 s, the default ECS fills in (API Reference,
 * ContainerRestartPolicy). A value outside ECS's 60-1800 s is a rule finding (model.rules), but is honoured as
 * written here, so that a design can be tried with a short period. Not thread-safe: its owner touches it from one
 * thread.
 */
public final class RestartTracker {
    public static final int DEFAULT_PERIOD_SECONDS = 300;

    private final boolean enabled;
    private final List<Integer> ignoredExitCodes;
    private final Duration period;
    private int count;
    private Instant lastRestartAt;

    private RestartTracker(boolean enabled, List<Integer> ignoredExitCodes, Duration period) {
        this.enabled = enabled;
        this.ignoredExitCodes = List.copyOf(ignoredExitCodes);
        this.period = period;
    }

    /** The tracker for a container's policy; a missing policy is a disabled one. */
    public static RestartTracker of(ContainerRestartPolicy policy) {
        if (policy == null || !Boolean.TRUE.equals(policy.enabled())) {
            return new RestartTracker(false, List.of(), Duration.ZERO);
        }
        Integer seconds = policy.restartAttemptPeriod();
        return new RestartTracker(true, policy.ignoredExitCodes(),
                Duration.ofSeconds(seconds == null ? DEFAULT_PERIOD_SECONDS : Math.max(0, seconds)));
    }

    public boolean enabled() {
        return enabled;
    }

    /** Restarts so far. */
    public int count() {
        return count;
    }

    /**
     * Why the container that just stopped is not to be restarted, in the agent's words; empty when it is.
     *
     * @param exitCode       its exit code, or null when unknown
     * @param startedAt      when it (first) started, or null when it never did
     * @param desiredStopped whether it is meant to stop (its task is stopping)
     * @param now            the time of its stop
     */
    public Optional<String> whyNot(Integer exitCode, Instant startedAt, boolean desiredStopped, Instant now) {
        if (!enabled) {
            return Optional.of("restart policy is not enabled");
        }
        if (desiredStopped) {
            return Optional.of("container's desired status is stopped");
        }
        if (exitCode == null) {
            return Optional.of("exit code is nil");
        }
        if (ignoredExitCodes.contains(exitCode)) {
            return Optional.of("exit code " + exitCode + " should be ignored");
        }
        Instant since = lastRestartAt != null ? lastRestartAt : startedAt;
        // The agent compares with a zero time when it knows no start, so that case counts as elapsed.
        if (since != null && Duration.between(since, now).compareTo(period) < 0) {
            return Optional.of("attempt reset period has not elapsed");
        }
        return Optional.empty();
    }

    /**
     * Takes over the count of a tracker kept by an agent that ended (as the ECS agent reads it back from its state
     * file): {@code count} restarts so far, the last one (when known) at {@code lastRestartAt}.
     */
    public void restore(int restarts, Instant lastRestartAt) {
        this.count = Math.max(0, restarts);
        this.lastRestartAt = lastRestartAt;
    }

    /** A restart is being made now; recorded before the start call, as the agent records it. */
    public void recordRestart(Instant now) {
        count++;
        lastRestartAt = now;
    }
}
