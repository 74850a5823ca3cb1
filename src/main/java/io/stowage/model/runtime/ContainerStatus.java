package io.stowage.model.runtime;

/** The status ECS reports for a container of a task (API Reference, Container.lastStatus). */
public enum ContainerStatus {
    PENDING, RUNNING, STOPPED;

    /** The status ECS calls {@code name}, or null when the name is none of them. */
    public static ContainerStatus of(String name) {
        if (name == null) {
            return null;
        }
        for (ContainerStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
