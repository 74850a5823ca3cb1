package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges compose files given one after another ({@code docker compose -f a.yml -f b.yml}) as the Compose
 * Specification's merge rules say: mappings merge key by key; {@code command}, {@code entrypoint} and a health
 * check's {@code test} are replaced; {@code environment}, {@code labels}, {@code extra_hosts}, {@code sysctls},
 * {@code ulimits} and {@code depends_on} merge by key whichever form (list or mapping) each file uses; a
 * service's {@code volumes} merge by container path, its {@code secrets} and {@code configs} by source; other
 * lists are joined without repeating an item; anything else is replaced.
 */
final class ComposeMerge {
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "test");
    private static final Set<String> BY_KEY = Set.of("environment", "labels", "extra_hosts", "sysctls", "ulimits",
            "depends_on", "annotations", "args");

    private ComposeMerge() {
    }

    static JsonObject merge(JsonObject base, JsonObject override) {
        Map<String, Json> out = new LinkedHashMap<>(base.members());
        override.members().forEach((key, value) -> out.merge(key, value, (a, b) -> mergeValue(key, a, b)));
        return JsonObject.of(out);
    }

    private static Json mergeValue(String key, Json base, Json override) {
        if (REPLACED.contains(key) || base instanceof JsonNull || override instanceof JsonNull) {
            return override;
        }
        if (BY_KEY.contains(key) && (base instanceof JsonArray || override instanceof JsonArray)) {
            return merge(asMapping(key, base), asMapping(key, override));
        }
        if (base instanceof JsonObject a && override instanceof JsonObject b) {
            return merge(a, b);
        }
        if (base instanceof JsonArray a && override instanceof JsonArray b) {
            return switch (key) {
                case "volumes" -> byIdentity(a, b, ComposeMerge::volumeTarget);
                case "secrets", "configs" -> byIdentity(a, b, ComposeMerge::source);
                default -> joined(a, b);
            };
        }
        return override;
    }

    /** A list form as the mapping it stands for: {@code ["A=1", "B"]} is {@code {A: "1", B: null}}. */
    static JsonObject asMapping(String key, Json value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        Map<String, Json> out = new LinkedHashMap<>();
        if (value instanceof JsonArray array) {
            for (Json item : array.items()) {
                String text = item instanceof JsonString s ? s.value() : String.valueOf(item);
                if (key.equals("depends_on")) {
                    out.put(text, JsonObject.builder().put("condition", "service_started").build());
                    continue;
                }
                String separator = key.equals("extra_hosts") && text.indexOf('=') < 0 ? ":" : "=";
                int at = text.indexOf(separator);
                out.put(at < 0 ? text : text.substring(0, at), at < 0 ? JsonNull.INSTANCE
                        : new JsonString(text.substring(at + separator.length())));
            }
        }
        return JsonObject.of(out);
    }

    private static JsonArray joined(JsonArray a, JsonArray b) {
        List<Json> out = new ArrayList<>(a.items());
        for (Json item : b.items()) {
            if (!out.contains(item)) {
                out.add(item);
            }
        }
        return JsonArray.of(out);
    }

    private static JsonArray byIdentity(JsonArray a, JsonArray b, java.util.function.Function<Json, String> identity) {
        List<Json> out = new ArrayList<>(a.items());
        for (Json item : b.items()) {
            String id = identity.apply(item);
            int existing = -1;
            for (int i = 0; i < out.size() && id != null; i++) {
                if (id.equals(identity.apply(out.get(i)))) {
                    existing = i;
                }
            }
            if (existing >= 0) {
                out.set(existing, item);
            } else if (!out.contains(item)) {
                out.add(item);
            }
        }
        return JsonArray.of(out);
    }

    private static String volumeTarget(Json volume) {
        if (volume instanceof JsonObject object && object.get("target") instanceof JsonString s) {
            return s.value();
        }
        if (volume instanceof JsonString s) {
            return VolumeSpec.parseShort(s.value()).target();
        }
        return null;
    }

    private static String source(Json item) {
        if (item instanceof JsonObject object && object.get("source") instanceof JsonString s) {
            return s.value();
        }
        return item instanceof JsonString s ? s.value() : null;
    }
}
