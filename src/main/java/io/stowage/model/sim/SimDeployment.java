package io.stowage.model.sim;

import io.stowage.model.ecs.TaskDefinition;

import java.time.Instant;
import java.util.function.Function;

/** One deployment of a simulated service (API Reference, Deployment): the revision it runs and how it goes. */
final class SimDeployment {
    static final String PRIMARY = "PRIMARY";
    static final String ACTIVE = "ACTIVE";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    final String id;
    final TaskDefinition taskDefinition;
    final String taskDefinitionArn;
    final Function<String, ContainerBehaviour> behaviours;
    final Instant createdAt;
    String status = PRIMARY;
    String rolloutState = IN_PROGRESS;
    String rolloutStateReason;
    int failedTasks;
    /** Once one of its tasks counted healthy, the circuit breaker stops counting its failures (Deployment.failedTasks). */
    boolean everHealthy;
    Instant updatedAt;

    SimDeployment(String id, TaskDefinition taskDefinition, String taskDefinitionArn,
                  Function<String, ContainerBehaviour> behaviours, Instant createdAt, String reason) {
        this.id = id;
        this.taskDefinition = taskDefinition;
        this.taskDefinitionArn = taskDefinitionArn;
        this.behaviours = behaviours;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.rolloutStateReason = reason;
    }
}
