package io.stowage.model.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Writes a JSON tree as text: pretty with 2-space indentation (the layout of task-definition files kept in
 * git and of {@code JSON.stringify(v, null, 2)}), or compact for messages.
 */
public final class JsonText {
    private static final String INDENT = "  ";

    private JsonText() {
    }

    /** Pretty text with a trailing newline, as a file holds it. */
    public static String pretty(Json value) {
        return pretty(value, INDENT);
    }

    /** Pretty text indented by {@code indent} per level (e.g. a tab, or four spaces, as the file had it). */
    public static String pretty(Json value, String indent) {
        StringBuilder out = new StringBuilder(4096);
        write(value, out, 0, indent);
        return out.append('\n').toString();
    }

    public static String compact(Json value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0, null);
        return out.toString();
    }

    private static void write(Json value, StringBuilder out, int depth, String pretty) {
        if (value instanceof JsonObject object) {
            writeObject(object, out, depth, pretty);
        } else if (value instanceof JsonArray array) {
            writeArray(array, out, depth, pretty);
        } else if (value instanceof JsonString string) {
            quote(string.value(), out);
        } else if (value instanceof JsonNumber number) {
            out.append(number.literal());
        } else {
            out.append(value);
        }
    }

    private static void writeObject(JsonObject object, StringBuilder out, int depth, String pretty) {
        if (object.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        Iterator<Map.Entry<String, Json>> it = object.members().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Json> member = it.next();
            newline(out, depth + 1, pretty);
            quote(member.getKey(), out);
            out.append(pretty != null ? ": " : ":");
            write(member.getValue(), out, depth + 1, pretty);
            if (it.hasNext()) {
                out.append(',');
            }
        }
        newline(out, depth, pretty);
        out.append('}');
    }

    private static void writeArray(JsonArray array, StringBuilder out, int depth, String pretty) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            newline(out, depth + 1, pretty);
            write(array.get(i), out, depth + 1, pretty);
            if (i < array.size() - 1) {
                out.append(',');
            }
        }
        newline(out, depth, pretty);
        out.append(']');
    }

    private static void newline(StringBuilder out, int depth, String indent) {
        if (indent != null) {
            out.append('\n');
            out.append(indent.repeat(depth));
        }
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        quote(text, out);
        return out.toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
