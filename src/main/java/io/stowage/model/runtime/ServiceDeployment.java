package io.stowage.model.runtime;

import java.time.Instant;

/**
 * One deployment of a service (API Reference, Deployment): the PRIMARY one runs the service's current task
 * definition, ACTIVE ones are being replaced.
 *
 * @param id                 the deployment id, e.g. {@code ecs-svc/1234567890}
 * @param status             PRIMARY, ACTIVE or INACTIVE
 * @param taskDefinitionArn  the revision it runs
 * @param desiredCount       tasks it should run
 * @param runningCount       tasks RUNNING
 * @param pendingCount       tasks PENDING
 * @param failedTasks        tasks that failed to start in it
 * @param rolloutState       COMPLETED, FAILED or IN_PROGRESS, or null
 * @param rolloutStateReason ECS's sentence for the rollout state, or null
 * @param updatedAt          when it last changed, or null
 */
public record ServiceDeployment(String id, String status, String taskDefinitionArn, int desiredCount,
                                int runningCount, int pendingCount, int failedTasks, String rolloutState,
                                String rolloutStateReason, Instant updatedAt) {
    /**
     * The id of a service's deployment of one revision, as ECS forms ids ({@code ecs-svc/} and 19 digits), the same
     * for the same cluster, service and task definition ARN, so that a task's {@code startedBy} names it.
     */
    public static String idFor(String cluster, String service, String taskDefinitionArn) {
        java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes((cluster + "/" + service + "/" + taskDefinitionArn)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long digits = Math.floorMod(uuid.getMostSignificantBits(), 9_000_000_000_000_000_000L)
                + 1_000_000_000_000_000_000L;
        return "ecs-svc/" + digits;
    }
}
