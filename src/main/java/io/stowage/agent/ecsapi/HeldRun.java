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
}
