package io.stowage.model.deploy;

import io.stowage.model.design.StandaloneTask;

import java.util.List;

/**
 * How deploying recognises the tasks a standalone task of the design already started, since RunTask has no
 * name to find them by: by their {@code startedBy} when the design gives one, else, among tasks started without
 * one, by their task group ({@code group}, which defaults to {@code family:<family>}), always of the design's
 * family. A standalone task counts as done while ECS still describes the tasks it started, running or stopped
 * (at least an hour after they stop [D stopped-task-errors.md]), of the revision it must run.
 */
public final class StandaloneTasks {

    private StandaloneTasks() {
    }

    /** The tasks among {@code tasks} that {@code task} started, of any revision of its family. */
    public static List<ObservedTask> startedFor(StandaloneTask task, List<ObservedTask> tasks) {
        String family = task.taskDefinitionFamily();
        String startedBy = task.run().startedBy();
        String group = task.run().group() != null ? task.run().group() : "family:" + family;
        return tasks.stream()
                .filter(t -> t.taskDefinition() != null && t.taskDefinition().family().equals(family))
                .filter(t -> startedBy != null && !startedBy.isEmpty() ? startedBy.equals(t.startedBy())
                        : (t.startedBy() == null || t.startedBy().isEmpty()) && group.equals(t.group()))
                .toList();
    }
}
