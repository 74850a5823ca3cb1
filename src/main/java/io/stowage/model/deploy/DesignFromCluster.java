package io.stowage.model.deploy;

import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignNote;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.design.InstanceType;
import io.stowage.model.design.InstanceTypes;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a design from a running cluster, so that deploying the design back changes nothing: each service
 * becomes a service with the CreateService settings ECS reports, each family the latest ACTIVE revision
 * (services on an older one are pinned to it), each container instance an instance with its registered
 * resources and custom attributes, and running standalone tasks become standalone tasks. Laid out on the canvas.
 */
public final class DesignFromCluster {
    /** CreateService members that a Service of DescribeServices reports under the same name. */
    private static final List<String> SERVICE_MEMBERS = List.of("launchType", "capacityProviderStrategy",
            "platformVersion", "deploymentConfiguration", "placementConstraints", "placementStrategy",
            "networkConfiguration", "healthCheckGracePeriodSeconds", "schedulingStrategy", "deploymentController",
            "enableECSManagedTags", "propagateTags", "enableExecuteCommand", "availabilityZoneRebalancing",
            "loadBalancers", "serviceRegistries");
    private static final int RUN_TASK_MAX = 10;

    private DesignFromCluster() {
    }

    public static ImportedDesign build(String designName, ImportSource source) {
        List<DesignNote> notes = new ArrayList<>();
        String clusterId = source.clusterName();
        Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
        source.latestRevisions().forEach((family, described) ->
                taskDefinitions.put(family, new TaskDefinition(TaskDefinitionNormalizer.tidy(described))));
        Cluster cluster = Cluster.named(clusterId).withName(source.clusterName());
        Set<String> zones = new LinkedHashSet<>();
        boolean fargate = false;
        for (JsonObject described : source.services()) {
            Service service = service(described, source, notes, clusterId);
            cluster = cluster.withService(service);
            fargate |= LaunchTypes.FARGATE.equals(service.launchType());
        }
        Set<String> registeredEc2 = new LinkedHashSet<>();
        for (JsonObject described : source.containerInstances()) {
            ContainerInstance instance = instance(described);
            cluster = cluster.withInstance(instance);
            registeredEc2.add(JsonTrees.string(described, "ec2InstanceId"));
        }
        for (JsonObject launched : source.launchedInstances()) {
            ObservedEc2Instance observed = ObservedEc2Instance.fromDescribed(launched);
            if (registeredEc2.contains(observed.instanceId()) || !observed.isUp()) {
                continue;
            }
            ContainerInstance instance = launchedInstance(launched, observed);
            if (cluster.instance(instance.id()).isPresent()) {
                continue;
            }
            cluster = cluster.withInstance(instance);
            notes.add(new DesignNote(ElementId.instance(clusterId, instance.id()), "EC2 instance "
                    + observed.instanceId() + " was launched for cluster " + source.clusterName() + " and its agent has"
                    + " not registered yet; it is kept as instance " + instance.id() + " with its type's resources"));
        }
        for (StandaloneTask task : standaloneTasks(source, notes, clusterId)) {
            cluster = cluster.withTask(task);
            fargate |= LaunchTypes.FARGATE.equals(task.launchType());
        }
        for (JsonObject task : source.tasks()) {
            String zone = JsonTrees.string(task, "availabilityZone");
            if (zone != null && "FARGATE".equals(JsonTrees.string(task, "launchType"))) {
                zones.add(zone);
            }
        }
        if (fargate) {
            cluster = cluster.withFargate(FargateCapacity.in(List.copyOf(zones)));
        }
        Design design = new Design(designName, List.of(cluster), taskDefinitions, null, JsonObject.EMPTY);
        return new ImportedDesign(design.withLayout(AutoLayout.arrange(design)), notes);
    }

    private static Service service(JsonObject described, ImportSource source, List<DesignNote> notes,
                                   String clusterId) {
        String name = JsonTrees.string(described, "serviceName");
        JsonObject.Builder spec = JsonObject.builder().put("serviceName", name);
        String reference = reference(JsonTrees.string(described, "taskDefinition"), source);
        if (reference != null) {
            spec.put("taskDefinition", reference);
            if (reference.contains(":")) {
                notes.add(new DesignNote(ElementId.service(clusterId, name), "service " + name + " runs " + reference
                        + ", older than the latest revision the design holds; it stays pinned to " + reference));
            }
        }
        boolean daemon = "DAEMON".equals(JsonTrees.string(described, "schedulingStrategy"));
        if (!daemon && described.get("desiredCount") != null) {
            spec.put("desiredCount", described.get("desiredCount"));
        }
        for (String member : SERVICE_MEMBERS) {
            Json value = described.get(member);
            Json kept = value == null ? null : JsonTrees.prune(value, Set.of());
            if (kept == null || isDefault(member, kept, daemon)) {
                continue;
            }
            spec.put(member, kept);
        }
        return new Service(name, new ServiceSpec(spec.build()), JsonObject.EMPTY);
    }

    /** Whether the value is what ECS assumes when CreateService leaves the member out. */
    private static boolean isDefault(String member, Json value, boolean daemon) {
        if (value instanceof JsonObject o && o.isEmpty() || value instanceof JsonArray a && a.isEmpty()) {
            return true;
        }
        return switch (member) {
            case "platformVersion" -> "LATEST".equals(text(value));
            case "schedulingStrategy" -> "REPLICA".equals(text(value));
            case "propagateTags" -> "NONE".equals(text(value));
            case "deploymentController" -> value.equals(JsonObject.builder().put("type", "ECS").build());
            case "healthCheckGracePeriodSeconds" -> value instanceof JsonNumber n && n.value().signum() == 0;
            case "deploymentConfiguration" -> value.equals(JsonObject.builder()
                    .put("maximumPercent", daemon ? 100 : 200).put("minimumHealthyPercent", daemon ? 0 : 100)
                    .build());
            default -> false;
        };
    }

    private static String text(Json value) {
        return value instanceof JsonString s ? s.value() : null;
    }

    /** {@code family} when it is the latest revision the design holds, else {@code family:revision}. */
    private static String reference(String arn, ImportSource source) {
        TaskDefinitionRef ref = TaskDefinitionRef.parse(arn);
        if (ref == null) {
            return null;
        }
        JsonObject latest = source.latestRevisions().get(ref.family());
        Integer latestRevision = latest == null ? null : JsonTrees.integer(latest, "revision");
        return ref.revision() == null || ref.revision().equals(latestRevision) ? ref.family() : ref.toString();
    }

    private static ContainerInstance instance(JsonObject described) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> custom = new LinkedHashMap<>();
        for (Json item : JsonTrees.array(described.get("attributes")).items()) {
            JsonObject attribute = JsonTrees.object(item);
            String name = JsonTrees.string(attribute, "name");
            String value = JsonTrees.string(attribute, "value");
            if (name == null) {
                continue;
            }
            attributes.put(name, value == null ? "" : value);
            if (!name.startsWith("ecs.") && !name.startsWith("com.amazonaws.")
                    && !name.equals(EcsAgentConfig.INSTANCE_ATTRIBUTE)) {
                custom.put(name, value == null ? "" : value);
            }
        }
        String ec2Id = JsonTrees.string(described, "ec2InstanceId");
        String arn = JsonTrees.string(described, "containerInstanceArn");
        String id = attributes.getOrDefault(EcsAgentConfig.INSTANCE_ATTRIBUTE,
                ec2Id != null ? ec2Id : arn.substring(arn.lastIndexOf('/') + 1));
        String type = attributes.getOrDefault("ecs.instance-type", "unknown");
        String architecture = attributes.getOrDefault("ecs.cpu-architecture",
                InstanceTypes.find(type).map(InstanceType::architecture).orElse(InstanceType.X86_64));
        JsonArray registered = JsonTrees.array(described.get("registeredResources"));
        String versionOfAgent = JsonTrees.string(JsonTrees.object(described.get("versionInfo")), "agentVersion");
        Boolean connected = described.get("agentConnected") instanceof io.stowage.model.json.JsonBool b ? b.value()
                : Boolean.TRUE;
        return new ContainerInstance(id, type, attributes.getOrDefault("ecs.availability-zone", "unknown"),
                integerResource(registered, "CPU"), integerResource(registered, "MEMORY"),
                setResource(registered, "GPU").size(), attributes.getOrDefault("ecs.os-type", ContainerInstance.LINUX),
                architecture, custom, connected, versionOfAgent, ports(setResource(registered, "PORTS")),
                ports(setResource(registered, "PORTS_UDP")), JsonObject.EMPTY);
    }

    /** An instance launched for the cluster, not yet registered: its type's resources, its zone, its design id. */
    private static ContainerInstance launchedInstance(JsonObject described, ObservedEc2Instance observed) {
        String type = JsonTrees.string(described, "instanceType");
        String zone = JsonTrees.string(JsonTrees.object(described.get("placement")), "availabilityZone");
        String id = observed.designId() != null ? observed.designId() : observed.instanceId();
        var known = InstanceTypes.find(type);
        if (known.isPresent()) {
            return ContainerInstance.of(id, type, zone == null ? "unknown" : zone);
        }
        return new ContainerInstance(id, type == null ? "unknown" : type, zone == null ? "unknown" : zone, 0, 0, 0,
                ContainerInstance.LINUX, InstanceType.X86_64, Map.of(), false, null,
                ContainerInstance.DEFAULT_RESERVED_PORTS, List.of(), JsonObject.EMPTY);
    }

    private static int integerResource(JsonArray resources, String name) {
        for (Json item : resources.items()) {
            JsonObject resource = JsonTrees.object(item);
            if (name.equals(JsonTrees.string(resource, "name"))) {
                Integer value = JsonTrees.integer(resource, "integerValue");
                return value == null ? 0 : value;
            }
        }
        return 0;
    }

    private static List<String> setResource(JsonArray resources, String name) {
        for (Json item : resources.items()) {
            JsonObject resource = JsonTrees.object(item);
            if (name.equals(JsonTrees.string(resource, "name"))) {
                List<String> out = new ArrayList<>();
                JsonTrees.array(resource.get("stringSetValue")).items().forEach(v -> {
                    if (v instanceof JsonString s) {
                        out.add(s.value());
                    }
                });
                return out;
            }
        }
        return List.of();
    }

    private static List<Integer> ports(List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String value : values) {
            try {
                out.add(Integer.parseInt(value.strip()));
            } catch (NumberFormatException ignored) {
                // A port range or a name the agent will not have sent; nothing a design can hold.
            }
        }
        out.sort(Integer::compare);
        return out;
    }

    /** Running tasks no service started, grouped by what RunTask would need to start them again. */
    private static List<StandaloneTask> standaloneTasks(ImportSource source, List<DesignNote> notes,
                                                        String clusterId) {
        Map<List<String>, List<JsonObject>> groups = new LinkedHashMap<>();
        for (JsonObject task : source.tasks()) {
            String group = JsonTrees.string(task, "group");
            String startedBy = JsonTrees.string(task, "startedBy");
            if (group != null && group.startsWith("service:") || startedBy != null && startedBy.startsWith("ecs-svc/")
                    || !"RUNNING".equals(JsonTrees.string(task, "desiredStatus"))) {
                continue;
            }
            List<String> key = new ArrayList<>();
            key.add(JsonTrees.string(task, "taskDefinitionArn"));
            key.add(startedBy == null ? "" : startedBy);
            key.add(group == null ? "" : group);
            key.add(JsonTrees.string(task, "launchType"));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(task);
        }
        List<StandaloneTask> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        groups.forEach((key, tasks) -> {
            String reference = reference(key.get(0), source);
            if (reference == null) {
                return;
            }
            String family = TaskDefinitionRef.parse(reference).family();
            for (int start = 0; start < tasks.size(); start += RUN_TASK_MAX) {
                int count = Math.min(RUN_TASK_MAX, tasks.size() - start);
                RunTaskSpec run = RunTaskSpec.EMPTY.withTaskDefinition(reference).withCount(count);
                if (key.get(3) != null) {
                    run = run.withLaunchType(key.get(3));
                }
                if (!key.get(1).isEmpty()) {
                    run = run.withStartedBy(key.get(1));
                }
                if (!key.get(2).isEmpty() && !key.get(2).equals("family:" + family)) {
                    run = run.withGroup(key.get(2));
                }
                String id = unique(key.get(1).isEmpty() ? family : key.get(1).replace('/', '-'), ids);
                StandaloneTask task = StandaloneTask.of(id, run);
                if ("awsvpc".equals(networkMode(source, family))) {
                    notes.add(new DesignNote(ElementId.task(clusterId, id), "task " + id + " uses awsvpc; ECS does"
                            + " not report its security groups, so give its networkConfiguration before running it"
                            + " again"));
                }
                out.add(task);
            }
        });
        return out;
    }

    private static String networkMode(ImportSource source, String family) {
        JsonObject latest = source.latestRevisions().get(family);
        return latest == null ? null : JsonTrees.string(latest, "networkMode");
    }

    private static String unique(String base, Set<String> ids) {
        String id = base.isEmpty() ? "task" : base;
        int n = 2;
        while (!ids.add(id)) {
            id = base + "-" + n++;
        }
        return id;
    }
}
