package io.stowage.model.design;

import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a design that runs as it is from workloads, each a task definition run as a service or as a standalone
 * task, on one cluster with capacity that fits all of their tasks at once (EC2 instances chosen by
 * {@link CapacityPlanner}, or Fargate where a task definition requires it). Importers of task-definition files and
 * of compose files share it. What it assumes is returned as notes.
 */
public final class DesignFromWorkloads {

    /**
     * One thing to run.
     *
     * @param id             the service's or task's id and the service name
     * @param taskDefinition the task definition (its family is required)
     * @param overrides      CreateService members (for a standalone task: RunTask members such as {@code count})
     *                       set over the defaults: service name, task definition, desired count 1, launch type,
     *                       and a subnet placeholder for awsvpc
     * @param entryExtras    members of the design's service or task entry outside the ECS shape, e.g.
     *                       {@link ImageBuild#MEMBER}
     * @param standalone     a standalone task (RunTask) instead of a service
     */
    public record Workload(String id, TaskDefinition taskDefinition, JsonObject overrides, JsonObject entryExtras,
                           boolean standalone) {
        public Workload {
            overrides = overrides == null ? JsonObject.EMPTY : overrides;
            entryExtras = entryExtras == null ? JsonObject.EMPTY : entryExtras;
        }

        public static Workload service(TaskDefinition taskDefinition) {
            return new Workload(taskDefinition.family(), taskDefinition, JsonObject.EMPTY, JsonObject.EMPTY, false);
        }
    }

    private DesignFromWorkloads() {
    }

    /**
     * @param name        the design's name
     * @param clusterId   the cluster's id and name
     * @param workloads   what to run; task definitions are keyed by family, so two workloads may share one
     * @param notesBefore notes the caller has already, which come first
     */
    public static ImportedDesign build(String name, String clusterId, List<Workload> workloads,
                                       List<DesignNote> notesBefore) {
        List<DesignNote> notes = new ArrayList<>(notesBefore);
        Map<String, TaskDefinition> byFamily = new LinkedHashMap<>();
        Cluster cluster = Cluster.named(clusterId);
        List<CapacityPlanner.Demand> ec2Demands = new ArrayList<>();
        boolean needsFargate = false;
        boolean defaultNetwork = false;
        boolean counted = false;
        for (Workload workload : workloads) {
            TaskDefinition td = workload.taskDefinition();
            String family = td.family();
            boolean firstUse = !byFamily.containsKey(family);
            byFamily.putIfAbsent(family, td);
            boolean fargate = DesignFromTaskDefinitions.isFargateOnly(td);
            String launchType = fargate ? LaunchTypes.FARGATE : LaunchTypes.EC2;
            NetworkConfiguration network = null;
            if ("awsvpc".equals(td.networkMode())) {
                // No network named: a deploy picks the default VPC's subnets and group, as the ECS console does.
                defaultNetwork = true;
            }
            int tasks;
            if (workload.standalone()) {
                RunTaskSpec run = RunTaskSpec.EMPTY.withTaskDefinition(family).withCount(1).withLaunchType(launchType)
                        .withNetworkConfiguration(network);
                for (Map.Entry<String, Json> member : workload.overrides().members().entrySet()) {
                    run = run.withMember(member.getKey(), member.getValue());
                }
                StandaloneTask task = new StandaloneTask(workload.id(), run, workload.entryExtras());
                cluster = cluster.withTask(task);
                tasks = task.count();
            } else {
                ServiceSpec spec = ServiceSpec.EMPTY.withServiceName(workload.id()).withTaskDefinition(family)
                        .withDesiredCount(1).withLaunchType(launchType).withNetworkConfiguration(network);
                for (Map.Entry<String, Json> member : workload.overrides().members().entrySet()) {
                    spec = spec.withMember(member.getKey(), member.getValue());
                }
                if (Service.DAEMON.equals(spec.schedulingStrategy()) && !workload.overrides().has("desiredCount")) {
                    spec = spec.withDesiredCount(null);
                }
                Service service = new Service(workload.id(), spec, workload.entryExtras());
                cluster = cluster.withService(service);
                tasks = service.isDaemon() ? 1 : service.desiredCount() == null ? 1 : service.desiredCount();
            }
            if (fargate) {
                needsFargate = true;
                continue;
            }
            TaskRequirements requirements = TaskRequirements.of(td);
            if (firstUse) {
                ElementId about = ElementId.taskDefinition(family);
                requirements.assumptions().forEach(a -> notes.add(new DesignNote(about, a)));
            }
            counted |= tasks != 1;
            for (int i = 0; i < tasks; i++) {
                ec2Demands.add(new CapacityPlanner.Demand(tasks == 1 ? workload.id() : workload.id() + " #" + (i + 1),
                        requirements));
            }
        }
        if (!ec2Demands.isEmpty()) {
            CapacityPlanner.Plan plan = CapacityPlanner.plan(ec2Demands);
            cluster = cluster.withInstances(plan.instances());
            ElementId about = ElementId.cluster(clusterId);
            plan.notes().forEach(n -> notes.add(new DesignNote(about, n)));
            notes.add(new DesignNote(about, plan.instances().size() + " EC2 instance(s) of type "
                    + String.join(", ", plan.instances().stream().map(ContainerInstance::instanceType).distinct().toList())
                    + (counted ? " hold every task of the EC2 services and tasks at once"
                    : " hold one task of every EC2 service at once")
                    + "; registered memory is estimated, and the zones "
                    + String.join(" and ", CapacityPlanner.ZONES) + " are examples"));
        }
        if (needsFargate) {
            cluster = cluster.withFargate(FargateCapacity.in(CapacityPlanner.ZONES));
        }
        if (defaultNetwork) {
            notes.add(new DesignNote(ElementId.cluster(clusterId), "awsvpc services and tasks name no subnets: a deploy "
                    + "puts them in the region's default VPC (its default subnets and security group), as the ECS "
                    + "console does; set networkConfiguration to choose others"));
        }
        Design design = new Design(name, List.of(cluster), byFamily, Layout.EMPTY, JsonObject.EMPTY);
        return new ImportedDesign(design.withLayout(AutoLayout.arrange(design)), notes);
    }
}
