package io.stowage.model.deploy;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Small operations on JSON trees that comparing ECS objects needs. */
final class JsonTrees {

    private JsonTrees() {
    }

    /**
     * The tree without members that say nothing: nulls, empty arrays and objects, and {@code false} booleans
     * except under the keys given (whose default is true). Applied until nothing more goes, so an object left
     * empty by the removal goes too.
     */
    static Json prune(Json value, Set<String> keepFalse) {
        if (value instanceof JsonObject object) {
            Map<String, Json> out = new LinkedHashMap<>();
            object.members().forEach((key, member) -> {
                Json pruned = prune(member, keepFalse);
                if (!says(pruned, key, keepFalse)) {
                    return;
                }
                out.put(key, pruned);
            });
            return JsonObject.of(out);
        }
        if (value instanceof JsonArray array) {
            List<Json> items = new ArrayList<>();
            for (Json item : array.items()) {
                items.add(prune(item, keepFalse));
            }
            return JsonArray.of(items);
        }
        return value;
    }

    private static boolean says(Json value, String key, Set<String> keepFalse) {
        if (value == null || value instanceof JsonNull) {
            return false;
        }
        if (value instanceof JsonArray a && a.isEmpty() || value instanceof JsonObject o && o.isEmpty()) {
            return false;
        }
        return !(value == JsonBool.FALSE && !keepFalse.contains(key));
    }

    static JsonObject object(Json value) {
        return value instanceof JsonObject o ? o : JsonObject.EMPTY;
    }

    static JsonArray array(Json value) {
        return value instanceof JsonArray a ? a : JsonArray.EMPTY;
    }

    static String string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.value() : null;
    }

    static Integer integer(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber n ? n.intValueOrNull() : null;
    }

    /** The object with the member set, unless it is already present. */
    static JsonObject withDefault(JsonObject object, String key, Json value) {
        return object.has(key) && !(object.get(key) instanceof JsonNull) ? object : object.with(key, value);
    }

    /** The array's objects sorted by the text of one member, for lists whose order ECS does not keep or use. */
    static JsonArray sortedBy(Json value, String key) {
        if (!(value instanceof JsonArray array)) {
            return null;
        }
        List<Json> items = new ArrayList<>(array.items());
        items.sort(Comparator.comparing((Json item) -> item instanceof JsonObject o && o.get(key) != null
                ? o.get(key).toString() : item.toString()));
        return JsonArray.of(items);
    }

    /** The array of strings sorted, for sets. */
    static JsonArray sortedStrings(Json value) {
        if (!(value instanceof JsonArray array)) {
            return null;
        }
        List<Json> items = new ArrayList<>(array.items());
        items.sort(Comparator.comparing(Json::toString));
        return JsonArray.of(items);
    }

    /** The array with every object item changed. */
    static JsonArray mapObjects(Json value, Function<JsonObject, JsonObject> change) {
        if (!(value instanceof JsonArray array)) {
            return null;
        }
        List<Json> items = new ArrayList<>();
        for (Json item : array.items()) {
            items.add(item instanceof JsonObject o ? change.apply(o) : item);
        }
        return JsonArray.of(items);
    }

    /** The object with the member replaced when present; a null replacement removes it. */
    static JsonObject replace(JsonObject object, String key, Function<Json, Json> change) {
        if (!object.has(key)) {
            return object;
        }
        Json changed = change.apply(object.get(key));
        return changed == null ? object.without(key) : object.with(key, changed);
    }

    /**
     * The paths at which two trees differ, e.g. {@code containerDefinitions[0].image}, at most {@code limit}
     * of them, in document order.
     */
    static List<String> differences(Json left, Json right, int limit) {
        List<String> out = new ArrayList<>();
        differences("", left, right, out, limit);
        return out;
    }

    private static void differences(String path, Json left, Json right, List<String> out, int limit) {
        if (out.size() >= limit || java.util.Objects.equals(left, right)) {
            return;
        }
        if (left instanceof JsonObject l && right instanceof JsonObject r) {
            java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>(l.keys());
            keys.addAll(r.keys());
            for (String key : keys) {
                differences(path.isEmpty() ? key : path + "." + key, l.get(key), r.get(key), out, limit);
            }
            return;
        }
        if (left instanceof JsonArray l && right instanceof JsonArray r && l.size() == r.size()) {
            for (int i = 0; i < l.size(); i++) {
                differences(path + "[" + i + "]", l.get(i), r.get(i), out, limit);
            }
            return;
        }
        out.add(path.isEmpty() ? "(whole)" : path);
    }

    /** A value as a user reads it in a plan: compact JSON, shortened when long. */
    static String show(Json value) {
        if (value == null) {
            return "(none)";
        }
        String text = io.stowage.model.json.JsonText.compact(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
