package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code healthcheck} as the container's {@code healthCheck}: the test ({@code [CMD, ...]},
 * {@code [CMD-SHELL, "..."]}, or a string, which compose runs with the shell) and durations converted to whole
 * seconds and brought into the ranges ECS accepts. Compose's default timeout is 30 s where ECS's is 5 s; the
 * report says so rather than writing a timeout that ECS would find longer than the interval.
 */
final class HealthCheckSettings {
    private static final long COMPOSE_DEFAULT_TIMEOUT = 30;
    private static final long ECS_DEFAULT_TIMEOUT = 5;

    private HealthCheckSettings() {
    }

    static void apply(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonObject check)) {
            ctx.notMapped(path, "expected a mapping");
            return;
        }
        if (Boolean.TRUE.equals(ComposeValues.bool(check.get("disable")))
                || check.get("test") instanceof JsonArray t && !t.isEmpty() && "NONE".equals(ComposeValues.text(t.get(0)))) {
            ctx.notMapped(path, "ECS cannot switch off a health check the image defines; without a healthCheck the "
                    + "image's HEALTHCHECK applies");
            return;
        }
        List<String> command = new ArrayList<>();
        Json test = check.get("test");
        if (test instanceof JsonArray array) {
            command.addAll(ComposeValues.strings(array));
        } else if (ComposeValues.text(test) != null) {
            command.add("CMD-SHELL");
            command.add(ComposeValues.text(test));
        }
        if (command.isEmpty()) {
            ctx.notMapped(path, "a health check without a test only changes the image's timing, which ECS cannot "
                    + "do without the command");
            return;
        }
        if (!command.get(0).equals("CMD") && !command.get(0).equals("CMD-SHELL")) {
            ctx.notMapped(path + ".test", "the test must start with CMD or CMD-SHELL");
            return;
        }
        JsonObject.Builder health = JsonObject.builder().put("command", JsonArray.ofStrings(command));
        seconds(check, "interval", "interval", 5, 300, health, path, ctx);
        if (check.has("timeout")) {
            seconds(check, "timeout", "timeout", 2, 60, health, path, ctx);
        } else {
            ctx.approximated(path, "no timeout is given: ECS waits " + ECS_DEFAULT_TIMEOUT + " s for a check where "
                    + "compose waits " + COMPOSE_DEFAULT_TIMEOUT + " s");
        }
        if (check.has("retries")) {
            Long retries = ComposeValues.integer(check.get("retries"));
            if (retries == null) {
                ctx.notMapped(path + ".retries", "expected a number");
            } else {
                health.put("retries", clamp(retries, 1, 10, "retries", path + ".retries", ctx));
            }
        }
        seconds(check, "start_period", "startPeriod", 0, 300, health, path, ctx);
        for (String key : check.keys()) {
            switch (key) {
                case "test", "interval", "timeout", "retries", "start_period", "disable" -> { }
                case "start_interval" -> ctx.notMapped(path + ".start_interval", "ECS checks at the same interval "
                        + "during the start period");
                default -> ctx.notMapped(path + "." + key, "not a health check setting");
            }
        }
        draft.set("healthCheck", health.build());
    }

    private static void seconds(JsonObject check, String key, String member, long min, long max,
                                JsonObject.Builder out, String path, ImportContext ctx) {
        if (!check.has(key)) {
            return;
        }
        Long seconds = ComposeValues.seconds(check.get(key));
        if (seconds == null) {
            ctx.notMapped(path + "." + key, "expected a duration such as 30s or 1m30s, found \""
                    + ComposeValues.text(check.get(key)) + "\"");
            return;
        }
        out.put(member, JsonNumber.of(clamp(seconds, min, max, key, path + "." + key, ctx)));
    }

    private static long clamp(long value, long min, long max, String what, String path, ImportContext ctx) {
        long clamped = Math.max(min, Math.min(max, value));
        if (clamped != value) {
            ctx.approximated(path, what + " " + value + " is outside what ECS accepts (" + min + " to " + max
                    + "); it is " + clamped);
        }
        return clamped;
    }
}
