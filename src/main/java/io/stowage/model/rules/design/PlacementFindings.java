package io.stowage.model.rules.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.TaskRef;
import io.stowage.model.rules.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks the scheduler cannot place, as findings: one warning per service or standalone task with pending
 * tasks, from the same placement the canvas draws its "pending" chips from, so that the problems list and the
 * canvas never disagree. A warning, not an error: ECS accepts the design and leaves those tasks PENDING.
 */
public final class PlacementFindings {
    /** The rule id of a service's or standalone task's tasks that stay PENDING. */
    public static final String TASKS_NOT_PLACED = "design-tasks-not-placed";

    private PlacementFindings() {
    }

    /** Warnings at the service's or task's path ({@code clusters[0].services[1]}), in the scheduler's order. */
    public static List<Finding> of(Design design, PlacementResult result) {
        Map<TaskRef, List<PlacementFailure>> bySource = new LinkedHashMap<>();
        for (PlacementFailure failure : result.failures()) {
            TaskRef task = failure.task();
            bySource.computeIfAbsent(new TaskRef(task.clusterId(), task.kind(), task.source(), 0),
                    k -> new ArrayList<>()).add(failure);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<TaskRef, List<PlacementFailure>> entry : bySource.entrySet()) {
            TaskRef source = entry.getKey();
            String path = path(design, source);
            if (path == null) {
                continue;
            }
            List<PlacementFailure> failures = entry.getValue();
            int pending = failures.size();
            int all = pending + result.placementsOf(source.clusterId(), source.kind(), source.source()).size();
            String count = all == 1 ? "Its task cannot be placed"
                    : pending == all ? "None of its " + all + " tasks can be placed"
                    : pending + " of its " + all + " tasks cannot be placed";
            out.add(Finding.warning(path, count + " and would stay PENDING: " + failures.get(0).message(),
                    TASKS_NOT_PLACED));
        }
        return out;
    }

    private static String path(Design design, TaskRef source) {
        List<Cluster> clusters = design.clusters();
        for (int c = 0; c < clusters.size(); c++) {
            Cluster cluster = clusters.get(c);
            if (!cluster.id().equals(source.clusterId())) {
                continue;
            }
            if (source.kind() == TaskRef.Kind.SERVICE) {
                for (int s = 0; s < cluster.services().size(); s++) {
                    if (cluster.services().get(s).id().equals(source.source())) {
                        return "clusters[" + c + "].services[" + s + "]";
                    }
                }
            } else {
                for (int t = 0; t < cluster.tasks().size(); t++) {
                    if (cluster.tasks().get(t).id().equals(source.source())) {
                        return "clusters[" + c + "].tasks[" + t + "]";
                    }
                }
            }
        }
        return null;
    }
}
