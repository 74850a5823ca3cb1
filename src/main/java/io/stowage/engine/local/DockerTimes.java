package io.stowage.engine.local;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Docker's timestamps: RFC 3339 with nanoseconds; the zero time {@code 0001-01-01T00:00:00Z} means never. */
final class DockerTimes {

    private DockerTimes() {
    }

    static Instant parse(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static Instant parseOr(String text, Instant fallback) {
        Instant at = parse(text);
        return at == null ? fallback : at;
    }
}
