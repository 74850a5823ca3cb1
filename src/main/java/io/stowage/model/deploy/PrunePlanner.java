package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.stowage.model.deploy.PlannedChange.Action.DELETE;

/**
 * What {@code deploy --prune} removes: the services and standalone tasks a deploy of this design made (they carry
 * its {@value DeployPlanner#DESIGN_TAG} tag) in the design's clusters that the design no longer has. Nothing
 * without that tag is ever touched, whatever its name: a service someone else made in the cluster stays. Pure.
 */
public final class PrunePlanner {

    /**
     * What a cluster holds that carries the design's tag.
     *
     * @param services the ACTIVE services' names
     * @param tasks    the running tasks not started by a service
     */
    public record Tagged(List<String> services, List<ObservedTask> tasks) {
        public Tagged {
            services = List.copyOf(services);
            tasks = List.copyOf(tasks);
        }
    }

    private PrunePlanner() {
    }

    /** @param tagged by cluster name, for the design's clusters that exist */
    public static List<PlannedChange> plan(Design design, Map<String, Tagged> tagged) {
        List<PlannedChange> out = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            Tagged found = tagged.get(cluster.name());
            if (found == null) {
                continue;
            }
            Set<String> designed = cluster.services().stream().map(Service::serviceName).collect(Collectors.toSet());
            for (String service : found.services()) {
                if (!designed.contains(service)) {
                    String subject = "service " + cluster.name() + "/" + service;
                    out.add(new PlannedChange(ChangeKind.DELETE_SERVICE, DELETE, cluster.name(), subject,
                            "delete " + subject + " (scaled to 0 first; deployed from this design, no longer in it)",
                            List.of(), null, null));
                }
            }
            for (ObservedTask task : found.tasks()) {
                if (!"RUNNING".equals(task.desiredStatus()) || stillDesigned(cluster, task)) {
                    continue;
                }
                String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
                out.add(new PlannedChange(ChangeKind.STOP_TASK, DELETE, cluster.name(), "task " + cluster.name() + "/"
                        + id, "stop task " + cluster.name() + "/" + id + " of " + (task.taskDefinition() == null ? "?"
                        : task.taskDefinition()) + " (started from this design, no longer in it)", List.of(),
                        null, null));
            }
        }
        return out;
    }

    /** Whether one of the cluster's designed standalone tasks counts the task as its own. */
    private static boolean stillDesigned(Cluster cluster, ObservedTask task) {
        for (StandaloneTask designed : cluster.tasks()) {
            if (StandaloneTasks.startedFor(designed, List.of(task)).contains(task)) {
                return true;
            }
        }
        return false;
    }
}
