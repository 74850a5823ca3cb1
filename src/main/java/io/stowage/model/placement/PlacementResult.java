package io.stowage.model.placement;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of placing a design: placements and failures in the order the scheduler handled the tasks
 * (per cluster: daemon services, then replica services, then standalone tasks, each in design order), every
 * container instance's usage, and an {@link Explanation} per EC2 task.
 */
public record PlacementResult(List<Placement> placements, List<PlacementFailure> failures,
                              List<InstanceUsage> instances, Map<TaskRef, Explanation> explanations) {
    public PlacementResult {
        placements = List.copyOf(placements);
        failures = List.copyOf(failures);
        instances = List.copyOf(instances);
        explanations = Collections.unmodifiableMap(explanations);
    }

    public boolean allPlaced() {
        return failures.isEmpty();
    }

    public Optional<Explanation> explanation(TaskRef task) {
        return Optional.ofNullable(explanations.get(task));
    }

    public Optional<InstanceUsage> instance(String clusterId, String instanceId) {
        return instances.stream().filter(i -> i.clusterId().equals(clusterId) && i.instanceId().equals(instanceId))
                .findFirst();
    }

    public Optional<Placement> placement(TaskRef task) {
        return placements.stream().filter(p -> p.task().equals(task)).findFirst();
    }

    /** The placements of one service or standalone task, in task order. */
    public List<Placement> placementsOf(String clusterId, TaskRef.Kind kind, String source) {
        return placements.stream().filter(p -> p.task().clusterId().equals(clusterId)
                && p.task().kind() == kind && p.task().source().equals(source)).toList();
    }

    public List<PlacementFailure> failuresOf(String clusterId, TaskRef.Kind kind, String source) {
        return failures.stream().filter(f -> f.task().clusterId().equals(clusterId)
                && f.task().kind() == kind && f.task().source().equals(source)).toList();
    }
}
