package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads compose values, which are all text in the tree (see {@link ComposeYaml}), as the type the place they are
 * used needs: numbers, booleans, durations, byte sizes, lists, key-value lists, and command lines.
 */
final class ComposeValues {
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(i?b?)?", Pattern.CASE_INSENSITIVE);

    private ComposeValues() {
    }

    /** The text of a scalar, null for null or absent; a mapping or list as compact JSON. */
    static String text(Json value) {
        if (value == null || value instanceof JsonNull) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.value();
        }
        if (value instanceof JsonNumber || value instanceof JsonBool) {
            return value.toString();
        }
        return JsonText.compact(value);
    }

    static boolean isScalar(Json value) {
        return value instanceof JsonString || value instanceof JsonNumber || value instanceof JsonBool;
    }

    /** A whole number, or null when the value is not one. */
    static Long integer(Json value) {
        String text = text(value);
        if (text == null || !isScalar(value)) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text.strip());
            return number.stripTrailingZeros().scale() <= 0 ? number.longValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    static Double decimal(Json value) {
        String text = text(value);
        if (text == null || !isScalar(value)) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** YAML's spellings of a boolean, or null for anything else. */
    static Boolean bool(Json value) {
        String text = text(value);
        if (text == null || !isScalar(value)) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> Boolean.TRUE;
            case "false", "no", "off", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * A Go-style duration ({@code 1m30s}, {@code 500ms}, {@code 2h}) or a bare number of seconds, in whole
     * seconds rounded up; null when the text is not a duration.
     */
    static Long seconds(Json value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        text = text.strip();
        if (text.matches("[0-9]+(\\.[0-9]+)?")) {
            return (long) Math.ceil(Double.parseDouble(text));
        }
        Matcher part = DURATION_PART.matcher(text);
        double total = 0;
        int end = 0;
        while (part.find()) {
            if (part.start() != end) {
                return null;
            }
            double amount = Double.parseDouble(part.group(1));
            total += switch (part.group(2)) {
                case "h" -> amount * 3600;
                case "m" -> amount * 60;
                case "s" -> amount;
                case "ms" -> amount / 1_000;
                case "us", "µs" -> amount / 1_000_000;
                default -> amount / 1_000_000_000;
            };
            end = part.end();
        }
        return end == text.length() && end > 0 ? (long) Math.ceil(total - 1e-9) : null;
    }

    /** A byte size ({@code 300M}, {@code 1g}, {@code 512mb}, {@code 1.5GiB}, or bytes) in bytes; null if not one. */
    static Long bytes(Json value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        Matcher m = BYTES.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            case "t" -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        return (long) Math.ceil(amount * unit);
    }

    /** Bytes as MiB, rounded up, at least 1 for any positive size. */
    static int mebibytes(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 1024 * 1024 - 1) / (1024 * 1024));
    }

    /** A string or a list of strings, as a list; other items are written as their text. */
    static List<String> strings(Json value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (Json item : array.items()) {
                String text = text(item);
                if (text != null) {
                    out.add(text);
                }
            }
        } else if (text(value) != null) {
            out.add(text(value));
        }
        return out;
    }

    /**
     * A mapping or a list of {@code KEY=VALUE} (or {@code KEY} alone) as an ordered map; a key without a value
     * maps to null.
     */
    static Map<String, String> keyValues(Json value, String separator) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.members().forEach((k, v) -> out.put(k, text(v)));
        } else if (value instanceof JsonArray array) {
            for (Json item : array.items()) {
                String text = text(item);
                if (text == null) {
                    continue;
                }
                int at = text.indexOf(separator);
                out.put(at < 0 ? text : text.substring(0, at), at < 0 ? null : text.substring(at + separator.length()));
            }
        }
        return out;
    }

    /**
     * A command line as compose splits a string command: on blanks, with single quotes literal, double quotes
     * grouping (backslash escapes {@code "}, {@code \} and {@code $} inside), and a backslash outside quotes taking
     * the next character literally. A list is taken as it is.
     */
    static List<String> commandLine(Json value) {
        if (value instanceof JsonArray) {
            return strings(value);
        }
        String text = text(value);
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                close = close < 0 ? text.length() : close;
                word.append(text, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        d = text.charAt(++i);
                    }
                    word.append(d);
                    i++;
                }
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
