package io.stowage.model.ecs;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed, immutable view over one object of the ECS API shape. The JSON tree is the truth: getters read it,
 * {@code with...} methods return a new view over a changed tree, and members this view does not name are
 * carried along untouched. New members are inserted in the API's member order.
 *
 * @param <T> the concrete view type, so that {@code with...} returns it
 */
public abstract class EcsObject<T extends EcsObject<T>> {
    private final JsonObject json;

    protected EcsObject(JsonObject json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The ECS API shape this view reads, e.g. {@code ContainerDefinition}. */
    public abstract String shapeName();

    protected abstract T wrap(JsonObject json);

    public final JsonObject json() {
        return json;
    }

    public final Shape shape() {
        return EcsSchema.shape(shapeName());
    }

    /** This object with a member set to a raw JSON value; Java null removes the member. */
    public final T withMember(String key, Json value) {
        if (value == null) {
            return json.has(key) ? wrap(json.without(key)) : self();
        }
        JsonObject changed = json.with(key, value, shape().memberNames());
        return changed == json ? self() : wrap(changed);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    protected final String string(String key) {
        return json.get(key) instanceof JsonString s ? s.value() : null;
    }

    protected final Integer integer(String key) {
        return json.get(key) instanceof JsonNumber n ? n.intValueOrNull() : null;
    }

    protected final Long longInteger(String key) {
        return json.get(key) instanceof JsonNumber n ? n.longValueOrNull() : null;
    }

    protected final Double decimal(String key) {
        return json.get(key) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    protected final Boolean bool(String key) {
        return json.get(key) instanceof JsonBool b ? b.value() : null;
    }

    protected final <V> V object(String key, Function<JsonObject, V> view) {
        return json.get(key) instanceof JsonObject o ? view.apply(o) : null;
    }

    /** The objects of a list member; items that are not objects (placeholders, mistakes) read as empty objects. */
    protected final <V> List<V> objects(String key, Function<JsonObject, V> view) {
        if (!(json.get(key) instanceof JsonArray array)) {
            return List.of();
        }
        List<V> out = new ArrayList<>(array.size());
        for (Json item : array.items()) {
            out.add(view.apply(item instanceof JsonObject o ? o : JsonObject.EMPTY));
        }
        return List.copyOf(out);
    }

    protected final List<String> strings(String key) {
        if (!(json.get(key) instanceof JsonArray array)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        for (Json item : array.items()) {
            if (item instanceof JsonString s) {
                out.add(s.value());
            }
        }
        return List.copyOf(out);
    }

    protected final List<Integer> integers(String key) {
        if (!(json.get(key) instanceof JsonArray array)) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>(array.size());
        for (Json item : array.items()) {
            if (item instanceof JsonNumber n && n.intValueOrNull() != null) {
                out.add(n.intValueOrNull());
            }
        }
        return List.copyOf(out);
    }

    protected final Map<String, String> stringMap(String key) {
        if (!(json.get(key) instanceof JsonObject object)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        object.members().forEach((k, v) -> {
            if (v instanceof JsonString s) {
                out.put(k, s.value());
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    protected static Json str(String value) {
        return value == null ? null : new JsonString(value);
    }

    protected static Json num(Number value) {
        return value == null ? null : JsonNumber.of(value);
    }

    protected static Json bool(Boolean value) {
        return value == null ? null : JsonBool.of(value);
    }

    protected static Json obj(EcsObject<?> value) {
        return value == null ? null : value.json();
    }

    protected static Json objs(List<? extends EcsObject<?>> values) {
        return values == null ? null : JsonArray.map(values, EcsObject::json);
    }

    protected static Json strs(List<String> values) {
        return values == null ? null : JsonArray.ofStrings(values);
    }

    protected static Json nums(List<? extends Number> values) {
        return values == null ? null : JsonArray.map(values, JsonNumber::of);
    }

    protected static Json strMap(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        JsonObject.Builder builder = JsonObject.builder();
        values.forEach(builder::put);
        return builder.build();
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && json.equals(((EcsObject<?>) o).json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return shapeName() + json;
    }
}
