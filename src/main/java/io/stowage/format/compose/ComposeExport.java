package io.stowage.format.compose;

import io.stowage.format.YamlText;
import io.stowage.format.ConversionReport;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ImageBuild;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskSize;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A design as a compose file that plain Docker Compose runs: every container of every service's and standalone
 * task's task definition becomes a compose service (named after the ECS service, or SERVICE-CONTAINER when the
 * task has several containers), with the service's desired count as replicas, dependsOn as depends_on, the
 * image build extension as build, and the task's volumes as binds and named volumes. What compose cannot express
 * (essential containers, placement, awsvpc's own addresses, IAM roles, secrets from AWS, ...) is in the report.
 */
public final class ComposeExport {
    /**
     * @param text     the compose file
     * @param report   what compose cannot express, item by item, with design-file paths
     * @param services the compose services written, in order
     */
    public record Result(String text, ConversionReport report, List<String> services) {
    }

    private static final Set<String> TASK_MEMBERS_HANDLED = Set.of("family", "containerDefinitions", "volumes",
            "networkMode", "requiresCompatibilities", "cpu", "memory", "pidMode", "ipcMode", "runtimePlatform");
    private static final Set<String> SERVICE_MEMBERS_HANDLED = Set.of("serviceName", "taskDefinition", "desiredCount",
            "schedulingStrategy", "launchType", "cluster", "clientToken", "count", "startedBy", "overrides");

    private final Design design;
    private final ConversionReport report = new ConversionReport();
    private final Map<String, Object> services = new LinkedHashMap<>();
    private final Map<String, Object> volumes = new LinkedHashMap<>();
    private final Set<String> reportedTasks = new HashSet<>();
    private Path designDirectory;
    private Path composeDirectory;

    private ComposeExport(Design design) {
        this.design = design;
    }

    public static Result export(Design design) {
        return export(design, null, null);
    }

    /**
     * @param designDirectory  the design file's directory, against which relative build contexts resolve; null
     *                         to write them as they are
     * @param composeDirectory where the compose file goes, against which compose resolves them; null likewise
     */
    public static Result export(Design design, Path designDirectory, Path composeDirectory) {
        ComposeExport export = new ComposeExport(design);
        export.designDirectory = designDirectory == null ? null : designDirectory.toAbsolutePath().normalize();
        export.composeDirectory = composeDirectory == null ? null : composeDirectory.toAbsolutePath().normalize();
        export.run();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("services", Dollars.escape(export.services, null, export.report));
        if (!export.volumes.isEmpty()) {
            file.put("volumes", export.volumes);
        }
        String text = "# Made by Stowage from the design \"" + design.name().replace("\n", " ") + "\".\n"
                + "# What compose cannot express is listed in the export report.\n" + YamlText.write(file);
        return new Result(text, export.report, List.copyOf(export.services.keySet()));
    }

    private void run() {
        Set<String> used = new HashSet<>();
        boolean severalClusters = design.clusters().size() > 1;
        for (int c = 0; c < design.clusters().size(); c++) {
            Cluster cluster = design.clusters().get(c);
            String prefix = severalClusters ? cluster.id() + "-" : "";
            for (int s = 0; s < cluster.services().size(); s++) {
                Service service = cluster.services().get(s);
                String path = "clusters[" + c + "].services[" + s + "]";
                int replicas = service.isDaemon() ? 1 : service.desiredCount() == null ? 1 : service.desiredCount();
                if (service.isDaemon()) {
                    report.add(ConversionReport.Kind.APPROXIMATED, path + ".service.schedulingStrategy", "a DAEMON "
                            + "service runs one task per instance; one Docker host runs one");
                }
                serviceMembers(service.spec().json(), path + ".service");
                workload(prefix + service.id(), service.taskDefinitionFamily(), replicas, true, service.extras(), path, used,
                        JsonObject.EMPTY);
            }
            for (int t = 0; t < cluster.tasks().size(); t++) {
                StandaloneTask task = cluster.tasks().get(t);
                String path = "clusters[" + c + "].tasks[" + t + "]";
                serviceMembers(task.run().json(), path + ".run");
                workload(prefix + task.id(), task.taskDefinitionFamily(), task.count(), false, task.extras(), path, used,
                        task.run().json().get("overrides") instanceof JsonObject o ? o : JsonObject.EMPTY);
            }
        }
        List<TaskDefinition> all = design.taskDefinitionList();
        for (int i = 0; i < all.size(); i++) {
            if (!used.contains(all.get(i).family())) {
                report.add(ConversionReport.Kind.NOT_MAPPED, "taskDefinitions[" + i + "]", "no service or task runs "
                        + all.get(i).family() + ", so it has no compose service");
            }
        }
    }

    private void workload(String name, String family, int replicas, boolean longRunning, JsonObject extras, String path,
                          Set<String> used, JsonObject overrides) {
        TaskDefinition td = family == null ? null : design.taskDefinition(family).orElse(null);
        if (td == null) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path, "its task definition " + family + " is not in the design");
            return;
        }
        used.add(family);
        String tdPath = "taskDefinitions[" + design.taskDefinitionList().indexOf(td) + "]";
        JsonObject json = td.json();
        List<Json> items = ContainerExport.items(json.get("containerDefinitions"));
        // Indexes stay those of the file, so that report paths point at the right container.
        Map<Integer, JsonObject> containers = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonObject container) {
                containers.put(i, container);
            } else if (reportedTasks.add(family + "#" + i)) {
                report.add(ConversionReport.Kind.NOT_MAPPED, tdPath + ".containerDefinitions[" + i + "]", "this item is "
                        + items.get(i).typeName() + ", not a container definition, so it has no compose service");
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonObject container : containers.values()) {
            String containerName = ContainerExport.text(container.get("name"));
            names.put(containerName, containers.size() == 1 ? name : name + "-" + containerName);
        }
        taskMembers(json, tdPath, containers.size());
        Map<String, String> volumeNames = TaskVolumes.export(json, tdPath, name, volumes, report, reportedTasks.add(family));
        ContainerExport.Task task = new ContainerExport.Task(json, n -> names.getOrDefault(n, n), volumeNames,
                "awsvpc".equals(ContainerExport.text(json.get("networkMode"))), replicas);
        Map<String, ImageBuild> builds = new LinkedHashMap<>();
        ImageBuild.in(extras).forEach((container, build) -> builds.put(container, rebase(build)));
        String owner = null;
        for (Map.Entry<Integer, JsonObject> entry : containers.entrySet()) {
            int i = entry.getKey();
            String containerName = ContainerExport.text(entry.getValue().get("name"));
            JsonObject container = RunOverrides.apply(entry.getValue(), overrides, path + ".run.overrides", report);
            String containerPath = tdPath + ".containerDefinitions[" + i + "]";
            Map<String, Object> service = ContainerExport.export(container, containerPath, task,
                    builds.get(containerName), reportOnce(family + "#" + i));
            boolean essential = !Boolean.FALSE.equals(ContainerExport.bool(container.get("essential")));
            service.put("restart", longRunning && essential ? "unless-stopped" : "no");
            taskSettings(json, service);
            if (containers.size() == 1) {
                taskSize(json, service);
            }
            if (replicas != 1) {
                Map<String, Object> deploy = new LinkedHashMap<>();
                if (service.get("deploy") instanceof Map<?, ?> existing) {
                    existing.forEach((k, v) -> deploy.put(String.valueOf(k), v));
                }
                deploy.put("replicas", replicas);
                service.put("deploy", deploy);
            }
            if (task.sharesNetwork() && containers.size() > 1) {
                if (owner == null) {
                    owner = names.get(containerName);
                } else {
                    shareNetwork(service, owner);
                }
            }
            services.put(names.get(containerName), service);
        }
        if (containers.size() > 1 && reportedTasks.add(family + "#essential")) {
            report.add(ConversionReport.Kind.NOT_MAPPED, tdPath + ".containerDefinitions", "compose has no essential "
                    + "containers: on ECS, when an essential container of " + family + " stops, the whole task stops and "
                    + "its service starts a new one; compose restarts each container on its own");
        }
        if (task.sharesNetwork() && containers.size() > 1 && reportedTasks.add(family + "#awsvpc")) {
            report.add(ConversionReport.Kind.APPROXIMATED, tdPath + ".networkMode", "the containers of an awsvpc task "
                    + "share one network namespace; compose joins them to " + owner + "'s (network_mode service:)");
        }
    }

    /** A build whose relative context is relative to the compose file instead of the design file. */
    private ImageBuild rebase(ImageBuild build) {
        String context = build.context();
        if (designDirectory == null || composeDirectory == null || context.contains("://") || context.startsWith("git@")
                || Path.of(context).isAbsolute()) {
            return build;
        }
        String rebased = composeDirectory.relativize(designDirectory.resolve(context).normalize()).toString()
                .replace('\\', '/');
        return new ImageBuild(rebased.isEmpty() ? "." : rebased, build.dockerfile(), build.target(), build.args(),
                build.cacheFrom(), build.labels(), build.network(), build.pull(), build.noCache(), build.extras());
    }

    /** The report for the first copy of a task definition's container; later copies are not reported again. */
    private ConversionReport reportOnce(String key) {
        return reportedTasks.add(key) ? report : new ConversionReport();
    }

    @SuppressWarnings("unchecked")
    private void shareNetwork(Map<String, Object> service, String owner) {
        Object ports = service.remove("ports");
        if (ports instanceof List<?> list && services.get(owner) instanceof Map<?, ?> ownerService) {
            Map<String, Object> target = (Map<String, Object>) ownerService;
            List<Object> merged = new ArrayList<>(target.get("ports") instanceof List<?> l ? l : List.of());
            merged.addAll(list);
            target.put("ports", merged);
        }
        service.remove("hostname");
        service.remove("dns");
        service.remove("dns_search");
        service.remove("extra_hosts");
        service.remove("links");
        service.put("network_mode", "service:" + owner);
    }

    /** A one-container task's size is that container's limit: memory, and CPUs as a hard limit as on Fargate. */
    private static void taskSize(JsonObject td, Map<String, Object> service) {
        Integer memory = TaskSize.memoryMiB(ContainerExport.text(td.get("memory")));
        Integer cpu = TaskSize.cpuUnits(ContainerExport.text(td.get("cpu")));
        if (memory != null && !service.containsKey("mem_limit")) {
            service.put("mem_limit", memory + "m");
        }
        if (cpu != null && cpu > 0) {
            service.put("cpus", java.math.BigDecimal.valueOf(cpu).divide(java.math.BigDecimal.valueOf(1024), 3, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString());
        }
    }

    private void taskSettings(JsonObject td, Map<String, Object> service) {
        if ("host".equals(ContainerExport.text(td.get("networkMode")))) {
            service.put("network_mode", "host");
        } else if ("none".equals(ContainerExport.text(td.get("networkMode")))) {
            service.put("network_mode", "none");
        }
        if ("host".equals(ContainerExport.text(td.get("pidMode")))) {
            service.put("pid", "host");
        }
        String ipc = ContainerExport.text(td.get("ipcMode"));
        if ("host".equals(ipc)) {
            service.put("ipc", "host");
        }
        if (td.get("runtimePlatform") instanceof JsonObject platform && platform.has("cpuArchitecture")) {
            service.put("platform", "ARM64".equals(ContainerExport.text(platform.get("cpuArchitecture")))
                    ? "linux/arm64" : "linux/amd64");
        }
    }

    private void taskMembers(JsonObject td, String path, int containers) {
        if (!reportedTasks.add(path + "#members")) {
            return;
        }
        for (String key : td.keys()) {
            if (TASK_MEMBERS_HANDLED.contains(key)) {
                continue;
            }
            String message = switch (key) {
                case "taskRoleArn", "executionRoleArn" -> "IAM roles do not exist locally: the containers get no AWS "
                        + "credentials from the task";
                case "placementConstraints" -> "placement is ECS's; one Docker host runs everything";
                case "tags" -> "tags are ECS's";
                default -> "compose has no counterpart for " + key;
            };
            report.add(ConversionReport.Kind.NOT_MAPPED, path + "." + key, message);
        }
        if ((td.has("cpu") || td.has("memory")) && containers > 1) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path + (td.has("memory") ? ".memory" : ".cpu"), "the task size "
                    + "limits all " + containers + " containers together on ECS; compose limits containers one by one");
        }
        if ("awsvpc".equals(ContainerExport.text(td.get("networkMode"))) && containers == 1) {
            report.add(ConversionReport.Kind.APPROXIMATED, path + ".networkMode", "an awsvpc task has an address of "
                    + "its own on ECS; locally it is on the compose network");
        }
        if ("task".equals(ContainerExport.text(td.get("ipcMode")))) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path + ".ipcMode", "compose shares IPC between named "
                    + "containers only (ipc: service:NAME)");
        }
    }

    private void serviceMembers(JsonObject spec, String path) {
        for (String key : spec.keys()) {
            if (SERVICE_MEMBERS_HANDLED.contains(key)) {
                if (key.equals("launchType") && "FARGATE".equals(ContainerExport.text(spec.get(key)))) {
                    report.add(ConversionReport.Kind.APPROXIMATED, path + ".launchType", "Fargate tasks run locally as "
                            + "plain containers");
                }
                continue;
            }
            String message = switch (key) {
                case "placementConstraints", "placementStrategy" -> "placement is ECS's; one Docker host runs every task";
                case "deploymentConfiguration", "deploymentController" -> "compose replaces containers itself on up";
                case "networkConfiguration" -> "subnets and security groups are ECS's; locally the compose network "
                        + "connects the containers";
                case "loadBalancers", "serviceRegistries", "serviceConnectConfiguration" -> "compose has no load "
                        + "balancer or service discovery; services reach one another by compose service name";
                case "capacityProviderStrategy" -> "capacity providers are ECS's";
                default -> "compose has no counterpart for " + key;
            };
            report.add(ConversionReport.Kind.NOT_MAPPED, path + "." + key, message);
        }
    }
}
