package io.stowage.ui.inspector;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.Member;
import io.stowage.model.ecs.Shape;
import io.stowage.model.ecs.ShapeKind;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes a member of a JSON object by a dotted key path ({@code healthCheck.interval}), keeping members
 * in the ECS API's order and every member it does not touch. Pure; no toolkit.
 */
final class JsonTree {
    private JsonTree() {
    }

    static List<String> keys(String path) {
        return io.stowage.edit.JsonPaths.keys(path);
    }

    /** The value at the path, or null when absent (or a parent is not an object). */
    static Json get(JsonObject root, String path) {
        Json at = root;
        for (String key : keys(path)) {
            if (!(at instanceof JsonObject object)) {
                return null;
            }
            at = object.get(key);
        }
        return at;
    }

    /** The text a field shows for a scalar value: strings as they are, numbers and booleans as literals. */
    static String text(Json value) {
        if (value == null) {
            return "";
        }
        return value instanceof JsonString s ? s.value() : value.toString();
    }

    /**
     * The object with the value at the path; null removes the member, and a parent object left empty by that is
     * removed too. Missing parents are created.
     */
    static JsonObject set(JsonObject root, String path, Json value, Shape rootShape) {
        return io.stowage.edit.JsonPaths.set(root, path, value, rootShape);
    }

    /** The member the path names, or null when the schema does not know it. */
    static Member member(Shape root, String path) {
        Shape shape = root;
        Member member = null;
        for (String key : keys(path)) {
            if (shape == null) {
                return null;
            }
            member = shape.member(key).orElse(null);
            if (member == null) {
                return null;
            }
            shape = item(safeShape(member.shapeName()));
        }
        return member;
    }

    /** The shape of the value at the path (lists resolved to their items), or null. */
    static Shape shapeAt(Shape root, String path) {
        Member member = member(root, path);
        return member == null ? null : safeShape(member.shapeName());
    }

    /** For a list shape, its item shape; else the shape itself. */
    static Shape item(Shape shape) {
        if (shape != null && shape.kind() == ShapeKind.LIST && shape.itemShape() != null) {
            return safeShape(shape.itemShape());
        }
        return shape;
    }

    /** The enum values of the value at the path (or of its list items), or an empty list. */
    static List<String> enumValues(Shape root, String path) {
        Shape shape = item(shapeAt(root, path));
        return shape == null || shape.enumValues() == null ? List.of() : shape.enumValues();
    }

    private static Shape childShape(Shape shape, String key) {
        if (shape == null) {
            return null;
        }
        return shape.member(key).map(m -> item(safeShape(m.shapeName()))).orElse(null);
    }

    static Shape safeShape(String name) {
        if (name == null) {
            return null;
        }
        return EcsSchema.shapes().get(name);
    }

    /** The path as an id: {@code field-} and the path with every character outside [A-Za-z0-9] as '-'. */
    static String fieldId(String path) {
        return "field-" + path.replaceAll("[^A-Za-z0-9]", "-");
    }
}
