package io.stowage.model.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one task, from the local runner or from ECS: the shape of ECS's DescribeTasks
 * {@code tasks[]} (API Reference, Task), so that the live view, {@code stowage ps} and {@code stowage watch}
 * show local and ECS tasks alike.
 *
 * @param taskArn              the task's ARN; local tasks get {@code arn:aws:ecs:local:000000000000:task/<cluster>/<id>}
 * @param cluster              the cluster name
 * @param group                the task group: {@code service:<name>} or {@code family:<family>}
 * @param taskDefinitionArn    the task definition, as an ARN or {@code family:revision}
 * @param containerInstanceArn the container instance's ARN, or null on Fargate or before placement
 * @param instanceId           the design's id of that instance (or the EC2 instance id), or null
 * @param availabilityZone     where it runs, or null when unknown
 * @param launchType           EC2, FARGATE, EXTERNAL...
 * @param lastStatus           where it is in its lifecycle
 * @param desiredStatus        RUNNING or STOPPED
 * @param healthStatus         the task's health, or null when no essential container has a health check
 * @param stoppedReason        why it stopped, or null
 * @param stopCode             one of {@link StopCode}, or null
 * @param createdAt            when it was created
 * @param startedAt            when it reached RUNNING, or null
 * @param stoppedAt            when it reached STOPPED, or null
 * @param containers           its containers, in the task definition's order
 * @param role                 its task role as the local agent holds it, or null when it has none (or the engine
 *                             does not say, as ECS's DescribeTasks does not)
 */
public record TaskState(String taskArn, String cluster, String group, String taskDefinitionArn,
                        String containerInstanceArn, String instanceId, String availabilityZone, String launchType,
                        TaskStatus lastStatus, TaskStatus desiredStatus, HealthStatus healthStatus,
                        String stoppedReason, String stopCode, Instant createdAt, Instant startedAt,
                        Instant stoppedAt, List<ContainerState> containers, TaskRole role) {
    public static final String SERVICE_GROUP_PREFIX = "service:";
    public static final String FAMILY_GROUP_PREFIX = "family:";

    public TaskState {
        Objects.requireNonNull(taskArn, "taskArn");
        Objects.requireNonNull(lastStatus, "lastStatus");
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /** A task without a known role. */
    public TaskState(String taskArn, String cluster, String group, String taskDefinitionArn,
                     String containerInstanceArn, String instanceId, String availabilityZone, String launchType,
                     TaskStatus lastStatus, TaskStatus desiredStatus, HealthStatus healthStatus,
                     String stoppedReason, String stopCode, Instant createdAt, Instant startedAt,
                     Instant stoppedAt, List<ContainerState> containers) {
        this(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId, availabilityZone,
                launchType, lastStatus, desiredStatus, healthStatus, stoppedReason, stopCode, createdAt, startedAt,
                stoppedAt, containers, null);
    }

    /** The task id: the last part of its ARN (32 hex digits on ECS). */
    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    /** The first characters of the task id, as the console and {@code stowage up} show it. */
    public String shortId() {
        String id = taskId();
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** The service it belongs to, from its group, or null for a standalone task. */
    public String serviceName() {
        return group != null && group.startsWith(SERVICE_GROUP_PREFIX)
                ? group.substring(SERVICE_GROUP_PREFIX.length()) : null;
    }

    /** The task definition's family, from {@code ...:task-definition/family:rev} or {@code family:rev}. */
    public String family() {
        if (taskDefinitionArn == null) {
            return null;
        }
        String tail = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        return colon < 0 ? tail : tail.substring(0, colon);
    }

    /** The task definition's revision, or null when the reference names none. */
    public Integer revision() {
        if (taskDefinitionArn == null) {
            return null;
        }
        String tail = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
        int colon = tail.lastIndexOf(':');
        try {
            return colon < 0 ? null : Integer.valueOf(tail.substring(colon + 1));
        } catch (NumberFormatException notARevision) {
            return null;
        }
    }

    public boolean isStopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    public Optional<ContainerState> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public TaskState withLastStatus(TaskStatus value) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, value, desiredStatus, healthStatus, stoppedReason, stopCode, createdAt,
                value == TaskStatus.RUNNING && startedAt == null ? Instant.now() : startedAt,
                stoppedAt, containers, role);
    }

    public TaskState withDesiredStatus(TaskStatus value) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, lastStatus, value, healthStatus, stoppedReason, stopCode, createdAt,
                startedAt, stoppedAt, containers, role);
    }

    public TaskState withHealthStatus(HealthStatus value) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, lastStatus, desiredStatus, value, stoppedReason, stopCode, createdAt,
                startedAt, stoppedAt, containers, role);
    }

    /** With the reason and code it is being stopped for; the first reason given is kept, as ECS does. */
    public TaskState stopping(String reason, String code) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, lastStatus, TaskStatus.STOPPED, healthStatus,
                stoppedReason != null ? stoppedReason : reason, stopCode != null ? stopCode : code, createdAt,
                startedAt, stoppedAt, containers, role);
    }

    public TaskState stopped(Instant at) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, TaskStatus.STOPPED, TaskStatus.STOPPED, healthStatus, stoppedReason,
                stopCode, createdAt, startedAt, at, containers, role);
    }

    public TaskState withContainers(List<ContainerState> value) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, lastStatus, desiredStatus, healthStatus, stoppedReason, stopCode,
                createdAt, startedAt, stoppedAt, value, role);
    }

    public TaskState withRole(TaskRole value) {
        return new TaskState(taskArn, cluster, group, taskDefinitionArn, containerInstanceArn, instanceId,
                availabilityZone, launchType, lastStatus, desiredStatus, healthStatus, stoppedReason, stopCode,
                createdAt, startedAt, stoppedAt, containers, value);
    }

    /** With the container of the same name replaced. */
    public TaskState withContainer(ContainerState value) {
        return withContainers(containers.stream().map(c -> c.name().equals(value.name()) ? value : c).toList());
    }
}
