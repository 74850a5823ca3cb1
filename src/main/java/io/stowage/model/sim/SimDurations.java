package io.stowage.model.sim;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a scenario and the command line write them: {@code 10s}, {@code 2m}, {@code 1h30m}, {@code 500ms}. */
public final class SimDurations {
    public static final String EXPECTED = "a duration such as 10s, 2m, 1h30m or 500ms";
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    private SimDurations() {
    }

    /** @throws IllegalArgumentException naming what was expected, when {@code text} is none */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("PT") || t.startsWith("pt")) {
            try {
                return nonNegative(Duration.parse(t.toUpperCase()), text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected " + EXPECTED + ", found \"" + text + "\"");
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < t.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found \"" + text + "\"");
        }
        return total;
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("expected " + EXPECTED + ", found the negative \"" + text + "\"");
        }
        return d;
    }
}
