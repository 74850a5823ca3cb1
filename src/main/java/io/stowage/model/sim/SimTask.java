package io.stowage.model.sim;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.Placement;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.TaskStatus;

import java.time.Instant;

/** A task of the simulated cluster: where it was placed, which revision it runs, and its play on the clock. */
final class SimTask {
    final String arn;
    final String id;
    final String clusterId;
    /** The service it belongs to, or null for a standalone task. */
    final SimService service;
    final String standaloneId;
    SimDeployment deployment;
    final TaskDefinition taskDefinition;
    final String taskDefinitionArn;
    final String launchType;
    final SimulatedTask play;
    final Placement placement;
    final Instant createdAt;
    TaskStatus lastSeen;
    /** When its play next needs the clock, as of its last advance (null: not by itself). */
    java.time.Instant nextAt;
    /** Told something since its last advance (stop, kill, unhealthy): advance it now. */
    boolean dirty;
    HealthStatus lastHealth;
    /** The service scheduler stopped it (deployment, scale-in, draining): not a failure. */
    boolean stoppedByScheduler;
    /** The scheduler stopped it because its health check failed: a failure. */
    boolean failedHealth;
    /** It counted as healthy for the deployment once (RUNNING and HEALTHY, or 40 s RUNNING without checks). */
    boolean everCountedHealthy;
    /** Set when its instance went away: the task is STOPPED at once, whatever its containers were doing. */
    String lostReason;
    String lostCode;
    Instant lostAt;

    SimTask(String arn, String id, String clusterId, SimService service, String standaloneId,
            SimDeployment deployment, TaskDefinition taskDefinition, String taskDefinitionArn, String launchType,
            SimulatedTask play, Placement placement, Instant createdAt) {
        this.arn = arn;
        this.id = id;
        this.clusterId = clusterId;
        this.service = service;
        this.standaloneId = standaloneId;
        this.deployment = deployment;
        this.taskDefinition = taskDefinition;
        this.taskDefinitionArn = taskDefinitionArn;
        this.launchType = launchType;
        this.play = play;
        this.placement = placement;
        this.createdAt = createdAt;
    }

    TaskStatus status() {
        return lostAt != null ? TaskStatus.STOPPED : play.status();
    }

    boolean alive() {
        return status() != TaskStatus.STOPPED;
    }

    /** Meant to stop (STOPPING, or PENDING/RUNNING with desired status STOPPED), not yet STOPPED. */
    boolean stopping() {
        return alive() && play.machine().desiredStatus() == TaskStatus.STOPPED;
    }

    boolean active() {
        return alive() && !stopping();
    }

    String instanceId() {
        return placement.instanceId();
    }

    String shortId() {
        return id.substring(0, 8);
    }

    boolean hasHealthCheck() {
        return play.machine().health() != null;
    }
}
