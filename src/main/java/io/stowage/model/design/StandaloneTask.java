package io.stowage.model.design;

import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.json.JsonObject;

import java.util.Objects;

/**
 * A standalone task of a cluster: the RunTask input, kept verbatim, plus the design's id for it. Unlike a
 * service's tasks, nothing replaces these when they stop.
 *
 * @param id     the design's id, unique within its cluster; the element id is {@code cluster:<c>/task:<id>}
 * @param run    the RunTask input (taskDefinition, count, launchType, overrides, ...)
 * @param extras members of the file's task entry this build does not know, kept for writing back
 */
public record StandaloneTask(String id, RunTaskSpec run, JsonObject extras) implements Workload {
    public StandaloneTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    public static StandaloneTask of(String id, RunTaskSpec run) {
        return new StandaloneTask(id, run, JsonObject.EMPTY);
    }

    public TaskDefinitionRef taskDefinition() {
        return TaskDefinitionRef.parse(run.taskDefinition());
    }

    @Override
    public Kind kind() {
        return Kind.TASK;
    }

    @Override
    public boolean statesLaunchType() {
        return run.launchType() != null;
    }

    @Override
    public boolean usesCapacityProviders() {
        return !run.capacityProviderStrategy().isEmpty();
    }

    @Override
    public io.stowage.model.ecs.NetworkConfiguration networkConfiguration() {
        return run.networkConfiguration();
    }

    @Override
    public boolean statesPlacement() {
        return !run.placementStrategy().isEmpty() || !run.placementConstraints().isEmpty();
    }

    @Override
    public int tasksWanted(Cluster cluster) {
        return Math.max(0, count());
    }

    @Override
    public String label() {
        return "task " + id;
    }

    @Override
    public String inputPath(int clusterIndex, int index) {
        return "clusters[" + clusterIndex + "].tasks[" + index + "].run";
    }

    /** How many copies RunTask starts: {@code count}, which defaults to 1 (API Reference, RunTask.count). */
    public int count() {
        Integer count = run.count();
        return count == null ? 1 : count;
    }

    public String launchType() {
        return LaunchTypes.effective(run.launchType(), run.capacityProviderStrategy());
    }

    public StandaloneTask withId(String value) {
        return new StandaloneTask(value, run, extras);
    }

    public StandaloneTask withRun(RunTaskSpec value) {
        return new StandaloneTask(id, value, extras);
    }

    public StandaloneTask withExtras(JsonObject value) {
        return new StandaloneTask(id, run, value);
    }
}
