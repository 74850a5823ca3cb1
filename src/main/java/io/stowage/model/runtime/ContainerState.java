package io.stowage.model.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known of one container of a running or stopped task: the shape of ECS's DescribeTasks
 * {@code containers[]} (API Reference, Container).
 *
 * @param name            the container definition's name
 * @param runtimeId       the Docker container id, or null before it was created
 * @param image           the image reference it runs
 * @param lastStatus      PENDING, RUNNING or STOPPED
 * @param exitCode        its exit code once it stopped, or null when unknown
 * @param reason          why it stopped or failed to start (e.g. {@code CannotPullContainerError: ...}), or null
 * @param healthStatus    its health, or null when its definition has no health check
 * @param essential       whether its exit stops the task
 * @param networkBindings the ports it publishes
 * @param startedAt       when it started, or null
 * @param finishedAt      when it stopped, or null
 * @param restartCount    how often its restart policy restarted it in place, or null when it has no enabled restart
 *                        policy (DescribeTasks has no such member; the task metadata endpoint v4 reports
 *                        {@code RestartCount} the same way)
 */
public record ContainerState(String name, String runtimeId, String image, ContainerStatus lastStatus,
                             Integer exitCode, String reason, HealthStatus healthStatus, boolean essential,
                             List<NetworkBinding> networkBindings, Instant startedAt, Instant finishedAt,
                             Integer restartCount) {
    public ContainerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastStatus, "lastStatus");
        networkBindings = networkBindings == null ? List.of() : List.copyOf(networkBindings);
    }

    /** A container without a restart policy. */
    public ContainerState(String name, String runtimeId, String image, ContainerStatus lastStatus, Integer exitCode,
                          String reason, HealthStatus healthStatus, boolean essential,
                          List<NetworkBinding> networkBindings, Instant startedAt, Instant finishedAt) {
        this(name, runtimeId, image, lastStatus, exitCode, reason, healthStatus, essential, networkBindings, startedAt,
                finishedAt, null);
    }

    /** A container that is known by name only, before anything was created for it. */
    public static ContainerState pending(String name, String image, boolean essential) {
        return new ContainerState(name, null, image, ContainerStatus.PENDING, null, null, null, essential, List.of(),
                null, null);
    }

    public boolean isStopped() {
        return lastStatus == ContainerStatus.STOPPED;
    }

    public ContainerState withRuntimeId(String value) {
        return new ContainerState(name, value, image, lastStatus, exitCode, reason, healthStatus, essential,
                networkBindings, startedAt, finishedAt, restartCount);
    }

    public ContainerState withLastStatus(ContainerStatus value) {
        return new ContainerState(name, runtimeId, image, value, exitCode, reason, healthStatus, essential,
                networkBindings, startedAt, finishedAt, restartCount);
    }

    public ContainerState withHealthStatus(HealthStatus value) {
        return new ContainerState(name, runtimeId, image, lastStatus, exitCode, reason, value, essential,
                networkBindings, startedAt, finishedAt, restartCount);
    }

    public ContainerState withNetworkBindings(List<NetworkBinding> value) {
        return new ContainerState(name, runtimeId, image, lastStatus, exitCode, reason, healthStatus, essential,
                value, startedAt, finishedAt, restartCount);
    }

    public ContainerState started(Instant at) {
        return new ContainerState(name, runtimeId, image, ContainerStatus.RUNNING, exitCode, reason, healthStatus,
                essential, networkBindings, at, finishedAt, restartCount);
    }

    /** Stopped, with its exit code (null when unknown) and reason (null when none). */
    public ContainerState stopped(Integer code, String why, Instant at) {
        return new ContainerState(name, runtimeId, image, ContainerStatus.STOPPED, code, why, healthStatus, essential,
                networkBindings, startedAt, at, restartCount);
    }
}
