package io.stowage.ui.inspector;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.Shape;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The bindings of the elements the inspector edits, found from an element id. */
final class ElementBindings {
    private ElementBindings() {
    }

    /** The binding of the element, or empty when the inspector has no form for its kind. */
    static Optional<ElementBinding> of(ElementId id) {
        if (id == null) {
            return Optional.empty();
        }
        ElementId parent = id.parent();
        return Optional.ofNullable(switch (id.kind()) {
            case ElementId.TASK_DEFINITION -> new TaskDefinitionBinding(id.localId());
            case ElementId.CONTAINER -> new ContainerBinding(parent.localId(), id.localId());
            case ElementId.SERVICE -> new ServiceBinding(parent.localId(), id.localId());
            case ElementId.INSTANCE -> new InstanceBinding(parent.localId(), id.localId());
            case ElementId.CLUSTER -> new ClusterBinding(id.localId());
            default -> null;
        });
    }

    static int taskDefinitionIndex(Design design, String family) {
        return new ArrayList<>(design.taskDefinitions().keySet()).indexOf(family);
    }

    /** The layout with the element's entries, and those of everything inside it, moved to another id. */
    static Layout renamed(Layout layout, ElementId from, ElementId to) {
        return io.stowage.edit.Renames.layout(layout, from, to);
    }

    record TaskDefinitionBinding(String family) implements ElementBinding {
        @Override
        public ElementId id() {
            return ElementId.taskDefinition(family);
        }

        @Override
        public String title() {
            return "Task definition " + family;
        }

        @Override
        public Shape shape() {
            return EcsSchema.shape(TaskDefinition.SHAPE);
        }

        @Override
        public Optional<Located> locate(Design design) {
            return design.taskDefinition(family).map(td -> new Located(td.json(), "",
                    "taskDefinitions[" + taskDefinitionIndex(design, family) + "]"));
        }

        @Override
        public Design write(Design design, JsonObject json) {
            return io.stowage.edit.TaskDefinitionReplace.replace(design, family, new TaskDefinition(json));
        }

        @Override
        public ElementId idFor(JsonObject json) {
            return json.get("family") instanceof JsonString s ? ElementId.taskDefinition(s.value()) : id();
        }
    }

    record ContainerBinding(String family, String name) implements ElementBinding {
        @Override
        public ElementId id() {
            return ElementId.container(family, name);
        }

        @Override
        public String title() {
            return "Container " + name;
        }

        @Override
        public Shape shape() {
            return EcsSchema.shape(ContainerDefinition.SHAPE);
        }

        private int index(TaskDefinition td) {
            List<ContainerDefinition> containers = td.containerDefinitions();
            for (int i = 0; i < containers.size(); i++) {
                if (name.equals(containers.get(i).name())) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Optional<Located> locate(Design design) {
            return design.taskDefinition(family).flatMap(td -> {
                int i = index(td);
                return i < 0 ? Optional.empty() : Optional.of(new Located(td.containerDefinitions().get(i).json(),
                        "containerDefinitions[" + i + "]", "taskDefinitions[" + taskDefinitionIndex(design, family) + "]"));
            });
        }

        @Override
        public Design write(Design design, JsonObject json) {
            TaskDefinition td = design.taskDefinition(family).orElseThrow();
            List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
            containers.set(index(td), new ContainerDefinition(json));
            Design out = design.withTaskDefinition(td.withContainerDefinitions(containers));
            ElementId renamed = idFor(json);
            return renamed.equals(id()) ? out : out.withLayout(renamed(out.layout(), id(), renamed));
        }

        @Override
        public ElementId idFor(JsonObject json) {
            return json.get("name") instanceof JsonString s && !s.value().isBlank()
                    ? ElementId.container(family, s.value()) : id();
        }
    }

    record ServiceBinding(String clusterId, String serviceId) implements ElementBinding {
        @Override
        public ElementId id() {
            return ElementId.service(clusterId, serviceId);
        }

        @Override
        public String title() {
            return "Service " + serviceId;
        }

        @Override
        public Shape shape() {
            return EcsSchema.shape(ServiceSpec.SHAPE);
        }

        @Override
        public Optional<Located> locate(Design design) {
            for (int c = 0; c < design.clusters().size(); c++) {
                Cluster cluster = design.clusters().get(c);
                if (!cluster.id().equals(clusterId)) {
                    continue;
                }
                for (int s = 0; s < cluster.services().size(); s++) {
                    Service service = cluster.services().get(s);
                    if (service.id().equals(serviceId)) {
                        return Optional.of(new Located(service.spec().json(), "service",
                                "clusters[" + c + "].services[" + s + "]"));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Design write(Design design, JsonObject json) {
            Cluster cluster = design.cluster(clusterId).orElseThrow();
            Service service = cluster.service(serviceId).orElseThrow();
            return design.withCluster(cluster.withService(service.withSpec(new ServiceSpec(json))));
        }
    }

    record InstanceBinding(String clusterId, String instanceId) implements ElementBinding {
        private static final Map<String, String> SUMMARIES = Map.of(
                "instanceType", "The EC2 instance type; registered CPU and memory follow a catalogue type.",
                "availabilityZone", "The Availability Zone (the ecs.availability-zone attribute).",
                "registeredCpu", "CPU units the agent registers: vCPUs × 1024.",
                "registeredMemoryMiB", "Memory (MiB) the agent registers for tasks.",
                "osType", "The ecs.os-type attribute: linux or windows.");

        @Override
        public ElementId id() {
            return ElementId.instance(clusterId, instanceId);
        }

        @Override
        public String title() {
            return "Container instance " + instanceId;
        }

        @Override
        public Shape shape() {
            return null;
        }

        @Override
        public String summary(String local) {
            return SUMMARIES.get(local);
        }

        @Override
        public Optional<Located> locate(Design design) {
            for (int c = 0; c < design.clusters().size(); c++) {
                Cluster cluster = design.clusters().get(c);
                for (int i = 0; cluster.id().equals(clusterId) && i < cluster.instances().size(); i++) {
                    ContainerInstance instance = cluster.instances().get(i);
                    if (instance.id().equals(instanceId)) {
                        JsonObject json = JsonObject.builder().put("instanceType", instance.instanceType())
                                .put("availabilityZone", instance.availabilityZone())
                                .put("registeredCpu", instance.registeredCpu())
                                .put("registeredMemoryMiB", instance.registeredMemoryMiB())
                                .put("osType", instance.osType()).build();
                        return Optional.of(new Located(json, "", "clusters[" + c + "].instances[" + i + "]"));
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public Design write(Design design, JsonObject json) {
            Cluster cluster = design.cluster(clusterId).orElseThrow();
            ContainerInstance instance = cluster.instance(instanceId).orElseThrow();
            ContainerInstance out = instance;
            String type = string(json, "instanceType");
            if (type != null && !type.equals(out.instanceType())) {
                out = out.withInstanceType(type);
            }
            String az = string(json, "availabilityZone");
            if (az != null) {
                out = out.withAvailabilityZone(az);
            }
            Integer cpu = integer(json, "registeredCpu");
            Integer memory = integer(json, "registeredMemoryMiB");
            if (Objects.equals(type, instance.instanceType()) || type == null) {
                out = out.withRegisteredResources(cpu == null ? out.registeredCpu() : cpu,
                        memory == null ? out.registeredMemoryMiB() : memory, out.registeredGpus());
            }
            String os = string(json, "osType");
            if (os != null && !os.equals(out.osType())) {
                out = out.withOsType(os);
            }
            return design.withCluster(cluster.withInstance(out));
        }
    }

    record ClusterBinding(String clusterId) implements ElementBinding {
        @Override
        public ElementId id() {
            return ElementId.cluster(clusterId);
        }

        @Override
        public String title() {
            return "Cluster " + clusterId;
        }

        @Override
        public Shape shape() {
            return null;
        }

        @Override
        public String summary(String local) {
            return "name".equals(local) ? "The ECS cluster name deploying creates; unique per account and Region." : null;
        }

        @Override
        public Optional<Located> locate(Design design) {
            for (int c = 0; c < design.clusters().size(); c++) {
                Cluster cluster = design.clusters().get(c);
                if (cluster.id().equals(clusterId)) {
                    return Optional.of(new Located(JsonObject.builder().put("name", cluster.name()).build(), "",
                            "clusters[" + c + "]"));
                }
            }
            return Optional.empty();
        }

        @Override
        public Design write(Design design, JsonObject json) {
            Cluster cluster = design.cluster(clusterId).orElseThrow();
            String name = string(json, "name");
            return name == null ? design : design.withCluster(cluster.withName(name));
        }
    }

    static String string(JsonObject json, String key) {
        Json value = json.get(key);
        return value instanceof JsonString s && !s.value().isBlank() ? s.value() : null;
    }

    static Integer integer(JsonObject json, String key) {
        return json.get(key) instanceof JsonNumber n ? n.intValueOrNull() : null;
    }
}
