package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.List;

/**
 * Container health checks: the command form Docker runs (CMD or CMD-SHELL first), the documented ranges of
 * interval, timeout, retries and startPeriod, and a timeout shorter than the interval.
 * Sources: ECS API reference, HealthCheck ("must start with CMD ... or CMD-SHELL"; interval 5-300, default 30;
 * timeout 2-60, default 5; retries 1-10, default 3; startPeriod 0-300); ecs-semantics.md §1.2 (the 2023 docs
 * said CMD is assumed when neither is given, hence a warning); Docker's health check runner (moby
 * daemon/health.go: CMD-SHELL passes only its first argument to the shell as the command).
 */
final class HealthCheckRules implements Rule {
    private static final int DEFAULT_INTERVAL = 30;
    private static final int DEFAULT_TIMEOUT = 5;

    @Override
    public void check(RuleContext task, Findings out) {
        for (RuleContext.Container container : task.containers()) {
            JsonObject healthCheck = Values.object(container.json(), "healthCheck");
            if (healthCheck == null) {
                continue;
            }
            JsonPath path = container.at("healthCheck");
            command(healthCheck, path.key("command"), out);
            range(healthCheck, "interval", 5, 300, path, out);
            range(healthCheck, "timeout", 2, 60, path, out);
            range(healthCheck, "retries", 1, 10, path, out);
            range(healthCheck, "startPeriod", 0, 300, path, out);
            Long interval = Values.number(healthCheck, "interval");
            Long timeout = Values.number(healthCheck, "timeout");
            boolean intervalKnown = interval != null ? interval >= 5 && interval <= 300
                    : !Values.isSet(healthCheck, "interval");
            boolean timeoutKnown = timeout != null ? timeout >= 2 && timeout <= 60 : !Values.isSet(healthCheck, "timeout");
            long i = interval != null ? interval : DEFAULT_INTERVAL;
            long t = timeout != null ? timeout : DEFAULT_TIMEOUT;
            if (intervalKnown && timeoutKnown && t >= i && (interval != null || timeout != null)) {
                out.warning(path.key(timeout != null ? "timeout" : "interval"), "The health check timeout (" + t
                        + " s) is not shorter than its interval (" + i + " s), so a slow check overlaps the next;"
                        + " make timeout smaller than interval.", "health-check-timeout");
            }
        }
    }

    private void command(JsonObject healthCheck, JsonPath path, Findings out) {
        List<Json> items = Values.array(healthCheck, "command").items();
        if (!Values.isSet(healthCheck, "command")) {
            return;
        }
        if (items.isEmpty()) {
            out.error(path, "The health check command is empty; use [\"CMD-SHELL\", \"<shell command>\"] or"
                    + " [\"CMD\", \"<program>\", \"<arg>\"...].", "health-check-command");
            return;
        }
        if (!(items.get(0) instanceof JsonString first)) {
            return;
        }
        String kind = first.value();
        if (kind.equals("CMD-SHELL")) {
            if (items.size() == 1) {
                out.error(path, "CMD-SHELL needs the shell command as its second item, e.g. [\"CMD-SHELL\","
                        + " \"curl -f http://localhost/ || exit 1\"].", "health-check-command");
            } else if (items.size() > 2) {
                out.warning(path, "CMD-SHELL runs only its second item as the shell command; the other "
                        + (items.size() - 2) + " item(s) are ignored. Join them into one string.",
                        "health-check-command");
            }
        } else if (kind.equals("CMD")) {
            if (items.size() == 1) {
                out.error(path, "CMD needs the program to run as its second item, e.g. [\"CMD\", \"/healthcheck\"].",
                        "health-check-command");
            } else if (items.get(1) instanceof JsonString program && program.value().strip().contains(" ")
                    && !Values.hasPlaceholder(program.value())) {
                out.warning(path.index(1), "CMD runs " + Values.quote(program.value()) + " as the program name,"
                        + " spaces included, which is unlikely to exist; split it into items or use CMD-SHELL.",
                        "health-check-command");
            }
        } else if (kind.equals("NONE")) {
            out.warning(path, "NONE disables the health check; ECS expects the command to start with CMD or"
                    + " CMD-SHELL. Remove the healthCheck instead.", "health-check-command");
        } else if (!Values.hasPlaceholder(kind)) {
            String example = kind.isBlank() ? "" : ", e.g. [\"CMD-SHELL\", " + Values.quote(String.join(" ",
                    strings(items))) + "]";
            out.warning(path.index(0), "The health check command should start with \"CMD\" (run a program) or"
                    + " \"CMD-SHELL\" (run a shell command)" + example + ".", "health-check-command");
        }
    }

    private static List<String> strings(List<Json> items) {
        return items.stream().map(i -> i instanceof JsonString s ? s.value() : String.valueOf(i)).toList();
    }

    private void range(JsonObject healthCheck, String key, int min, int max, JsonPath path, Findings out) {
        Long value = Values.number(healthCheck, key);
        if (value != null && (value < min || value > max)) {
            out.error(path.key(key), "Health check " + key + " " + value + " is out of range; ECS accepts " + min
                    + " to " + max + (key.equals("retries") ? "" : " seconds") + ".", "health-check-range");
        }
    }
}
