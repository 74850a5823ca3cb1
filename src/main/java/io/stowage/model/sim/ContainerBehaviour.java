package io.stowage.model.sim;

import java.time.Duration;

/**
 * What one container does in a simulation, which ECS's task definition cannot say. The default (from the design):
 * it starts at once, passes its health check from its first check on, runs until it is stopped, and exits with
 * 143 on SIGTERM (as a process that does not handle it). Set per container in the design file, outside the ECS
 * shape (see {@code format.design}).
 *
 * @param startsIn       how long from the start call to RUNNING
 * @param healthyAfter   from its start, when its health check begins to pass; null when it never does
 * @param exitCode       the code it exits with by itself, or null when it runs until stopped
 * @param exitsAfter     from its start, when it exits by itself (with {@code exitCode}); null when it does not
 * @param ignoresSigterm whether it keeps running after SIGTERM, so that only the kill after stopTimeout stops it
 */
public record ContainerBehaviour(Duration startsIn, Duration healthyAfter, Integer exitCode, Duration exitsAfter,
                                 boolean ignoresSigterm) {
    public static final ContainerBehaviour DEFAULT = new ContainerBehaviour(Duration.ZERO, Duration.ZERO, null,
            null, false);
    /** The exit code of a process that SIGTERM ends (128 + 15). */
    public static final int SIGTERM_EXIT = 143;
    /** The exit code of a process that SIGKILL ends (128 + 9). */
    public static final int SIGKILL_EXIT = 137;

    public ContainerBehaviour {
        startsIn = startsIn == null || startsIn.isNegative() ? Duration.ZERO : startsIn;
        if (exitsAfter != null && exitCode == null) {
            exitCode = 0;
        }
    }

    /** Exits with {@code code} {@code after} every start: with a restart policy or a service, a crash loop. */
    public static ContainerBehaviour crashLoop(int code, Duration after) {
        return new ContainerBehaviour(Duration.ZERO, null, code, after, false);
    }

    public ContainerBehaviour withStartsIn(Duration value) {
        return new ContainerBehaviour(value, healthyAfter, exitCode, exitsAfter, ignoresSigterm);
    }

    public ContainerBehaviour withHealthyAfter(Duration value) {
        return new ContainerBehaviour(startsIn, value, exitCode, exitsAfter, ignoresSigterm);
    }

    public ContainerBehaviour withExit(int code, Duration after) {
        return new ContainerBehaviour(startsIn, healthyAfter, code, after, ignoresSigterm);
    }

    public ContainerBehaviour withIgnoresSigterm(boolean value) {
        return new ContainerBehaviour(startsIn, healthyAfter, exitCode, exitsAfter, value);
    }

    public boolean neverHealthy() {
        return healthyAfter == null;
    }
}
