package io.stowage.format.design;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Turns a design into the JSON tree of the current file format. Known members come first in a fixed order,
 * then the unknown members read from the file, in their order; ECS inputs (task definitions, services, runs)
 * are written as they are. Values equal to their default are left out where the format says they may be.
 */
final class DesignTreeWriter {
    private DesignTreeWriter() {
    }

    static JsonObject write(Design design) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.FORMAT_VERSION, DesignMigrations.CURRENT_VERSION);
        if (design.id() != null) {
            out.put(DesignKeys.ID, design.id());
        }
        out.put(DesignKeys.NAME, design.name())
                .put(DesignKeys.CLUSTERS, JsonArray.map(design.clusters(), DesignTreeWriter::cluster))
                .put(DesignKeys.TASK_DEFINITIONS, JsonArray.map(design.taskDefinitionList(), TaskDefinition::json))
                .put(DesignKeys.LAYOUT, layout(design));
        return withExtras(out, design.extras(), DesignKeys.TOP);
    }

    private static Json cluster(Cluster cluster) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.ID, cluster.id())
                .put(DesignKeys.NAME, cluster.name())
                .put(DesignKeys.INSTANCES, JsonArray.map(cluster.instances(), DesignTreeWriter::instance));
        if (cluster.hasFargate()) {
            out.put(DesignKeys.FARGATE, fargate(cluster.fargate()));
        }
        out.put(DesignKeys.SERVICES, JsonArray.map(cluster.services(), DesignTreeWriter::service))
                .put(DesignKeys.TASKS, JsonArray.map(cluster.tasks(), DesignTreeWriter::task));
        return withExtras(out, cluster.extras(), DesignKeys.CLUSTER_KEYS);
    }

    private static Json instance(ContainerInstance instance) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.ID, instance.id())
                .put(DesignKeys.INSTANCE_TYPE, instance.instanceType())
                .put(DesignKeys.AVAILABILITY_ZONE, instance.availabilityZone())
                .put(DesignKeys.REGISTERED_CPU, instance.registeredCpu())
                .put(DesignKeys.REGISTERED_MEMORY, instance.registeredMemoryMiB());
        if (instance.registeredGpus() != 0) {
            out.put(DesignKeys.REGISTERED_GPUS, instance.registeredGpus());
        }
        if (!ContainerInstance.LINUX.equals(instance.osType())) {
            out.put(DesignKeys.OS_TYPE, instance.osType());
        }
        out.put(DesignKeys.CPU_ARCHITECTURE, instance.cpuArchitecture());
        if (!instance.attributes().isEmpty()) {
            JsonObject.Builder attributes = JsonObject.builder();
            instance.attributes().forEach(attributes::put);
            out.put(DesignKeys.ATTRIBUTES, attributes.build());
        }
        if (!instance.agentConnected()) {
            out.put(DesignKeys.AGENT_CONNECTED, JsonBool.FALSE);
        }
        if (instance.agentVersion() != null) {
            out.put(DesignKeys.AGENT_VERSION, instance.agentVersion());
        }
        if (!instance.reservedPorts().equals(instance.defaultReservedPorts())) {
            out.put(DesignKeys.RESERVED_PORTS, JsonArray.map(instance.reservedPorts(), JsonNumber::of));
        }
        if (!instance.reservedUdpPorts().isEmpty()) {
            out.put(DesignKeys.RESERVED_UDP_PORTS, JsonArray.map(instance.reservedUdpPorts(), JsonNumber::of));
        }
        return withExtras(out, instance.extras(), DesignKeys.INSTANCE_KEYS);
    }

    private static Json fargate(FargateCapacity fargate) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.AVAILABILITY_ZONES, JsonArray.ofStrings(fargate.availabilityZones()));
        return withExtras(out, fargate.extras(), DesignKeys.FARGATE_KEYS);
    }

    private static Json service(Service service) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.ID, service.id())
                .put(DesignKeys.SERVICE, service.spec().json());
        return withExtras(out, service.extras(), DesignKeys.SERVICE_KEYS);
    }

    private static Json task(StandaloneTask task) {
        JsonObject.Builder out = JsonObject.builder()
                .put(DesignKeys.ID, task.id())
                .put(DesignKeys.RUN, task.run().json());
        return withExtras(out, task.extras(), DesignKeys.TASK_KEYS);
    }

    private static Json layout(Design design) {
        JsonObject.Builder out = JsonObject.builder();
        for (Map.Entry<ElementId, Bounds> entry : design.layout().bounds().entrySet()) {
            Bounds b = entry.getValue();
            JsonObject.Builder bounds = JsonObject.builder()
                    .put(DesignKeys.X, number(b.x()))
                    .put(DesignKeys.Y, number(b.y()))
                    .put(DesignKeys.WIDTH, number(b.width()))
                    .put(DesignKeys.HEIGHT, number(b.height()));
            out.put(entry.getKey().value(), withExtras(bounds, design.layout().extrasOf(entry.getKey()), DesignKeys.BOUNDS_KEYS));
        }
        return out.build();
    }

    /** Whole numbers without a fraction ("120", not "120.0"), so hand-written files stay as they were. */
    private static JsonNumber number(double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() <= 0 ? JsonNumber.of(decimal.toBigIntegerExact().longValue()) : JsonNumber.of(decimal);
    }

    /**
     * The known members, then the unknown ones. An extra named like a known member is dropped even when the
     * known one was left out as a default: written, it would be read back as the known member.
     */
    private static JsonObject withExtras(JsonObject.Builder known, JsonObject extras, Set<String> knownKeys) {
        JsonObject built = known.build();
        if (extras.isEmpty()) {
            return built;
        }
        JsonObject.Builder out = JsonObject.builder();
        built.members().forEach(out::put);
        extras.members().forEach((key, value) -> {
            if (!knownKeys.contains(key)) {
                out.put(key, value);
            }
        });
        return out.build();
    }
}
