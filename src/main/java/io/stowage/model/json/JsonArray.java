package io.stowage.model.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** An immutable JSON array. */
public final class JsonArray implements Json {
    public static final JsonArray EMPTY = new JsonArray(List.of());

    private final List<Json> items;

    private JsonArray(List<Json> items) {
        this.items = items;
    }

    public static JsonArray of(List<? extends Json> items) {
        return items.isEmpty() ? EMPTY : new JsonArray(Collections.unmodifiableList(new ArrayList<>(items)));
    }

    public static <T> JsonArray map(List<T> values, Function<T, ? extends Json> toJson) {
        List<Json> items = new ArrayList<>(values.size());
        for (T value : values) {
            items.add(toJson.apply(value));
        }
        return of(items);
    }

    public static JsonArray ofStrings(List<String> values) {
        return map(values, JsonString::new);
    }

    public List<Json> items() {
        return items;
    }

    public Json get(int index) {
        return items.get(index);
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public JsonArray with(int index, Json value) {
        List<Json> copy = new ArrayList<>(items);
        copy.set(index, value);
        return of(copy);
    }

    public JsonArray plus(Json value) {
        List<Json> copy = new ArrayList<>(items);
        copy.add(value);
        return of(copy);
    }

    public JsonArray without(int index) {
        List<Json> copy = new ArrayList<>(items);
        copy.remove(index);
        return of(copy);
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return JsonText.compact(this);
    }
}
