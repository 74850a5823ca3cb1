package io.stowage.model.json;

import java.util.regex.Pattern;

/**
 * A location inside a JSON document as users read it: {@code containerDefinitions[1].portMappings[0].hostPort}.
 * Keys that are not plain identifiers are quoted: {@code dockerLabels["com.example.team"]}.
 */
public record JsonPath(String text) {
    public static final JsonPath ROOT = new JsonPath("");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    public JsonPath key(String key) {
        if (isIdentifier(key)) {
            return new JsonPath(text.isEmpty() ? key : text + "." + key);
        }
        return new JsonPath(text + "[" + JsonText.quote(key) + "]");
    }

    /** {@link #IDENTIFIER}, by hand: every key of every file read goes through here. */
    private static boolean isIdentifier(String key) {
        if (key.isEmpty()) {
            return false;
        }
        char first = key.charAt(0);
        if (!(first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z' || first == '_' || first == '$')) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public JsonPath index(int index) {
        return new JsonPath(text + "[" + index + "]");
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    /** Whether this path is {@code other} or lies inside it. */
    public boolean startsWith(JsonPath other) {
        return other.isRoot() || text.equals(other.text)
                || text.startsWith(other.text + ".") || text.startsWith(other.text + "[");
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(top level)" : text;
    }
}
