package io.stowage.agent.ecsapi;

import io.stowage.model.design.Design;
import io.stowage.model.runtime.RuntimeSnapshot;

import java.time.Instant;

/** One run the agent holds, as the ECS endpoint sees it: its design, what runs now, and what it can be asked to do. */
public interface HeldRun {
    Design design();

    /** What is known now. */
    RuntimeSnapshot snapshot();

    /** When the agent took the run (the services' createdAt). */
    Instant since();

    /** Sets a service's desired count (design ids); the run's scheduler starts or stops tasks to meet it. */
    void scale(String clusterId, String serviceId, int desiredCount);

    /** Stops one task as ECS's StopTask does (UserInitiated, with {@code reason}); a service replaces it. */
    void stopTask(String taskArn, String reason);

    /**
     * Rolls a service (design ids) out to {@code taskDefinition} at {@code revision} (null: the revision stays)
     * within the deployment configuration's percents (null: as they are), as UpdateService does.
     */
    void deploy(String clusterId, String serviceId, io.stowage.model.ecs.TaskDefinition taskDefinition,
                Integer revision, Integer minimumHealthyPercent, Integer maximumPercent);

    /**
     * CreateService: {@code service} joins the design's cluster {@code clusterId}, running {@code taskDefinition}
     * at {@code revision}; completes when it is in the run.
     */
    java.util.concurrent.CompletableFuture<Void> createService(String clusterId, io.stowage.model.design.Service service,
                                                               io.stowage.model.ecs.TaskDefinition taskDefinition,
                                                               int revision);

    /** DeleteService: the service's tasks stop; it is INACTIVE once they have. */
    void deleteService(String clusterId, String serviceId);

    /** RunTask: {@code count} copies of a new standalone task of the cluster; what started and what did not fit. */
    java.util.concurrent.CompletableFuture<Started> runTask(String clusterId,
                                                            io.stowage.model.design.StandaloneTask task,
                                                            io.stowage.model.ecs.TaskDefinition taskDefinition,
                                                            int revision, int count);

    /** What RunTask started, each task as it was then, and what it could not place. */
    record Started(java.util.List<io.stowage.model.runtime.TaskState> tasks,
                   java.util.List<io.stowage.model.placement.PlacementFailure> failures) {
    }
}
