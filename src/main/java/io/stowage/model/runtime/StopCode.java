package io.stowage.model.runtime;

/** The stop codes ECS gives a stopped task (API Reference, Task.stopCode). */
public final class StopCode {
    public static final String TASK_FAILED_TO_START = "TaskFailedToStart";
    public static final String ESSENTIAL_CONTAINER_EXITED = "EssentialContainerExited";
    public static final String USER_INITIATED = "UserInitiated";
    public static final String SERVICE_SCHEDULER_INITIATED = "ServiceSchedulerInitiated";
    public static final String SPOT_INTERRUPTION = "SpotInterruption";
    public static final String TERMINATION_NOTICE = "TerminationNotice";

    /** The stopped reason ECS writes when an essential container exits (Developer Guide, stopped-task-errors). */
    public static final String ESSENTIAL_CONTAINER_EXITED_REASON = "Essential container in task exited";

    private StopCode() {
    }
}
