package io.stowage.format.design;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed members of one JSON object of a design file, failing with the member's path and what belongs
 * there. An explicit null reads as absent, as it does in the ECS API.
 */
final class JsonFields {
    private final JsonObject object;
    private final JsonPath path;

    private JsonFields(JsonObject object, JsonPath path) {
        this.object = object;
        this.path = path;
    }

    /** The value at the path as an object, or a failure naming what the object should have been. */
    static JsonFields of(Json value, JsonPath path, String what) throws DesignShapeException {
        if (!(value instanceof JsonObject object)) {
            throw new DesignShapeException(path, "expected an object (" + what + "), found " + describe(value));
        }
        return new JsonFields(object, path);
    }

    JsonObject object() {
        return object;
    }

    JsonPath path() {
        return path;
    }

    JsonPath path(String key) {
        return path.key(key);
    }

    /** The members whose keys are not among the known ones, in file order. */
    JsonObject extras(Set<String> known) {
        Map<String, Json> out = new LinkedHashMap<>();
        object.members().forEach((k, v) -> {
            if (!known.contains(k)) {
                out.put(k, v);
            }
        });
        return JsonObject.of(out);
    }

    private Json present(String key) {
        Json value = object.get(key);
        return value instanceof JsonNull ? null : value;
    }

    String requiredString(String key, String what) throws DesignShapeException {
        String value = optionalString(key, what);
        if (value == null || value.isBlank()) {
            throw new DesignShapeException(path(key), "expected a non-empty string (" + what + ")"
                    + (value == null ? ", found nothing" : ""));
        }
        return value;
    }

    /** A string usable in an element id: non-empty and without '/', which separates element id segments. */
    String requiredId(String key, String what) throws DesignShapeException {
        String value = requiredString(key, what);
        checkId(value, path(key));
        return value;
    }

    static void checkId(String value, JsonPath at) throws DesignShapeException {
        if (value.contains("/")) {
            throw new DesignShapeException(at, "\"" + value + "\" contains '/', which an id may not contain");
        }
    }

    String optionalString(String key, String what) throws DesignShapeException {
        Json value = present(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw new DesignShapeException(path(key), "expected a string (" + what + "), found " + describe(value));
    }

    Integer optionalInt(String key, String what) throws DesignShapeException {
        Json value = present(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n && n.intValueOrNull() != null) {
            return n.intValueOrNull();
        }
        throw new DesignShapeException(path(key), "expected a whole number (" + what + "), found " + describe(value));
    }

    Double requiredNumber(String key, String what) throws DesignShapeException {
        Json value = present(key);
        if (value instanceof JsonNumber n) {
            if (Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw new DesignShapeException(path(key), "expected a number of ordinary size (" + what + "), found "
                    + describe(value));
        }
        throw new DesignShapeException(path(key), "expected a number (" + what + "), found " + describe(value));
    }

    Boolean optionalBoolean(String key, String what) throws DesignShapeException {
        Json value = present(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonBool b) {
            return b.value();
        }
        throw new DesignShapeException(path(key), "expected true or false (" + what + "), found " + describe(value));
    }

    /** The items of an array member; an absent member reads as an empty array. */
    List<Json> optionalArray(String key, String what) throws DesignShapeException {
        Json value = present(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonArray array) {
            return array.items();
        }
        throw new DesignShapeException(path(key), "expected an array (" + what + "), found " + describe(value));
    }

    List<String> optionalStrings(String key, String what) throws DesignShapeException {
        List<String> out = new ArrayList<>();
        List<Json> items = optionalArray(key, what);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof JsonString s)) {
                throw new DesignShapeException(path(key).index(i), "expected a string, found " + describe(items.get(i)));
            }
            out.add(s.value());
        }
        return out;
    }

    List<Integer> optionalPorts(String key, String what) throws DesignShapeException {
        List<Integer> out = new ArrayList<>();
        List<Json> items = optionalArray(key, what);
        for (int i = 0; i < items.size(); i++) {
            Json item = items.get(i);
            Integer port = item instanceof JsonNumber n ? n.intValueOrNull() : null;
            if (port == null || port < 0 || port > 65535) {
                throw new DesignShapeException(path(key).index(i), "expected a port number 0-65535, found " + describe(item));
            }
            out.add(port);
        }
        return out;
    }

    /** A member that must be an object when present; null when absent. */
    JsonFields optionalObject(String key, String what) throws DesignShapeException {
        Json value = present(key);
        return value == null ? null : of(value, path(key), what);
    }

    static String describe(Json value) {
        if (value == null) {
            return "nothing";
        }
        String text = value instanceof JsonString s ? io.stowage.model.json.JsonText.quote(s.value()) : value.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof JsonArray) {
            return "an array";
        }
        if (value instanceof JsonNull) {
            return "null";
        }
        return (value instanceof JsonBool ? "a boolean" : "a " + value.typeName()) + " (" + text + ")";
    }
}
