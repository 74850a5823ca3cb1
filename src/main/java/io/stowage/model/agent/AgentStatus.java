package io.stowage.model.agent;

import io.stowage.model.runtime.ContainerStatus;

/**
 * A container's status as the ECS agent tracks it internally (ecs-semantics §3.1), in order; a container only
 * moves forward. RUNNING is the steady state of application containers; the awsvpc pause container's steady state
 * is {@link #RESOURCES_PROVISIONED}, reached once its network is attached.
 */
public enum AgentStatus {
    NONE, PULLED, CREATED, RUNNING, RESOURCES_PROVISIONED, STOPPED;

    public boolean atLeast(AgentStatus other) {
        return ordinal() >= other.ordinal();
    }

    /** What ECS reports for it: RUNNING at the steady state, STOPPED, else PENDING (§3.2). */
    public ContainerStatus reported(AgentStatus steady) {
        if (this == STOPPED) {
            return ContainerStatus.STOPPED;
        }
        return this == steady ? ContainerStatus.RUNNING : ContainerStatus.PENDING;
    }
}
