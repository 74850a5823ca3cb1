package io.stowage.model.placement;

/**
 * A task the scheduler could not place, as ECS reports it: RunTask's {@code failures[].reason} and the service
 * event sentence (ecs-semantics §5.4).
 *
 * @param task            which task
 * @param reason          {@link #RESOURCE_CPU}, {@link #RESOURCE_MEMORY}, {@link #RESOURCE_PORTS},
 *                        {@link #RESOURCE_PORTS_UDP}, {@link #ATTRIBUTE}, {@link #AGENT}, {@link #MEMBER_OF},
 *                        {@link #DISTINCT_INSTANCE}, {@link #MISSING} or {@link #INVALID_PARAMETER}
 * @param closestInstance the container instance that passed the most checks, or null when there is none
 * @param message         the service event sentence ("service web was unable to place a task because ...")
 */
public record PlacementFailure(TaskRef task, String reason, String closestInstance, String message) {
    public static final String RESOURCE_CPU = "RESOURCE:CPU";
    public static final String RESOURCE_MEMORY = "RESOURCE:MEMORY";
    public static final String RESOURCE_PORTS = "RESOURCE:PORTS";
    public static final String RESOURCE_PORTS_UDP = "RESOURCE:PORTS_UDP";
    public static final String ATTRIBUTE = "ATTRIBUTE";
    public static final String AGENT = "AGENT";
    /** RunTask's reason when memberOf rules out every instance that fits [I: from user reports]. */
    public static final String MEMBER_OF = "MemberOf placement constraint unsatisfied.";
    /** RunTask's reason when distinctInstance rules out every instance that fits [I: from user reports]. */
    public static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied.";
    /** No container instance in the cluster, or the task definition is not in the design. */
    public static final String MISSING = "MISSING";
    /** A placement constraint or strategy ECS would reject (e.g. an expression that does not parse). */
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
}
