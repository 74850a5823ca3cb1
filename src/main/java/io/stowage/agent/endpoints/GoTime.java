package io.stowage.agent.endpoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the agent's JSON writes them: Go's RFC 3339 with nanoseconds, trailing zeros dropped, in UTC. */
final class GoTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    static String format(Instant at) {
        String out = SECONDS.format(at);
        int nanos = at.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (end > 0 && fraction.charAt(end - 1) == '0') {
                end--;
            }
            out += "." + fraction.substring(0, end);
        }
        return out + "Z";
    }
}
