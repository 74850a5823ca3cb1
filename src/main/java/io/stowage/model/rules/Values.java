package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;

import java.util.Collection;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw JSON members the way the rules need: an explicit null counts as absent, and a template placeholder
 * counts as "set, value unknown", so that a rule neither reports a placeholder as missing nor checks its text.
 */
final class Values {
    private static final Pattern MORE_PLACEHOLDERS = Pattern.compile("\\$\\$\\$[A-Za-z0-9_]+\\$\\$\\$"
            + "|\\$[A-Z_][A-Z0-9_]*");
    private Values() {
    }

    /** The member, or null when it is absent or an explicit JSON null. */
    static Json get(JsonObject object, String key) {
        Json value = object == null ? null : object.get(key);
        return value instanceof JsonNull ? null : value;
    }

    static boolean isSet(JsonObject object, String key) {
        return get(object, key) != null;
    }

    /** Whether the value is a string that is or contains a template placeholder. */
    static boolean isPlaceholder(Json value) {
        return value instanceof JsonString s && placeholder(s.value()) != null;
    }

    static boolean hasPlaceholder(String text) {
        return text != null && placeholder(text) != null;
    }

    /**
     * The first template placeholder in the text, or null: what {@link Placeholders} recognises, plus the
     * {@code $$$NAME$$$} markers of the ECS agent's test templates and an upper-case {@code $NAME} inside a value
     * (e.g. {@code widget-$APP_ENV}), which envsubst-style pipelines substitute.
     */
    static String placeholder(String text) {
        if (text.length() < 4096) {
            return findPlaceholder(text);
        }
        // Several rules ask about the same long value: its answer is kept for the last one asked (per thread).
        Object[] last = LAST_LONG.get();
        if (last[0] != text) {
            last[1] = findPlaceholder(text);
            last[0] = text;
        }
        return (String) last[1];
    }

    private static final ThreadLocal<Object[]> LAST_LONG = ThreadLocal.withInitial(() -> new Object[2]);

    private static String findPlaceholder(String text) {
        String found = Placeholders.find(text);
        if (found != null) {
            return found;
        }
        Matcher matcher = MORE_PLACEHOLDERS.matcher(text);
        return matcher.find() ? matcher.group() : null;
    }

    /**
     * A token that marks the text as a hand-written stand-in (e.g. {@code ACCOUNT_ID}, {@code XXXXXXXXXXXX},
     * {@code {your-account-id}}, {@code PYTHON_URI_PLACEHOLDER}), or null. Rules that find a malformed value use
     * it to tell "substitute this" from a real mistake.
     */
    static String templateHint(String text) {
        if (text == null) {
            return null;
        }
        return TemplateHints.find(text);
    }

    /**
     * Reports a malformed value: as a placeholder warning when it carries a template hint, else as an error.
     */
    static void malformed(Findings out, JsonPath path, String value, String errorMessage,
                          String ruleId) {
        String hint = templateHint(value);
        if (hint != null) {
            out.warning(path, quote(value) + " looks like a template: " + (hint.length() > QUOTED_MAX
                    ? hint.substring(0, QUOTED_MAX - 40) + "…" : hint) + " is kept verbatim; substitute it"
                    + " before registering.", SchemaRules.PLACEHOLDER);
        } else {
            out.error(path, errorMessage, ruleId);
        }
    }

    static String string(JsonObject object, String key) {
        return get(object, key) instanceof JsonString s ? s.value() : null;
    }

    /** A string without placeholders, or null. */
    static String concrete(JsonObject object, String key) {
        String text = string(object, key);
        return text == null || hasPlaceholder(text) ? null : text;
    }

    static Long number(JsonObject object, String key) {
        return get(object, key) instanceof JsonNumber n ? n.longValueOrNull() : null;
    }

    static boolean isTrue(JsonObject object, String key) {
        return get(object, key) instanceof JsonBool b && b.value();
    }

    static JsonObject object(JsonObject object, String key) {
        return get(object, key) instanceof JsonObject o ? o : null;
    }

    static JsonArray array(JsonObject object, String key) {
        return get(object, key) instanceof JsonArray a ? a : JsonArray.EMPTY;
    }

    /** Whether the member holds something: a non-empty list or object, a non-empty string, any number or true. */
    static boolean hasContent(JsonObject object, String key) {
        Json value = get(object, key);
        if (value instanceof JsonArray a) {
            return !a.isEmpty();
        }
        if (value instanceof JsonObject o) {
            return !o.isEmpty();
        }
        if (value instanceof JsonString s) {
            return !s.value().isEmpty();
        }
        if (value instanceof JsonBool b) {
            return b.value();
        }
        return value != null;
    }

    /** Past this many characters a message quotes a value's start and says how long it is. */
    static final int QUOTED_MAX = 120;

    /** The value as a JSON string for a message; a long one cut to its start, so that a message stays a line. */
    static String quote(String text) {
        if (text.length() > QUOTED_MAX) {
            return JsonText.quote(text.substring(0, QUOTED_MAX - 40)) + "… (" + text.length() + " characters)";
        }
        return JsonText.quote(text);
    }

    /** "a, b or c" */
    static String orList(Collection<?> items) {
        return joined(items, " or ");
    }

    /** "a, b and c" */
    static String andList(Collection<?> items) {
        return joined(items, " and ");
    }

    private static String joined(Collection<?> items, String last) {
        StringBuilder out = new StringBuilder();
        Iterator<?> it = items.iterator();
        int i = 0;
        while (it.hasNext()) {
            Object item = it.next();
            if (i > 0) {
                out.append(i == items.size() - 1 ? last : ", ");
            }
            out.append(item);
            i++;
        }
        return out.toString();
    }
}
