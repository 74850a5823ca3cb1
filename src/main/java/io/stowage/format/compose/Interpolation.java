package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose's variable substitution in every string value (keys are left alone, as compose does):
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?error}} / {@code ${VAR?error}} (refuse the file), {@code ${VAR:+alt}} / {@code ${VAR+alt}},
 * defaults that themselves hold substitutions, and {@code $$} for a literal dollar. An unset variable without a
 * default is where Stowage differs from compose, which substitutes the empty string: it stays in the value as the
 * template placeholder {@code ${VAR}}, which validation recognises, so a design shows what is still to be filled
 * in instead of an image named {@code postgres:}. It is remembered so that the import report can say so.
 */
final class Interpolation {
    /** A variable that was used but not set, and the first value that used it. */
    record Unset(String variable, String path) {
    }

    /** {@code ${VAR:?message}} of an unset variable: compose refuses the file. */
    static final class RequiredVariableException extends Exception {
        final String path;

        RequiredVariableException(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    private final Map<String, String> environment;
    private final Map<String, Unset> unset = new LinkedHashMap<>();
    /** For each value's path, the variables whose values went into it (for keeping .env's values out of a design). */
    private final Map<String, java.util.Set<String>> substituted = new LinkedHashMap<>();

    Interpolation(Map<String, String> environment) {
        this.environment = environment;
    }

    List<Unset> unset() {
        return new ArrayList<>(unset.values());
    }

    /** The variables each value's path took a value from, by the path of the value in its file. */
    Map<String, java.util.Set<String>> substituted() {
        Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
        substituted.forEach((path, names) -> out.put(path, java.util.Set.copyOf(names)));
        return out;
    }

    private void used(String name, String path) {
        substituted.computeIfAbsent(path, p -> new java.util.LinkedHashSet<>()).add(name);
    }

    Json apply(Json value, JsonPath path) throws RequiredVariableException {
        if (value instanceof JsonString s) {
            String text = s.value();
            return text.indexOf('$') < 0 ? value : new JsonString(substitute(text, path.text()));
        }
        if (value instanceof JsonArray array) {
            List<Json> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                items.add(apply(array.get(i), path.index(i)));
            }
            return JsonArray.of(items);
        }
        if (value instanceof JsonObject object) {
            Map<String, Json> members = new LinkedHashMap<>();
            for (Map.Entry<String, Json> member : object.members().entrySet()) {
                members.put(member.getKey(), apply(member.getValue(), path.key(member.getKey())));
            }
            return JsonObject.of(members);
        }
        return value;
    }

    String substitute(String text, String path) throws RequiredVariableException {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    // An unterminated ${ is kept as written rather than refusing the whole file.
                    out.append(text, i, text.length());
                    break;
                }
                out.append(braced(text.substring(i + 2, close), path));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(lookup(text.substring(i + 1, end), path, "${" + text.substring(i + 1, end) + "}"));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String body, String path) throws RequiredVariableException {
        int end = 0;
        while (end < body.length() && isNamePart(body.charAt(end))) {
            end++;
        }
        String name = body.substring(0, end);
        String rest = body.substring(end);
        String value = environment.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (rest.isEmpty()) {
            return lookup(name, path, "${" + name + "}");
        }
        if (rest.startsWith(":-")) {
            return nonEmpty ? taken(name, value, path) : substitute(rest.substring(2), path);
        }
        if (rest.startsWith("-")) {
            return set ? taken(name, value, path) : substitute(rest.substring(1), path);
        }
        if (rest.startsWith(":?") || rest.startsWith("?")) {
            boolean ok = rest.startsWith(":?") ? nonEmpty : set;
            if (!ok) {
                String message = substitute(rest.substring(rest.startsWith(":?") ? 2 : 1), path);
                throw new RequiredVariableException(path, "required variable " + name + " is "
                        + (set ? "empty" : "not set") + (message.isBlank() ? "" : ": " + message));
            }
            return taken(name, value, path);
        }
        if (rest.startsWith(":+")) {
            return nonEmpty ? substitute(rest.substring(2), path) : "";
        }
        if (rest.startsWith("+")) {
            return set ? substitute(rest.substring(1), path) : "";
        }
        // Not a form compose knows: keep the text so that nothing is lost, and the value reads as unusual.
        return "${" + body + "}";
    }

    private String lookup(String name, String path, String placeholder) {
        String value = environment.get(name);
        if (value == null) {
            unset.putIfAbsent(name, new Unset(name, path));
            return placeholder;
        }
        return taken(name, value, path);
    }

    private String taken(String name, String value, String path) {
        used(name, path);
        return value;
    }

    /** The index of the brace that closes one opened before {@code from}, counting nested {@code ${...}}. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || c >= '0' && c <= '9';
    }
}
