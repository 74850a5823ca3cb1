package io.stowage.model.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a task went where it went, or nowhere: for every container instance considered, the step of the pipeline
 * at which it was dropped, or {@link Step#SELECTED}. Kept compactly (one byte per instance) so that a large
 * cluster stays cheap; {@link #verdicts()} expands it.
 */
public final class Explanation {
    /** One instance's fate for the task. */
    public record Verdict(String instanceId, Step step) {
        public boolean kept() {
            return step.passedFilters();
        }
    }

    private static final Step[] STEPS = Step.values();
    private final TaskRef task;
    private final List<String> instanceIds;
    private final byte[] steps;

    Explanation(TaskRef task, List<String> instanceIds, byte[] steps) {
        this.task = task;
        this.instanceIds = instanceIds;
        this.steps = steps;
    }

    public TaskRef task() {
        return task;
    }

    public List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>(instanceIds.size());
        for (int i = 0; i < instanceIds.size(); i++) {
            out.add(new Verdict(instanceIds.get(i), STEPS[steps[i]]));
        }
        return out;
    }

    /** The step for one instance, or null when it was not considered. */
    public Step stepOf(String instanceId) {
        int i = instanceIds.indexOf(instanceId);
        return i < 0 ? null : STEPS[steps[i]];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Explanation other && task.equals(other.task) && instanceIds.equals(other.instanceIds)
                && java.util.Arrays.equals(steps, other.steps);
    }

    @Override
    public int hashCode() {
        return task.hashCode() * 31 + java.util.Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
        return task + " " + verdicts();
    }
}
