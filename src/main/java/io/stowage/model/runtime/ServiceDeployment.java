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
}
