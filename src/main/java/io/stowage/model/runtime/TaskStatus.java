package io.stowage.model.runtime;

/**
 * The lifecycle of a task, in the order ECS moves a task through it (API Reference, Task.lastStatus; Developer
 * Guide, task-lifecycle). A task never moves backwards; {@link #STOPPED} is final.
 */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED;

    /** The status ECS calls {@code name}, or null when the name is none of them. */
    public static TaskStatus of(String name) {
        if (name == null) {
            return null;
        }
        for (TaskStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return null;
    }

    public boolean isAfter(TaskStatus other) {
        return ordinal() > other.ordinal();
    }

    /** Whether the task is on its way down: DEACTIVATING or later. */
    public boolean isStopping() {
        return ordinal() >= DEACTIVATING.ordinal();
    }
}
