package io.stowage.engine.local;

/**
 * A container or task could not be set up, with the reason ECS would record, e.g.
 * {@code CannotCreateContainerError: ...} or {@code Invalid link format}.
 */
public final class TaskSetupException extends RuntimeException {

    public TaskSetupException(String reason) {
        super(reason);
    }

    public TaskSetupException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
