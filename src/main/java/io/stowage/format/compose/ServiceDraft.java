package io.stowage.format.compose;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compose service as it is being converted: its container definition, what it needs of its task
 * definition (volumes, network mode, ...) and of its ECS service (desired count, placement, ...), its image
 * build, and what it depends on. The converters fill it in; the importer decides how drafts become task
 * definitions and services.
 */
final class ServiceDraft {
    /** A {@code depends_on} entry: the service, the ECS condition it became, and where it was written. */
    record Dependency(String service, String condition, String composeCondition, String path) {
    }

    /** A {@code volumes_from} entry: the service whose volumes to mount, read-only or not. */
    record VolumesFrom(String service, boolean readOnly, String path) {
    }

    final String name;
    final String path;
    ContainerDefinition container;
    TaskDefinition task = TaskDefinition.EMPTY;
    ServiceSpec spec = ServiceSpec.EMPTY;
    JsonObject build;
    final Map<String, Json> volumes = new LinkedHashMap<>();
    final Map<String, Json> linuxParameters = new LinkedHashMap<>();
    final List<Dependency> dependencies = new ArrayList<>();
    final List<String> links = new ArrayList<>();
    final List<VolumesFrom> volumesFrom = new ArrayList<>();
    /** A compose job: a standalone task that runs once rather than a service. */
    boolean runOnce;

    ServiceDraft(String name, String containerName) {
        this.name = name;
        this.path = "services." + name;
        this.container = ContainerDefinition.EMPTY.withName(containerName);
    }

    void set(String member, Json value) {
        container = container.withMember(member, value);
    }

    /** Appends to a list member of the container definition. */
    void append(String member, Json item) {
        Json current = container.json().get(member);
        set(member, current instanceof JsonArray array ? array.plus(item) : JsonArray.of(List.of(item)));
    }

    void setTask(String member, Json value) {
        task = task.withMember(member, value);
    }

    void setService(String member, Json value) {
        spec = spec.withMember(member, value);
    }

    Json containerMember(String member) {
        return container.json().get(member);
    }

    /** Adds a task volume once by name; the first definition of a name wins. */
    void volume(String name, JsonObject volume) {
        volumes.putIfAbsent(name, volume);
    }

    /** The container with its collected Linux parameters. */
    ContainerDefinition finishedContainer() {
        if (linuxParameters.isEmpty()) {
            return container;
        }
        JsonObject existing = container.json().get("linuxParameters") instanceof JsonObject o ? o : JsonObject.EMPTY;
        Map<String, Json> merged = new LinkedHashMap<>(existing.members());
        merged.putAll(linuxParameters);
        return container.withMember("linuxParameters", JsonObject.of(merged));
    }
}
