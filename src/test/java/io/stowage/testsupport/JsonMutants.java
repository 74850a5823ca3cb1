package io.stowage.testsupport;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trees that differ from one JSON tree in a single place: a value replaced by a value of another shape, as
 * describe output, hand edits and other tools leave them (null, a string where a number goes, an empty object...).
 */
public final class JsonMutants {
    /** Values a reader accepts where a schema expects something else. */
    public static final List<Json> ODD_VALUES = List.of(JsonNull.INSTANCE, new JsonString("a\nb"), new JsonString(""),
            JsonNumber.parse("-1"), JsonNumber.parse("1e300"), JsonNumber.parse("2.5"), JsonBool.TRUE,
            JsonObject.EMPTY, JsonArray.EMPTY, JsonArray.of(List.of(JsonNull.INSTANCE)));

    private JsonMutants() {
    }

    /** Every tree with one value (the root excepted) replaced by each of the replacements, in document order. */
    public static void each(Json root, List<Json> replacements, Consumer<Json> out) {
        for (Json replacement : replacements) {
            replaceEach(root, replacement, out::accept);
        }
    }

    /** All of {@link #each}, as a list. */
    public static List<Json> all(Json root, List<Json> replacements) {
        List<Json> out = new ArrayList<>();
        each(root, replacements, out::add);
        return out;
    }

    private static void replaceEach(Json node, Json replacement, Consumer<Json> out) {
        if (node instanceof JsonObject object) {
            for (Map.Entry<String, Json> member : object.members().entrySet()) {
                if (!member.getValue().equals(replacement)) {
                    out.accept(object.with(member.getKey(), replacement));
                }
                replaceEach(member.getValue(), replacement, child -> out.accept(object.with(member.getKey(), child)));
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                if (!array.get(i).equals(replacement)) {
                    out.accept(array.with(i, replacement));
                }
                replaceEach(array.get(i), replacement, child -> out.accept(array.with(index, child)));
            }
        }
    }
}
