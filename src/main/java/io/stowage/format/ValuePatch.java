package io.stowage.format;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonDiff;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites a JSON file with some values changed and nothing else touched: each changed string, number, boolean
 * or null is replaced where it stands in the original text, so spacing, comments-free layout, inline arrays and
 * line endings stay as the user had them and version control shows one changed line per changed value. When the
 * change adds or removes members, or replaces an object or array, it cannot be done in place and the caller
 * writes the whole file instead.
 */
public final class ValuePatch {
    private ValuePatch() {
    }

    /**
     * The original text with the values of {@code after} that differ from the document's tree, or empty when
     * the differences are not all scalar values changed in place.
     */
    public static Optional<String> apply(JsonDocument original, byte[] text, Json after) {
        List<JsonDiff.Change> changes = JsonDiff.of(original.root(), after);
        List<Splice> splices = new ArrayList<>();
        for (JsonDiff.Change change : changes) {
            if (change.kind() != JsonDiff.Kind.CHANGED || isStructure(change.before()) || isStructure(change.after())) {
                return Optional.empty();
            }
            SourcePosition at = original.positions().get(change.beforePath().text());
            if (at == null) {
                return Optional.empty();
            }
            int start = offset(text, at);
            int end = start < 0 ? -1 : tokenEnd(text, start);
            if (end < 0) {
                return Optional.empty();
            }
            splices.add(new Splice(start, end, JsonText.compact(change.after())));
        }
        splices.sort(Comparator.comparingInt(Splice::start).reversed());
        byte[] out = text;
        for (Splice splice : splices) {
            byte[] value = splice.text().getBytes(StandardCharsets.UTF_8);
            byte[] next = new byte[out.length - (splice.end() - splice.start()) + value.length];
            System.arraycopy(out, 0, next, 0, splice.start());
            System.arraycopy(value, 0, next, splice.start(), value.length);
            System.arraycopy(out, splice.end(), next, splice.start() + value.length, out.length - splice.end());
            out = next;
        }
        return Optional.of(new String(out, StandardCharsets.UTF_8));
    }

    private record Splice(int start, int end, String text) {
    }

    private static boolean isStructure(Json value) {
        return value instanceof JsonObject || value instanceof JsonArray;
    }

    /** The byte offset of a 1-based line and column (the reader counts columns in bytes), or -1. */
    private static int offset(byte[] text, SourcePosition at) {
        int line = 1;
        int i = 0;
        while (line < at.line() && i < text.length) {
            if (text[i++] == '\n') {
                line++;
            }
        }
        int offset = i + at.column() - 1;
        return line == at.line() && offset < text.length ? offset : -1;
    }

    /** Where the scalar token starting at {@code start} ends (exclusive), or -1 when it is not one. */
    private static int tokenEnd(byte[] text, int start) {
        if (text[start] == '"') {
            for (int i = start + 1; i < text.length; i++) {
                if (text[i] == '\\') {
                    i++;
                } else if (text[i] == '"') {
                    return i + 1;
                }
            }
            return -1;
        }
        int i = start;
        while (i < text.length && (Character.isLetterOrDigit(text[i]) || text[i] == '-' || text[i] == '+'
                || text[i] == '.')) {
            i++;
        }
        return i > start ? i : -1;
    }
}
