package io.stowage.model.rules;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises template placeholders that pipelines substitute before registering a task definition:
 * {@code <IMAGE1_NAME>}, {@code ${VAR}}, {@code {{var}}}, and a bare {@code $VAR} standing alone.
 */
public final class Placeholders {
    private static final Pattern EMBEDDED = Pattern.compile(
            "\\$\\{[A-Za-z_][A-Za-z0-9_:.\\-]*(?::?[-=?+][^}]*)?}|\\{\\{\\s*[A-Za-z_][A-Za-z0-9_.\\-]*\\s*}}"
                    + "|<[A-Za-z][A-Za-z0-9_.:\\-]*>");
    private static final Pattern WHOLE = Pattern.compile("\\$[A-Z_][A-Z0-9_]*");
    private static final Set<String> HTML_TAGS = Set.of("html", "head", "body", "title", "style", "script", "p",
            "h1", "h2", "h3", "h4", "div", "span", "br", "hr", "b", "i", "a", "ul", "li", "pre", "code", "table",
            "tr", "td", "th", "meta", "link");

    private Placeholders() {
    }

    /** The first placeholder in the text, or null when there is none. */
    public static String find(String text) {
        // Every string of every task definition is asked: most have none of the characters a placeholder needs.
        if (text.indexOf('$') < 0 && text.indexOf('{') < 0 && text.indexOf('<') < 0) {
            return null;
        }
        if (WHOLE.matcher(text).matches()) {
            return text;
        }
        Matcher matcher = EMBEDDED.matcher(text);
        while (matcher.find()) {
            String found = matcher.group();
            if (found.startsWith("<") && HTML_TAGS.contains(found.substring(1, found.length() - 1).toLowerCase())) {
                continue;
            }
            return found;
        }
        return null;
    }

    /** Whether the whole text is one placeholder, so it may stand where a number, boolean or list belongs. */
    public static boolean isWhole(String text) {
        String found = find(text);
        return found != null && found.equals(text.strip());
    }
}
