package io.stowage.model.rules.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.TaskDefinitionValidator;
import io.stowage.model.rules.ValidationContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Set;

/**
 * Validates a whole design and reports every finding at once: each task definition with the launch types the
 * design runs it on, then the rules of clusters, instances, services and standalone tasks. Paths are those of
 * the design file, e.g. {@code clusters[0].services[1].service.desiredCount} or
 * {@code taskDefinitions[2].containerDefinitions[0].memory}, so a reader can point at a line.
 */
public final class DesignValidator {
    public static final String CLUSTER_ID_UNIQUE = "design-cluster-id-unique";
    public static final String CLUSTER_NAME_UNIQUE = "design-cluster-name-unique";
    public static final String INSTANCE_ID_UNIQUE = "design-instance-id-unique";
    public static final String INSTANCE_RESOURCES = "design-instance-resources";
    public static final String SERVICE_ID_UNIQUE = "design-service-id-unique";
    public static final String SERVICE_NAME_REQUIRED = "design-service-name-required";
    public static final String SERVICE_NAME_UNIQUE = "design-service-name-unique";
    public static final String SERVICE_CLUSTER_MISMATCH = "design-service-cluster-mismatch";
    public static final String DESIRED_COUNT_NEGATIVE = "design-desired-count-negative";
    public static final String DESIRED_COUNT_REQUIRED = "design-desired-count-required";
    public static final String DAEMON_DESIRED_COUNT = "design-daemon-desired-count";
    public static final String DAEMON_FARGATE = "design-daemon-fargate";
    public static final String TASK_ID_UNIQUE = "design-task-id-unique";
    public static final String RUN_TASK_COUNT = "design-run-task-count";
    public static final String PUBLISH_ALL_INTERFACES = "design-publish-all-interfaces";

    private DesignValidator() {
    }

    /** All findings, errors first, each group in document order. */
    public static List<Finding> validate(Design design) {
        return validate(design, TaskDefinitionValidator::validate);
    }

    /**
     * As {@link #validate(Design)}, with the task definitions checked by {@code taskDefinitions}, e.g. one that
     * remembers the findings of task definitions an edit did not touch (the editor validates after every edit).
     */
    public static List<Finding> validate(Design design,
                                         BiFunction<TaskDefinition, ValidationContext, List<Finding>> taskDefinitions) {
        List<Finding> out = new ArrayList<>();
        List<TaskDefinition> all = design.taskDefinitionList();
        Map<String, Set<String>> launchTypes = launchTypes(design);
        for (int i = 0; i < all.size(); i++) {
            TaskDefinition td = all.get(i);
            ValidationContext context = new ValidationContext(launchTypes.getOrDefault(td.family(), Set.of()));
            for (Finding finding : taskDefinitions.apply(td, context)) {
                out.add(finding.under("taskDefinitions[" + i + "]"));
            }
        }
        checkClusters(design, out);
        checkLocalRun(design, out);
        Set<String> instanceIds = new HashSet<>();
        for (int c = 0; c < design.clusters().size(); c++) {
            Cluster cluster = design.clusters().get(c);
            checkInstances(cluster, c, instanceIds, out);
            checkServices(design, cluster, c, out);
            checkTasks(design, cluster, c, out);
        }
        // A stable sort keeps document order within each severity.
        out.sort(Comparator.comparing(f -> !f.isError()));
        return List.copyOf(out);
    }

    /** {@link Design#launchTypesOf} of every family at once: one pass over the services, not one per family. */
    private static Map<String, Set<String>> launchTypes(Design design) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Cluster cluster : design.clusters()) {
            for (Service service : cluster.services()) {
                String family = service.taskDefinitionFamily();
                if (family != null) {
                    out.computeIfAbsent(family, f -> new LinkedHashSet<>()).add(service.launchType());
                }
            }
            for (StandaloneTask task : cluster.tasks()) {
                String family = task.taskDefinitionFamily();
                if (family != null) {
                    out.computeIfAbsent(family, f -> new LinkedHashSet<>()).add(task.launchType());
                }
            }
        }
        return out;
    }

    /**
     * A local run publishes host ports on loopback addresses unless the design asks for all interfaces, which puts
     * every published port of the design in reach of the whole network the machine is on.
     */
    private static void checkLocalRun(Design design, List<Finding> out) {
        if (!(design.extras().get("localRun") instanceof io.stowage.model.json.JsonObject local)
                || !(local.get("publishAllInterfaces") instanceof io.stowage.model.json.JsonBool all) || !all.value()) {
            return;
        }
        boolean publishes = design.taskDefinitionList().stream().flatMap(td -> td.containerDefinitions().stream())
                .anyMatch(c -> c.json().get("portMappings") instanceof io.stowage.model.json.JsonArray ports
                        && !ports.isEmpty());
        if (publishes) {
            out.add(Finding.warning("localRun.publishAllInterfaces", "a local run of this design publishes its host "
                    + "ports on all interfaces (0.0.0.0), in reach of every machine on the networks this one is on; "
                    + "without this setting they stay on loopback addresses. Remove it unless others must reach the "
                    + "run (stowage up --publish-all does it for one run)", PUBLISH_ALL_INTERFACES));
        }
    }

    private static void checkClusters(Design design, List<Finding> out) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int c = 0; c < design.clusters().size(); c++) {
            Cluster cluster = design.clusters().get(c);
            // Element ids key the layout and the selection, so two clusters of one id would be one element.
            if (!ids.add(cluster.id())) {
                out.add(Finding.error("clusters[" + c + "].id", "two clusters have the id " + cluster.id(),
                        CLUSTER_ID_UNIQUE));
            }
            // CreateCluster.clusterName [M]: cluster names are unique per account and Region; deploying two
            // clusters of one name would make them one.
            if (!names.add(cluster.name())) {
                out.add(Finding.error("clusters[" + c + "].name", "two clusters are named " + cluster.name(),
                        CLUSTER_NAME_UNIQUE));
            }
        }
    }

    private static void checkInstances(Cluster cluster, int c, Set<String> instanceIds, List<Finding> out) {
        for (int i = 0; i < cluster.instances().size(); i++) {
            ContainerInstance instance = cluster.instances().get(i);
            String path = "clusters[" + c + "].instances[" + i + "]";
            // An EC2 instance id is unique, and a container instance registers with one cluster at a time
            // [M RegisterContainerInstance]; it is also the instance's element id and ec2InstanceId in
            // placement expressions.
            if (!instanceIds.add(instance.id())) {
                out.add(Finding.error(path + ".id", "instance id " + instance.id() + " is used more than once "
                        + "in the design", INSTANCE_ID_UNIQUE));
            }
            // The agent registers CPU = vCPUs x 1024 and MEMORY = MemTotal - ECS_RESERVED_MEMORY, and fails to
            // register when that is not positive [A ecs_client.go; ecs-semantics §4.1].
            if (instance.registeredCpu() <= 0) {
                out.add(Finding.error(path + ".registeredCpu", "instance " + instance.id() + " registers "
                        + instance.registeredCpu() + " CPU units; an instance registers vCPUs x 1024", INSTANCE_RESOURCES));
            }
            if (instance.registeredMemoryMiB() <= 0) {
                out.add(Finding.error(path + ".registeredMemoryMiB", "instance " + instance.id() + " registers "
                        + instance.registeredMemoryMiB() + " MiB of memory; the agent cannot register an instance "
                        + "without memory for tasks", INSTANCE_RESOURCES));
            }
        }
    }

    private static void checkServices(Design design, Cluster cluster, int c, List<Finding> out) {
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int s = 0; s < cluster.services().size(); s++) {
            Service service = cluster.services().get(s);
            Workload w = Workload.of(cluster, c, s, service);
            if (!ids.add(service.id())) {
                out.add(Finding.error("clusters[" + c + "].services[" + s + "].id", "two services of cluster "
                        + cluster.name() + " have the id " + service.id(), SERVICE_ID_UNIQUE));
            }
            String name = service.serviceName();
            if (name == null || name.isBlank()) {
                // CreateService.serviceName is required [M].
                out.add(Finding.error(w.path("serviceName"), "service " + service.id() + " has no serviceName",
                        SERVICE_NAME_REQUIRED));
            } else if (!names.add(name)) {
                // CreateService.serviceName [M]: "Service names must be unique within a cluster".
                out.add(Finding.error(w.path("serviceName"), "cluster " + cluster.name() + " has two services named "
                        + name + "; service names must be unique within a cluster", SERVICE_NAME_UNIQUE));
            }
            String stated = service.spec().cluster();
            if (stated != null && !stated.equals(cluster.name()) && !stated.endsWith(":cluster/" + cluster.name())) {
                // The design's cluster decides where a service runs; a different cluster in the input would
                // otherwise send it elsewhere.
                out.add(Finding.warning(w.path("cluster"), "service " + name + " states cluster " + stated
                        + " but is in cluster " + cluster.name() + "; deploying uses " + cluster.name(),
                        SERVICE_CLUSTER_MISMATCH));
            }
            checkSchedulingStrategy(service, w, out);
            WorkloadRules.check(design, w, out);
        }
    }

    private static void checkSchedulingStrategy(Service service, Workload w, List<Finding> out) {
        Integer desired = service.desiredCount();
        if (service.isDaemon()) {
            // CreateService.desiredCount [M]: not for DAEMON; the scheduler runs one task per active instance
            // that meets the constraints [D ecs_services.md, ecs-semantics §5.5].
            if (desired != null) {
                out.add(Finding.error(w.path("desiredCount"), w.label() + " is a DAEMON service, which runs one "
                        + "task per instance; remove desiredCount", DAEMON_DESIRED_COUNT));
            }
            // CreateService.schedulingStrategy [M]: "Tasks using the Fargate launch type ... don't support the
            // DAEMON scheduling strategy."
            if (LaunchTypes.FARGATE.equals(service.launchType())) {
                out.add(Finding.error(w.path("schedulingStrategy"), w.label() + " is a DAEMON service on Fargate, "
                        + "which supports REPLICA services only", DAEMON_FARGATE));
            }
        } else if (desired == null) {
            // CreateService.desiredCount [M]: "required if schedulingStrategy is REPLICA or isn't specified".
            out.add(Finding.warning(w.path("desiredCount"), w.label() + " has no desiredCount; a REPLICA service "
                    + "states how many tasks to keep running", DESIRED_COUNT_REQUIRED));
        } else if (desired < 0) {
            // A count of tasks cannot be negative; ECS refuses it (InvalidParameterException).
            out.add(Finding.error(w.path("desiredCount"), w.label() + " has desiredCount " + desired
                    + "; it must be 0 or more", DESIRED_COUNT_NEGATIVE));
        }
    }

    private static void checkTasks(Design design, Cluster cluster, int c, List<Finding> out) {
        Set<String> ids = new HashSet<>();
        for (int t = 0; t < cluster.tasks().size(); t++) {
            StandaloneTask task = cluster.tasks().get(t);
            Workload w = Workload.of(cluster, c, t, task);
            if (!ids.add(task.id())) {
                out.add(Finding.error("clusters[" + c + "].tasks[" + t + "].id", "two tasks of cluster "
                        + cluster.name() + " have the id " + task.id(), TASK_ID_UNIQUE));
            }
            // RunTask.count [M]: "You can specify up to 10 tasks for each call"; ecs-semantics §5.1.
            if (task.count() < 1 || task.count() > 10) {
                out.add(Finding.error(w.path("count"), w.label() + " has count " + task.count()
                        + "; RunTask starts 1 to 10 tasks per call", RUN_TASK_COUNT));
            }
            WorkloadRules.check(design, w, out);
        }
    }
}
