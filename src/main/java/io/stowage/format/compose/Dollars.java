package io.stowage.format.compose;

import io.stowage.format.ConversionReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose interpolates {@code $} in every value, so the export writes a literal {@code $} as {@code $$}. A
 * template placeholder of the design written {@code ${NAME}} (or {@code ${NAME:-default}}) outside shell text is
 * the one exception: it becomes a compose variable, which is what it stands for. In commands, entrypoints and
 * health-check tests every {@code $} is the shell's and is escaped.
 */
final class Dollars {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?-[^}$]*)?}");
    private static final Set<String> SHELL_KEYS = Set.of("command", "entrypoint", "test");

    private Dollars() {
    }

    /** The tree with every string escaped; placeholders kept as variables are reported once each. */
    @SuppressWarnings("unchecked")
    static <T> T escape(T value, String key, ConversionReport report) {
        return (T) escape(value, key, false, report, new LinkedHashSet<>());
    }

    private static Object escape(Object value, String key, boolean shell, ConversionReport report, Set<String> seen) {
        boolean inShell = shell || key != null && SHELL_KEYS.contains(key);
        if (value instanceof String text) {
            return inShell ? text.replace("$", "$$") : outsideShell(text, report, seen);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), escape(v, String.valueOf(k), inShell, report, seen)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(escape(item, null, inShell, report, seen)));
            return out;
        }
        return value;
    }

    private static String outsideShell(String text, ConversionReport report, Set<String> seen) {
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            out.append(text.substring(at, m.start()).replace("$", "$$")).append(m.group());
            if (seen.add(m.group())) {
                report.add(ConversionReport.Kind.APPROXIMATED, "", "the placeholder " + m.group() + " is a compose "
                        + "variable: set it in the environment or in .env beside the compose file");
            }
            at = m.end();
        }
        return out.append(text.substring(at).replace("$", "$$")).toString();
    }
}
