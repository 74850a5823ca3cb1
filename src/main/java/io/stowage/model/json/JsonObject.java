package io.stowage.model.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable JSON object that keeps its members in the order they were read. Equality ignores that
 * order, as JSON does.
 */
public final class JsonObject implements Json {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    private final Map<String, Json> members;

    private JsonObject(Map<String, Json> members) {
        this.members = members;
    }

    public static JsonObject of(Map<String, ? extends Json> members) {
        return members.isEmpty() ? EMPTY : new JsonObject(Collections.unmodifiableMap(new LinkedHashMap<>(members)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Json> members() {
        return members;
    }

    public Set<String> keys() {
        return members.keySet();
    }

    public boolean has(String key) {
        return members.containsKey(key);
    }

    /** The member, or null when absent. A JSON null is returned as {@link JsonNull#INSTANCE}. */
    public Json get(String key) {
        return members.get(key);
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** This object with the member replaced in place, or appended when it was absent. */
    public JsonObject with(String key, Json value) {
        return with(key, value, List.of());
    }

    /**
     * This object with the member replaced in place; when absent it is inserted after the last present
     * member that precedes it in {@code canonicalOrder}, so new members land where a reader expects them.
     */
    public JsonObject with(String key, Json value, List<String> canonicalOrder) {
        if (value.equals(members.get(key))) {
            return this;
        }
        if (members.containsKey(key)) {
            Map<String, Json> copy = new LinkedHashMap<>(members);
            copy.put(key, value);
            return new JsonObject(Collections.unmodifiableMap(copy));
        }
        int rank = canonicalOrder.indexOf(key);
        String after = null;
        if (rank >= 0) {
            for (String present : members.keySet()) {
                int presentRank = canonicalOrder.indexOf(present);
                if (presentRank >= 0 && presentRank < rank) {
                    after = present;
                }
            }
        }
        Map<String, Json> copy = new LinkedHashMap<>();
        if (rank >= 0 && after == null) {
            copy.put(key, value);
        }
        for (Map.Entry<String, Json> entry : members.entrySet()) {
            copy.put(entry.getKey(), entry.getValue());
            if (entry.getKey().equals(after)) {
                copy.put(key, value);
            }
        }
        copy.putIfAbsent(key, value);
        return new JsonObject(Collections.unmodifiableMap(copy));
    }

    public JsonObject without(String key) {
        if (!members.containsKey(key)) {
            return this;
        }
        Map<String, Json> copy = new LinkedHashMap<>(members);
        copy.remove(key);
        return of(copy);
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return JsonText.compact(this);
    }

    /** Collects members in insertion order; a later put of the same key replaces the value in place. */
    public static final class Builder {
        private final Map<String, Json> members = new LinkedHashMap<>();

        public Builder put(String key, Json value) {
            members.put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, Json.of(value));
        }

        public Builder put(String key, Number value) {
            return put(key, Json.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBool.of(value));
        }

        public JsonObject build() {
            return JsonObject.of(members);
        }
    }
}
