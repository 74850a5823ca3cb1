package io.stowage.model.runtime;

/**
 * Health as ECS reports it (ecs-semantics §4.3): a container's from its health check (Docker's "starting" is
 * UNKNOWN), a task's HEALTHY only when every essential container is HEALTHY.
 */
public enum HealthStatus {
    HEALTHY, UNHEALTHY, UNKNOWN;

    /** The status ECS calls {@code name}, or null when the name is none of them. */
    public static HealthStatus of(String name) {
        if (name == null) {
            return null;
        }
        for (HealthStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
