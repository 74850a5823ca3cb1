package io.stowage.model.rules;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises template placeholders that pipelines substitute before registering a task definition:
 * {@code <IMAGE1_NAME>}, {@code ${VAR}}, {@code {{var}}}, and a bare {@code $VAR} standing alone.
 */
public final class Placeholders {
    /**
     * {@code {{var}}} and {@code <NAME>}. The third form, {@code ${VAR}} with an optional default
     * ({@code ${VAR:-x}}), is found by {@link #dollarBrace}: as the expression
     * {@code \$\{[A-Za-z_][A-Za-z0-9_:.\-]*(?::?[-=?+][^}]*)?}} it took quadratic time over text such as
     * {@code ${a:-${a:-...} with no closing brace, since every start scanned to the end.
     */
    private static final Pattern EMBEDDED = Pattern.compile("\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.\\-]*\\s*}}"
            + "|<[A-Za-z][A-Za-z0-9_.:\\-]*>");
    private static final Pattern WHOLE = Pattern.compile("\\$[A-Z_][A-Z0-9_]*");
    private static final Set<String> HTML_TAGS = Set.of("html", "head", "body", "title", "style", "script", "p",
            "h1", "h2", "h3", "h4", "div", "span", "br", "hr", "b", "i", "a", "ul", "li", "pre", "code", "table",
            "tr", "td", "th", "meta", "link");

    private Placeholders() {
    }

    /** The first placeholder in the text, or null when there is none. */
    public static String find(String text) {
        if (text.length() < LONG_TEXT) {
            return search(text);
        }
        // Several rules ask about the same long value: its answer is kept for the last one asked (per thread).
        Object[] last = LAST_LONG.get();
        if (last[0] != text) {
            last[1] = search(text);
            last[0] = text;
        }
        return (String) last[1];
    }

    /** Strings from this length on are worth remembering the answer for. */
    private static final int LONG_TEXT = 4096;
    private static final ThreadLocal<Object[]> LAST_LONG = ThreadLocal.withInitial(() -> new Object[2]);

    private static String search(String text) {
        // Every string of every task definition is asked: most have none of the characters a placeholder needs.
        if (text.indexOf('$') < 0 && text.indexOf('{') < 0 && text.indexOf('<') < 0) {
            return null;
        }
        if (WHOLE.matcher(text).matches()) {
            return text;
        }
        int[] dollar = dollarBrace(text);
        if (text.indexOf('>') < 0 && !text.contains("}}")) {
            // Neither of the other forms can end anywhere: no need to try them at every '<' or '{'.
            return dollar == null ? null : text.substring(dollar[0], dollar[1]);
        }
        Matcher matcher = EMBEDDED.matcher(text);
        while (matcher.find() && (dollar == null || matcher.start() < dollar[0])) {
            String found = matcher.group();
            if (found.startsWith("<") && HTML_TAGS.contains(found.substring(1, found.length() - 1).toLowerCase())) {
                continue;
            }
            return found;
        }
        return dollar == null ? null : text.substring(dollar[0], dollar[1]);
    }

    /**
     * The first {@code ${NAME}} or {@code ${NAME<op>default}} (op one of {@code - = ? +}, optionally after a
     * colon), as start and end, in one pass: a default runs to the first closing brace.
     */
    private static int[] dollarBrace(String text) {
        int start = text.indexOf("${");
        int close = -1;
        while (start >= 0) {
            int name = start + 2;
            if (name < text.length() && isNameStart(text.charAt(name))) {
                int end = name + 1;
                boolean hyphen = false;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    hyphen |= text.charAt(end) == '-';
                    end++;
                }
                if (end < text.length() && text.charAt(end) == '}') {
                    return new int[] {start, end + 1};
                }
                boolean operator = hyphen || (end < text.length() && "=?+".indexOf(text.charAt(end)) >= 0);
                if (operator) {
                    if (close < end) {
                        close = text.indexOf('}', end);
                    }
                    if (close < 0) {
                        return null;
                    }
                    return new int[] {start, close + 1};
                }
                start = text.indexOf("${", end);
            } else {
                start = text.indexOf("${", start + 1);
            }
        }
        return null;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '-';
    }

    /** Whether the whole text is one placeholder, so it may stand where a number, boolean or list belongs. */
    public static boolean isWhole(String text) {
        String found = find(text);
        return found != null && found.equals(text.strip());
    }
}
