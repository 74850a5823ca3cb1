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
                    // ECS reads Integer members as 32 bits and Long ones as 64: a larger number is no value of
                    // them (a typed view would see none, and a check would say "needs memory" of memory: 1e30).
                    boolean fits = shape.kind() == io.stowage.model.ecs.ShapeKind.INTEGER ? n.intValueOrNull() != null
                            : n.longValueOrNull() != null;
                    if (!fits) {
                        out.add(mismatch(path, shape.kind() == io.stowage.model.ecs.ShapeKind.INTEGER
                                ? "a whole number from -2147483648 to 2147483647"
                                : "a whole number from -9223372036854775808 to 9223372036854775807", value));
                    }
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
