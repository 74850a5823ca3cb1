package io.stowage.model.rules;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.Member;
import io.stowage.model.ecs.Shape;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the JSON types of a tree against an ECS API shape, as the AWS CLI's parameter validation does, with
 * two allowances that real files need: an explicit null (ECS reads it as absent) and a whole-value template
 * placeholder such as {@code "${CPU}"} in a number position. Members the schema does not know are not
 * checked; they are kept as they are.
 */
public final class ShapeTypeCheck {
    private ShapeTypeCheck() {
    }

    public static List<TypeMismatch> check(Json value, String shapeName) {
        List<TypeMismatch> out = new ArrayList<>();
        check(value, EcsSchema.shape(shapeName), JsonPath.ROOT, out);
        return out;
    }

    private static void check(Json value, Shape shape, JsonPath path, List<TypeMismatch> out) {
        if (value instanceof JsonNull) {
            return;
        }
        if (value instanceof JsonString s && !shape.isScalar() && Placeholders.isWhole(s.value())) {
            return;
        }
        switch (shape.kind()) {
            case STRUCTURE -> {
                if (!(value instanceof JsonObject object)) {
                    out.add(mismatch(path, "an object", value));
                    return;
                }
                for (Map.Entry<String, Json> entry : object.members().entrySet()) {
                    shape.member(entry.getKey()).ifPresent((Member member) ->
                            check(entry.getValue(), member.shape(), path.key(entry.getKey()), out));
                }
            }
            case LIST -> {
                if (!(value instanceof JsonArray array)) {
                    out.add(mismatch(path, "an array", value));
                    return;
                }
                Shape item = EcsSchema.shape(shape.itemShape());
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), item, path.index(i), out);
                }
            }
            case MAP -> {
                if (!(value instanceof JsonObject object)) {
                    out.add(mismatch(path, "an object of names to values", value));
                    return;
                }
                Shape item = EcsSchema.shape(shape.valueShape());
                object.members().forEach((key, v) -> check(v, item, path.key(key), out));
            }
            case STRING -> {
                if (!(value instanceof JsonString)) {
                    out.add(mismatch(path, "a string", value));
                }
            }
            case INTEGER, LONG -> {
                if (value instanceof JsonNumber n && n.isIntegral()) {
                    return;
                }
                if (!isPlaceholder(value)) {
                    out.add(mismatch(path, "an integer", value));
                }
            }
            case DOUBLE -> {
                if (!(value instanceof JsonNumber) && !isPlaceholder(value)) {
                    out.add(mismatch(path, "a number", value));
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof JsonBool) && !isPlaceholder(value)) {
                    out.add(mismatch(path, "true or false", value));
                }
            }
            case TIMESTAMP -> {
                if (!(value instanceof JsonString) && !(value instanceof JsonNumber)) {
                    out.add(mismatch(path, "a date (text or seconds since 1970)", value));
                }
            }
        }
    }

    private static boolean isPlaceholder(Json value) {
        return value instanceof JsonString s && Placeholders.isWhole(s.value());
    }

    private static TypeMismatch mismatch(JsonPath path, String expected, Json found) {
        return new TypeMismatch(path.isRoot() ? "" : path.text(), expected, describe(found));
    }

    static String describe(Json value) {
        String text = value.toString();
        if (value instanceof JsonString s) {
            text = io.stowage.model.json.JsonText.quote(s.value());
        }
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        String article = value instanceof JsonArray || value instanceof JsonObject ? "an " : "a ";
        if (value instanceof JsonBool) {
            return "a boolean (" + text + ")";
        }
        return article + value.typeName() + " (" + text + ")";
    }
}
