package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code stowage destroy} removes: only what carries the design's names or Stowage's tags for it, never
 * anything else. In the order an apply removes it: services (scaled to 0, then deleted), the standalone tasks the
 * design's tasks started, the container instances and EC2 instances launched for the design's instances, the
 * ACTIVE revisions of the design's families (only when asked), and each cluster last, when nothing else is left.
 */
public record DestroyPlan(List<Step> steps) {
    public enum Kind { DELETE_SERVICE, STOP_TASK, DEREGISTER_INSTANCE, TERMINATE_INSTANCE, DEREGISTER_FAMILY, DELETE_CLUSTER }

    /**
     * @param kind    what the step does
     * @param cluster the cluster it concerns, or null for a family
     * @param target  the service name, task ARN, container instance ARN, EC2 id, family or cluster name
     * @param summary the line a user reads
     */
    public record Step(Kind kind, String cluster, String target, String summary) {
        @Override
        public String toString() {
            return "- " + summary;
        }
    }

    public DestroyPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public String summaryLine() {
        return "Destroy plan: " + steps.size() + " to remove";
    }

    public static DestroyPlan of(Design design, ObservedState observed, boolean deregisterFamilies) {
        List<Step> out = new ArrayList<>();
        List<Step> clusters = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            Optional<ObservedCluster> current = observed.cluster(cluster.name());
            if (current.isEmpty()) {
                continue;
            }
            ObservedCluster existing = current.get();
            for (Service service : cluster.services()) {
                String name = service.serviceName();
                var described = existing.service(name);
                if (described.isPresent() && "ACTIVE".equals(JsonTrees.string(described.get(), "status"))) {
                    out.add(new Step(Kind.DELETE_SERVICE, cluster.name(), name, "delete service " + cluster.name() + "/"
                            + name + " (scaled to 0 first)"));
                }
            }
            for (StandaloneTask task : cluster.tasks()) {
                for (ObservedTask started : StandaloneTasks.startedFor(task, existing.tasks())) {
                    if (!"STOPPED".equals(started.lastStatus()) && !"STOPPED".equals(started.desiredStatus())) {
                        out.add(new Step(Kind.STOP_TASK, cluster.name(), started.taskArn(), "stop task " + cluster.name()
                                + "/" + shortId(started.taskArn()) + " (of the design's task " + task.id() + ")"));
                    }
                }
            }
            Set<String> designIds = new LinkedHashSet<>();
            cluster.instances().stream().map(ContainerInstance::id).forEach(designIds::add);
            Set<String> launched = new LinkedHashSet<>();
            for (ObservedEc2Instance ec2 : existing.ec2Instances()) {
                // Only what a deploy launched for this cluster and one of the design's instances: its two tags.
                if (cluster.name().equals(ec2.cluster()) && ec2.designId() != null && designIds.contains(ec2.designId())
                        && !"terminated".equals(ec2.state()) && !"shutting-down".equals(ec2.state())) {
                    launched.add(ec2.instanceId());
                }
            }
            for (ObservedInstance registered : existing.instances()) {
                if (launched.contains(registered.ec2InstanceId())) {
                    out.add(new Step(Kind.DEREGISTER_INSTANCE, cluster.name(), registered.containerInstanceArn(),
                            "deregister container instance " + cluster.name() + "/" + registered.ec2InstanceId()));
                }
            }
            for (String id : launched) {
                out.add(new Step(Kind.TERMINATE_INSTANCE, cluster.name(), id, "terminate instance " + id
                        + " (launched for " + cluster.name() + ")"));
            }
            clusters.add(new Step(Kind.DELETE_CLUSTER, cluster.name(), cluster.name(), "delete cluster " + cluster.name()
                    + " once nothing else is in it (kept when it holds what the design did not make)"));
        }
        if (deregisterFamilies) {
            for (TaskDefinition td : design.taskDefinitionList()) {
                if (observed.latest(td.family()).isPresent()) {
                    out.add(new Step(Kind.DEREGISTER_FAMILY, null, td.family(), "deregister the ACTIVE revisions of "
                            + "task definition " + td.family()));
                }
            }
        }
        out.addAll(clusters);
        return new DestroyPlan(out);
    }

    private static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
