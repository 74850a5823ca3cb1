package io.stowage.format.design;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Brings the JSON tree of an older design file up to the current format, one version at a time, before it is
 * read. A step only reshapes what it recognises and leaves anything else for the reader to report with its
 * path, so a damaged old file gets the same clear message as a damaged new one. Steps never drop members.
 * <p>
 * To change the format: raise {@link #CURRENT_VERSION}, add the step from the previous version to the end of
 * {@link #STEPS}, keep reading and writing the new shape, and add a test file of the old version.
 */
public final class DesignMigrations {
    /** The format version this build writes and the newest it reads. */
    public static final int CURRENT_VERSION = 1;

    /** {@code STEPS.get(n)} turns a version-n tree into a version-(n+1) tree. */
    private static final List<UnaryOperator<JsonObject>> STEPS = List.of(DesignMigrations::fromVersion0);

    private DesignMigrations() {
    }

    /** The tree in the current format; {@code fromVersion} is what the file states, 0 to CURRENT_VERSION. */
    public static JsonObject migrate(JsonObject root, int fromVersion) {
        if (fromVersion < 0 || fromVersion > CURRENT_VERSION) {
            throw new IllegalArgumentException("no migration from format " + fromVersion);
        }
        JsonObject tree = root;
        for (int version = fromVersion; version < CURRENT_VERSION; version++) {
            tree = STEPS.get(version).apply(tree)
                    .with(DesignKeys.FORMAT_VERSION, io.stowage.model.json.JsonNumber.of(version + 1));
        }
        return tree;
    }

    /**
     * Version 0, the pre-release shape: {@code taskDefinitions} was an object keyed by family, and a cluster's
     * {@code services} were bare CreateService inputs whose id was their serviceName. Version 1 lists task
     * definitions in an array and wraps each service as {@code {"id": ..., "service": {...}}}.
     */
    static JsonObject fromVersion0(JsonObject tree) {
        JsonObject out = tree;
        if (tree.get(DesignKeys.TASK_DEFINITIONS) instanceof JsonObject byFamily) {
            List<Json> list = new ArrayList<>();
            for (Map.Entry<String, Json> entry : byFamily.members().entrySet()) {
                Json td = entry.getValue();
                if (td instanceof JsonObject object && !object.has("family")) {
                    td = object.with("family", new JsonString(entry.getKey()),
                            EcsSchema.shape(EcsSchema.TASK_DEFINITION).memberNames());
                }
                list.add(td);
            }
            out = out.with(DesignKeys.TASK_DEFINITIONS, JsonArray.of(list));
        }
        if (tree.get(DesignKeys.CLUSTERS) instanceof JsonArray clusters) {
            out = out.with(DesignKeys.CLUSTERS, JsonArray.map(clusters.items(), DesignMigrations::wrapServices));
        }
        return out;
    }

    private static Json wrapServices(Json cluster) {
        if (!(cluster instanceof JsonObject object) || !(object.get(DesignKeys.SERVICES) instanceof JsonArray services)) {
            return cluster;
        }
        return object.with(DesignKeys.SERVICES, JsonArray.map(services.items(), service -> {
            if (!(service instanceof JsonObject spec)) {
                return service;
            }
            JsonObject.Builder entry = JsonObject.builder();
            if (spec.get("serviceName") instanceof JsonString name) {
                entry.put(DesignKeys.ID, name);
            }
            return entry.put(DesignKeys.SERVICE, spec).build();
        }));
    }
}
