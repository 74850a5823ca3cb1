package io.stowage.model.placement;

/**
 * The steps of the placement pipeline in the order the scheduler applies them (ecs-semantics §5.1): an
 * instance is dropped at the first step it fails. {@link #STRATEGY} means it passed every filter but the
 * strategies preferred another; {@link #SELECTED} means it got the task.
 */
public enum Step {
    AGENT("agent not connected"),
    CPU("not enough CPU units left"),
    MEMORY("not enough memory left"),
    PORTS("a static host port is already in use"),
    ATTRIBUTE("a required attribute is missing"),
    CONSTRAINT("a placement constraint is not met"),
    STRATEGY("passed every check; the strategies preferred another instance"),
    SELECTED("placed here");

    private final String description;

    Step(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether the instance stayed in the running after this step (it passed every filter). */
    public boolean passedFilters() {
        return this == STRATEGY || this == SELECTED;
    }
}
