package io.stowage.format.design;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.InstanceType;
import io.stowage.model.design.InstanceTypes;
import io.stowage.model.design.Layout;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;
import io.stowage.model.rules.ShapeTypeCheck;
import io.stowage.model.rules.TypeMismatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the JSON tree of a design file, already migrated to the current format, into a {@link Design}. The
 * first problem stops it, with the path of the offending value and what belongs there.
 */
final class DesignTreeReader {
    private DesignTreeReader() {
    }

    static Design read(JsonObject root) throws DesignShapeException {
        JsonFields top = JsonFields.of(root, JsonPath.ROOT, "a Stowage design");
        String id = designId(top);
        String name = top.optionalString(DesignKeys.NAME, "the design's name");
        List<Cluster> clusters = new ArrayList<>();
        List<Json> clusterItems = top.optionalArray(DesignKeys.CLUSTERS, "the clusters");
        for (int i = 0; i < clusterItems.size(); i++) {
            clusters.add(cluster(clusterItems.get(i), top.path(DesignKeys.CLUSTERS).index(i)));
        }
        Map<String, TaskDefinition> taskDefinitions = new LinkedHashMap<>();
        List<Json> tdItems = top.optionalArray(DesignKeys.TASK_DEFINITIONS, "task definitions, the RegisterTaskDefinition input");
        for (int i = 0; i < tdItems.size(); i++) {
            JsonPath path = top.path(DesignKeys.TASK_DEFINITIONS).index(i);
            TaskDefinition td = new TaskDefinition(typeChecked(tdItems.get(i), path, EcsSchema.TASK_DEFINITION,
                    "a task definition, the RegisterTaskDefinition input"));
            String family = JsonFields.of(td.json(), path, "a task definition").requiredId("family", "the task definition family");
            if (taskDefinitions.containsKey(family)) {
                throw new DesignShapeException(path.key("family"), "family " + family + " appears twice; a design "
                        + "holds one task definition per family");
            }
            taskDefinitions.put(family, td);
        }
        Layout layout = layout(top.optionalObject(DesignKeys.LAYOUT, "element id to bounds"));
        return new Design(name == null ? "" : name, clusters, taskDefinitions, layout, top.extras(DesignKeys.TOP), id);
    }

    /** The design's identity: what its local run is keyed by, so it must survive as written and be a safe name. */
    private static String designId(JsonFields top) throws DesignShapeException {
        String id = top.optionalString(DesignKeys.ID, "the design's identity, a UUID");
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new DesignShapeException(top.path(DesignKeys.ID), "expected the design's identity, a UUID such as "
                    + "\"3f2a9c1d-5b7e-4c2a-9d1f-0a1b2c3d4e5f\" (letters, digits, '.', '_' and '-', at most 64), found \""
                    + (id.length() > 70 ? id.substring(0, 70) + "..." : id) + "\"");
        }
        return id;
    }

    private static Cluster cluster(Json value, JsonPath path) throws DesignShapeException {
        JsonFields f = JsonFields.of(value, path, "a cluster");
        String id = f.requiredId(DesignKeys.ID, "the cluster's id in the design");
        String name = f.optionalString(DesignKeys.NAME, "the ECS cluster name");
        List<ContainerInstance> instances = new ArrayList<>();
        List<Json> items = f.optionalArray(DesignKeys.INSTANCES, "container instances");
        for (int i = 0; i < items.size(); i++) {
            instances.add(instance(items.get(i), f.path(DesignKeys.INSTANCES).index(i)));
        }
        FargateCapacity fargate = null;
        JsonFields fargateFields = f.optionalObject(DesignKeys.FARGATE, "the cluster's Fargate capacity");
        if (fargateFields != null) {
            fargate = new FargateCapacity(fargateFields.optionalStrings(DesignKeys.AVAILABILITY_ZONES,
                    "availability zones"), fargateFields.extras(DesignKeys.FARGATE_KEYS));
        }
        List<Service> services = new ArrayList<>();
        items = f.optionalArray(DesignKeys.SERVICES, "services");
        for (int i = 0; i < items.size(); i++) {
            services.add(service(items.get(i), f.path(DesignKeys.SERVICES).index(i)));
        }
        List<StandaloneTask> tasks = new ArrayList<>();
        items = f.optionalArray(DesignKeys.TASKS, "standalone tasks");
        for (int i = 0; i < items.size(); i++) {
            tasks.add(task(items.get(i), f.path(DesignKeys.TASKS).index(i)));
        }
        return new Cluster(id, name == null ? id : name, instances, fargate, services, tasks,
                f.extras(DesignKeys.CLUSTER_KEYS));
    }

    private static ContainerInstance instance(Json value, JsonPath path) throws DesignShapeException {
        JsonFields f = JsonFields.of(value, path, "a container instance");
        String id = f.requiredId(DesignKeys.ID, "the instance id");
        String typeName = f.requiredString(DesignKeys.INSTANCE_TYPE, "an EC2 instance type such as t3.medium");
        String zone = f.requiredString(DesignKeys.AVAILABILITY_ZONE, "an availability zone such as us-east-1a");
        Optional<InstanceType> type = InstanceTypes.find(typeName);
        Integer cpu = f.optionalInt(DesignKeys.REGISTERED_CPU, "CPU units");
        Integer memory = f.optionalInt(DesignKeys.REGISTERED_MEMORY, "MiB");
        if (type.isEmpty() && (cpu == null || memory == null)) {
            String missing = cpu == null ? DesignKeys.REGISTERED_CPU : DesignKeys.REGISTERED_MEMORY;
            throw new DesignShapeException(f.path(missing), "instance type " + typeName + " is not in Stowage's "
                    + "catalogue, so the instance must state " + DesignKeys.REGISTERED_CPU + " and "
                    + DesignKeys.REGISTERED_MEMORY);
        }
        Integer gpus = f.optionalInt(DesignKeys.REGISTERED_GPUS, "GPUs");
        String os = f.optionalString(DesignKeys.OS_TYPE, "linux or windows");
        String architecture = f.optionalString(DesignKeys.CPU_ARCHITECTURE, "x86_64 or arm64");
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonFields attributeFields = f.optionalObject(DesignKeys.ATTRIBUTES, "custom attributes, name to value");
        if (attributeFields != null) {
            for (Map.Entry<String, Json> entry : attributeFields.object().members().entrySet()) {
                if (!(entry.getValue() instanceof JsonString s)) {
                    throw new DesignShapeException(attributeFields.path(entry.getKey()),
                            "expected a string (the attribute's value), found " + JsonFields.describe(entry.getValue()));
                }
                attributes.put(entry.getKey(), s.value());
            }
        }
        Boolean connected = f.optionalBoolean(DesignKeys.AGENT_CONNECTED, "whether the ECS agent is connected");
        String agentVersion = f.optionalString(DesignKeys.AGENT_VERSION, "the ECS agent version");
        boolean windows = ContainerInstance.WINDOWS.equals(os);
        List<Integer> reserved = f.object().has(DesignKeys.RESERVED_PORTS)
                ? f.optionalPorts(DesignKeys.RESERVED_PORTS, "reserved TCP ports")
                : windows ? ContainerInstance.DEFAULT_WINDOWS_RESERVED_PORTS : ContainerInstance.DEFAULT_RESERVED_PORTS;
        return new ContainerInstance(id, typeName, zone,
                cpu != null ? cpu : type.get().registeredCpu(),
                memory != null ? memory : type.get().registeredMemoryMiB(),
                gpus != null ? gpus : type.map(InstanceType::gpus).orElse(0),
                os == null ? ContainerInstance.LINUX : os,
                architecture != null ? architecture : type.map(InstanceType::architecture).orElse(InstanceType.X86_64),
                attributes, connected == null || connected, agentVersion, reserved,
                f.optionalPorts(DesignKeys.RESERVED_UDP_PORTS, "reserved UDP ports"),
                f.extras(DesignKeys.INSTANCE_KEYS));
    }

    private static Service service(Json value, JsonPath path) throws DesignShapeException {
        JsonFields f = JsonFields.of(value, path, "a service entry: {\"id\": ..., \"service\": {CreateService input}}");
        ServiceSpec spec = new ServiceSpec(typeChecked(f.object().get(DesignKeys.SERVICE), f.path(DesignKeys.SERVICE),
                EcsSchema.SERVICE, "the CreateService input"));
        String id = f.optionalString(DesignKeys.ID, "the service's id in the design");
        if (id == null) {
            // The id defaults to the service name, which is unique within a cluster as well.
            id = JsonFields.of(spec.json(), f.path(DesignKeys.SERVICE), "a service")
                    .requiredString("serviceName", "the service name, which serves as id when the entry has none");
        }
        JsonFields.checkId(id, f.path(DesignKeys.ID));
        return new Service(id, spec, f.extras(DesignKeys.SERVICE_KEYS));
    }

    private static StandaloneTask task(Json value, JsonPath path) throws DesignShapeException {
        JsonFields f = JsonFields.of(value, path, "a task entry: {\"id\": ..., \"run\": {RunTask input}}");
        String id = f.requiredId(DesignKeys.ID, "the task's id in the design");
        RunTaskSpec run = new RunTaskSpec(typeChecked(f.object().get(DesignKeys.RUN), f.path(DesignKeys.RUN),
                EcsSchema.RUN_TASK, "the RunTask input"));
        return new StandaloneTask(id, run, f.extras(DesignKeys.TASK_KEYS));
    }

    private static Layout layout(JsonFields f) throws DesignShapeException {
        if (f == null) {
            return Layout.EMPTY;
        }
        Map<ElementId, Bounds> bounds = new LinkedHashMap<>();
        Map<ElementId, JsonObject> extras = new LinkedHashMap<>();
        for (Map.Entry<String, Json> entry : f.object().members().entrySet()) {
            JsonFields b = JsonFields.of(entry.getValue(), f.path(entry.getKey()), "bounds: x, y, width, height");
            if (entry.getKey().isBlank()) {
                throw new DesignShapeException(f.path(entry.getKey()), "expected an element id as the key");
            }
            double width = b.requiredNumber(DesignKeys.WIDTH, "width");
            double height = b.requiredNumber(DesignKeys.HEIGHT, "height");
            if (width < 0 || height < 0) {
                throw new DesignShapeException(b.path(width < 0 ? DesignKeys.WIDTH : DesignKeys.HEIGHT),
                        "expected a size of 0 or more");
            }
            ElementId id = new ElementId(entry.getKey());
            bounds.put(id, new Bounds(b.requiredNumber(DesignKeys.X, "x"), b.requiredNumber(DesignKeys.Y, "y"),
                    width, height));
            extras.put(id, b.extras(DesignKeys.BOUNDS_KEYS));
        }
        return new Layout(bounds, extras);
    }

    /** The value as an object of the ECS API shape, or the first JSON type that does not match the shape. */
    private static JsonObject typeChecked(Json value, JsonPath path, String shape, String what) throws DesignShapeException {
        JsonObject object = JsonFields.of(value, path, what).object();
        List<TypeMismatch> mismatches = ShapeTypeCheck.check(object, shape);
        if (!mismatches.isEmpty()) {
            TypeMismatch first = mismatches.get(0);
            String inner = first.path();
            JsonPath at = inner.isEmpty() ? path
                    : new JsonPath(path.text() + (inner.startsWith("[") ? "" : ".") + inner);
            String more = mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more)" : "";
            throw new DesignShapeException(at, "expected " + first.expected() + ", found " + first.found() + more);
        }
        return object;
    }
}
