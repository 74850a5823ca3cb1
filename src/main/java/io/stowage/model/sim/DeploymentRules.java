package io.stowage.model.sim;

/**
 * The numbers a rolling deployment of an ECS service works with (Developer Guide, deployment-type-ecs and
 * service_definition_parameters; ecs-semantics §5.5): the defaults of {@code minimumHealthyPercent} and
 * {@code maximumPercent} per scheduling strategy, the most tasks a deployment may run at once
 * (⌊desired × max / 100⌋), the fewest it must keep healthy (⌈desired × min / 100⌉), and the deployment circuit
 * breaker's failure threshold (API Reference, ServiceDeploymentCircuitBreaker.threshold: 0.5 × desired count,
 * at least 3 and at most 200; rounding up is [I]).
 */
public final class DeploymentRules {
    public static final int CIRCUIT_BREAKER_MIN = 3;
    public static final int CIRCUIT_BREAKER_MAX = 200;

    private DeploymentRules() {
    }

    /** {@code minimumHealthyPercent} when the service does not set it: 100 for REPLICA, 0 for DAEMON. */
    public static int defaultMinimumHealthyPercent(boolean daemon) {
        return daemon ? 0 : 100;
    }

    /** {@code maximumPercent} when the service does not set it: 200 for REPLICA, 100 for DAEMON. */
    public static int defaultMaximumPercent(boolean daemon) {
        return daemon ? 100 : 200;
    }

    /** The most tasks (RUNNING, PENDING and STOPPING, old and new) the deployment may have at once. */
    public static int maximumTasks(int desired, int maximumPercent) {
        return (int) Math.floor(desired * (double) maximumPercent / 100.0);
    }

    /** The fewest healthy tasks the deployment must keep while it replaces the old ones. */
    public static int minimumHealthyTasks(int desired, int minimumHealthyPercent) {
        return (int) Math.ceil(desired * (double) minimumHealthyPercent / 100.0);
    }

    /** Failed tasks after which the circuit breaker marks the deployment FAILED. */
    public static int circuitBreakerThreshold(int desired) {
        int half = (int) Math.ceil(desired * 0.5);
        return Math.min(Math.max(CIRCUIT_BREAKER_MIN, half), CIRCUIT_BREAKER_MAX);
    }

    /**
     * How many old tasks may be stopped at once at the start of a rolling update and how many new ones started, as
     * the Developer Guide's examples work them (deployment-type-ecs.html): with 4 tasks, min 50 / max 200, two old
     * tasks may stop and four new ones start; with min 100 / max 200, none may stop until new ones are healthy and
     * four new ones start.
     *
     * @return {@code {old tasks that may stop now, new tasks that may start now}}
     */
    public static int[] firstStep(int desired, int minimumHealthyPercent, int maximumPercent) {
        int mayStop = Math.max(0, desired - minimumHealthyTasks(desired, minimumHealthyPercent));
        int mayStart = Math.max(0, maximumTasks(desired, maximumPercent) - desired + mayStop);
        return new int[]{mayStop, Math.min(desired, mayStart)};
    }

    /**
     * One pass of the service scheduler in a rolling deployment of a REPLICA service: how many healthy tasks of the
     * old revisions it may stop now, keeping {@code minimumHealthyPercent} of the desired count healthy (tasks of
     * the old revisions that are not healthy are stopped regardless). The simulation and the local run's scheduler
     * both take it from here.
     *
     * @param healthy    healthy tasks of every revision
     * @param healthyOld healthy tasks of the old revisions
     */
    public static int healthyOldToStop(int desired, int minimumHealthyPercent, int healthy, int healthyOld) {
        int mayStop = healthy - minimumHealthyTasks(desired, minimumHealthyPercent);
        return Math.max(0, Math.min(mayStop, healthyOld));
    }

    /**
     * One pass of the service scheduler in a rolling deployment of a REPLICA service: how many tasks of the new
     * revision it may start now, up to the desired count and within {@code maximumPercent}.
     *
     * @param newTasks tasks of the new revision that run or are starting
     * @param alive    tasks of every revision not yet STOPPED (those stopping included)
     */
    public static int newToStart(int desired, int maximumPercent, int newTasks, int alive) {
        return Math.max(0, Math.min(desired - newTasks, maximumTasks(desired, maximumPercent) - alive));
    }
}
