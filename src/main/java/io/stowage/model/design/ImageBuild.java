package io.stowage.model.design;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to build a container's image from a Dockerfile context: Stowage's extension outside the ECS shape (ECS only
 * runs images). It lives on a service or standalone-task entry of the design file, under {@value #MEMBER}, keyed
 * by container name, so that task definitions stay the RegisterTaskDefinition input verbatim. Building tags the
 * result as the container's {@code image}. A relative {@code context} is relative to the design file's directory.
 *
 * @param context    the build context: a directory (relative to the design file, or absolute) or a remote URL
 * @param dockerfile the Dockerfile within the context, or null for {@code Dockerfile}
 * @param target     the stage to build, or null for the last
 * @param args       build arguments
 * @param cacheFrom  images to take cached layers from
 * @param labels     labels for the image
 * @param network    the network for RUN steps, or null for the default
 * @param pull       whether to pull newer base images; null for the builder's default
 * @param noCache    whether to build without the cache; null for the builder's default
 * @param extras     members this build does not know, kept for writing back
 */
public record ImageBuild(String context, String dockerfile, String target, Map<String, String> args,
                         List<String> cacheFrom, Map<String, String> labels, String network, Boolean pull,
                         Boolean noCache, JsonObject extras) {
    /** The member of a service or task entry that holds the builds, keyed by container name. */
    public static final String MEMBER = "imageBuilds";
    private static final List<String> KNOWN = List.of("context", "dockerfile", "target", "args", "cacheFrom",
            "labels", "network", "pull", "noCache");

    public ImageBuild {
        Objects.requireNonNull(context, "context");
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
        cacheFrom = List.copyOf(cacheFrom);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    public static ImageBuild of(String context) {
        return new ImageBuild(context, null, null, Map.of(), List.of(), Map.of(), null, null, null, JsonObject.EMPTY);
    }

    /** The builds of a service or task entry's extras, by container name, in order; empty when there are none. */
    public static Map<String, ImageBuild> in(JsonObject entryExtras) {
        Map<String, ImageBuild> out = new LinkedHashMap<>();
        if (entryExtras.get(MEMBER) instanceof JsonObject builds) {
            builds.members().forEach((container, build) -> {
                if (build instanceof JsonObject object && object.get("context") instanceof JsonString) {
                    out.put(container, fromJson(object));
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /** The extras with the build of one container set (null removes it). */
    public static JsonObject with(JsonObject entryExtras, String container, ImageBuild build) {
        JsonObject builds = entryExtras.get(MEMBER) instanceof JsonObject b ? b : JsonObject.EMPTY;
        builds = build == null ? builds.without(container) : builds.with(container, build.toJson());
        return builds.isEmpty() ? entryExtras.without(MEMBER) : entryExtras.with(MEMBER, builds);
    }

    public static ImageBuild fromJson(JsonObject json) {
        JsonObject extras = json;
        for (String key : KNOWN) {
            extras = extras.without(key);
        }
        return new ImageBuild(text(json.get("context")), text(json.get("dockerfile")), text(json.get("target")),
                map(json.get("args")), list(json.get("cacheFrom")), map(json.get("labels")), text(json.get("network")),
                json.get("pull") instanceof JsonBool b ? b.value() : null,
                json.get("noCache") instanceof JsonBool b ? b.value() : null, extras);
    }

    public JsonObject toJson() {
        JsonObject.Builder out = JsonObject.builder().put("context", context);
        if (dockerfile != null) {
            out.put("dockerfile", dockerfile);
        }
        if (target != null) {
            out.put("target", target);
        }
        if (!args.isEmpty()) {
            out.put("args", object(args));
        }
        if (!cacheFrom.isEmpty()) {
            out.put("cacheFrom", JsonArray.ofStrings(cacheFrom));
        }
        if (!labels.isEmpty()) {
            out.put("labels", object(labels));
        }
        if (network != null) {
            out.put("network", network);
        }
        if (pull != null) {
            out.put("pull", pull);
        }
        if (noCache != null) {
            out.put("noCache", noCache);
        }
        extras.members().forEach(out::put);
        return out.build();
    }

    private static JsonObject object(Map<String, String> values) {
        JsonObject.Builder out = JsonObject.builder();
        values.forEach(out::put);
        return out.build();
    }

    private static String text(Json value) {
        return value instanceof JsonString s ? s.value() : null;
    }

    private static Map<String, String> map(Json value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.members().forEach((k, v) -> {
                if (v instanceof JsonString s) {
                    out.put(k, s.value());
                }
            });
        }
        return out;
    }

    private static List<String> list(Json value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.items().forEach(item -> {
                if (item instanceof JsonString s) {
                    out.add(s.value());
                }
            });
        }
        return out;
    }
}
