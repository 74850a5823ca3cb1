package io.stowage.edit;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.Shape;
import io.stowage.model.ecs.ShapeKind;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/** Setting a member of a JSON object by its dotted path ({@code healthCheck.interval}), in the ECS schema's order. */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** The keys of a dotted path. */
    public static List<String> keys(String path) {
        return Arrays.asList(path.split("\\."));
    }

    /**
     * The object with the value at the path; null removes the member, and a parent object left empty by that is
     * removed too. Missing parents are created. A new member goes where the shape (null: none) orders it.
     */
    public static JsonObject set(JsonObject root, String path, Json value, Shape rootShape) {
        return set(root, keys(path), value, rootShape);
    }

    private static JsonObject set(JsonObject root, List<String> keys, Json value, Shape shape) {
        String key = keys.get(0);
        List<String> order = shape == null ? List.of() : shape.memberNames();
        if (keys.size() == 1) {
            return value == null ? root.without(key) : root.with(key, value, order);
        }
        JsonObject child = root.get(key) instanceof JsonObject o ? o : JsonObject.EMPTY;
        JsonObject changed = set(child, keys.subList(1, keys.size()), value, childShape(shape, key));
        return changed.isEmpty() ? root.without(key) : root.with(key, changed, order);
    }

    /** For a list shape, its item shape; else the shape itself. */
    public static Shape item(Shape shape) {
        if (shape != null && shape.kind() == ShapeKind.LIST && shape.itemShape() != null) {
            return shape(shape.itemShape());
        }
        return shape;
    }

    /** The schema's shape of that name, or null (also for a null name). */
    public static Shape shape(String name) {
        if (name == null) {
            return null;
        }
        return EcsSchema.shapes().get(name);
    }

    private static Shape childShape(Shape shape, String key) {
        if (shape == null) {
            return null;
        }
        return shape.member(key).map(m -> item(shape(m.shapeName()))).orElse(null);
    }
}
