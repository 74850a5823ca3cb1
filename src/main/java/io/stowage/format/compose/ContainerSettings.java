package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The compose service keys that are one container-definition member each (or nearly). */
final class ContainerSettings {
    private static final Set<String> LOG_DRIVERS = Set.of("json-file", "syslog", "journald", "gelf", "fluentd",
            "awslogs", "splunk", "awsfirelens");
    private static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private ContainerSettings() {
    }

    /** Applies the key if it is one of these; false when it is not. */
    static boolean apply(String key, Json value, String path, ServiceDraft draft, ImportContext ctx) {
        switch (key) {
            case "image" -> draft.set("image", str(ComposeValues.text(value)));
            case "command" -> draft.set("command", JsonArray.ofStrings(ComposeValues.commandLine(value)));
            case "entrypoint" -> draft.set("entryPoint", JsonArray.ofStrings(ComposeValues.commandLine(value)));
            case "user" -> draft.set("user", str(ComposeValues.text(value)));
            case "working_dir" -> draft.set("workingDirectory", str(ComposeValues.text(value)));
            case "hostname" -> draft.set("hostname", str(ComposeValues.text(value)));
            case "privileged" -> flag(draft, "privileged", value, path, ctx);
            case "read_only" -> flag(draft, "readonlyRootFilesystem", value, path, ctx);
            case "stdin_open" -> flag(draft, "interactive", value, path, ctx);
            case "tty" -> flag(draft, "pseudoTerminal", value, path, ctx);
            case "labels" -> labels(value, draft);
            case "dns" -> draft.set("dnsServers", JsonArray.ofStrings(nonBlank(ComposeValues.strings(value))));
            case "dns_search" -> draft.set("dnsSearchDomains", JsonArray.ofStrings(nonBlank(ComposeValues.strings(value))));
            case "extra_hosts" -> extraHosts(value, path, draft, ctx);
            case "security_opt" -> securityOptions(value, path, draft, ctx);
            case "stop_grace_period" -> stopTimeout(value, path, draft, ctx);
            case "sysctls" -> sysctls(value, draft);
            case "ulimits" -> ulimits(value, path, draft, ctx);
            case "logging" -> logging(value, path, draft, ctx);
            case "restart" -> restart(value, path, draft, ctx);
            default -> {
                return false;
            }
        }
        return true;
    }

    static JsonString str(String text) {
        return new JsonString(text == null ? "" : text);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> !v.isBlank()).toList();
    }

    private static void flag(ServiceDraft draft, String member, Json value, String path, ImportContext ctx) {
        Boolean flag = ComposeValues.bool(value);
        if (flag == null) {
            ctx.notMapped(path, "expected true or false, found \"" + ComposeValues.text(value) + "\"");
        } else {
            draft.set(member, JsonBool.of(flag));
        }
    }

    private static void labels(Json value, ServiceDraft draft) {
        JsonObject.Builder labels = JsonObject.builder();
        ComposeValues.keyValues(value, "=").forEach((k, v) -> labels.put(k, v == null ? "" : v));
        draft.set("dockerLabels", labels.build());
    }

    private static void extraHosts(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        if (value instanceof JsonObject) {
            entries.putAll(ComposeValues.keyValues(value, "="));
        } else {
            // "host=ip" is the current spelling, "host:ip" the older one (split at the first colon: IPv6 has more).
            for (String item : ComposeValues.strings(value)) {
                entries.putAll(ComposeValues.keyValues(JsonArray.ofStrings(List.of(item)), item.contains("=") ? "=" : ":"));
            }
        }
        List<Json> hosts = new ArrayList<>();
        entries.forEach((host, ip) -> {
            if (ip == null || ip.isBlank()) {
                ctx.notMapped(path, "extra host " + host + " has no address");
                return;
            }
            String address = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
            if (address.equals("host-gateway")) {
                ctx.approximated(path, host + " points at host-gateway, which only Docker resolves; ECS does not "
                        + "know the name");
            }
            hosts.add(JsonObject.builder().put("hostname", host).put("ipAddress", address).build());
        });
        if (!hosts.isEmpty()) {
            draft.set("extraHosts", JsonArray.of(hosts));
        }
    }

    private static void securityOptions(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        List<String> options = new ArrayList<>();
        for (String option : ComposeValues.strings(value)) {
            // Docker accepts "no-new-privileges:true" and "label=..." spellings; ECS takes "no-new-privileges" and "label:...".
            String normalized = option.equals("no-new-privileges:true") || option.equals("no-new-privileges=true")
                    ? "no-new-privileges" : option.replaceFirst("^(label|apparmor|seccomp)=", "$1:");
            if (normalized.startsWith("seccomp")) {
                ctx.notMapped(path, option + ": ECS does not take seccomp profiles");
            } else if (!normalized.equals("no-new-privileges:false")) {
                options.add(normalized);
            }
        }
        if (!options.isEmpty()) {
            draft.set("dockerSecurityOptions", JsonArray.ofStrings(options));
        }
    }

    private static void stopTimeout(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        Long seconds = ComposeValues.seconds(value);
        if (seconds == null) {
            ctx.notMapped(path, "expected a duration such as 30s or 1m30s, found \"" + ComposeValues.text(value) + "\"");
            return;
        }
        if (seconds > 120) {
            ctx.approximated(path, seconds + " s is more than the 120 s ECS allows; stopTimeout is 120");
            seconds = 120L;
        }
        draft.set("stopTimeout", JsonNumber.of(seconds));
    }

    private static void sysctls(Json value, ServiceDraft draft) {
        List<Json> controls = new ArrayList<>();
        ComposeValues.keyValues(value, "=").forEach((namespace, v) -> controls.add(JsonObject.builder()
                .put("namespace", namespace).put("value", v == null ? "" : v).build()));
        draft.set("systemControls", JsonArray.of(controls));
    }

    private static void ulimits(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonObject object)) {
            ctx.notMapped(path, "expected a mapping of limit names");
            return;
        }
        List<Json> limits = new ArrayList<>();
        object.members().forEach((name, limit) -> {
            String where = path + "." + name;
            Long soft;
            Long hard;
            if (limit instanceof JsonObject pair) {
                soft = ComposeValues.integer(pair.get("soft"));
                hard = ComposeValues.integer(pair.get("hard"));
            } else {
                soft = ComposeValues.integer(limit);
                hard = soft;
            }
            if (!ULIMITS.contains(name)) {
                ctx.notMapped(where, "ECS does not know the ulimit " + name);
            } else if (soft == null || hard == null) {
                ctx.notMapped(where, "expected a number or soft and hard numbers");
            } else {
                limits.add(JsonObject.builder().put("name", name).put("softLimit", soft).put("hardLimit", hard).build());
            }
        });
        if (!limits.isEmpty()) {
            draft.set("ulimits", JsonArray.of(limits));
        }
    }

    private static void logging(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonObject object)) {
            ctx.notMapped(path, "expected a mapping with driver and options");
            return;
        }
        String driver = ComposeValues.text(object.get("driver"));
        if (driver == null) {
            driver = "json-file";
        }
        if (!LOG_DRIVERS.contains(driver)) {
            ctx.notMapped(path + ".driver", "ECS does not support the log driver " + driver + " (it takes "
                    + String.join(", ", new java.util.TreeSet<>(LOG_DRIVERS)) + "); the container logs with the "
                    + "instance's default driver");
            return;
        }
        JsonObject.Builder log = JsonObject.builder().put("logDriver", driver);
        if (object.get("options") instanceof JsonObject options && !options.isEmpty()) {
            JsonObject.Builder opts = JsonObject.builder();
            options.members().forEach((k, v) -> opts.put(k, ComposeValues.text(v) == null ? "" : ComposeValues.text(v)));
            log.put("options", opts.build());
        }
        for (String other : object.keys()) {
            if (!other.equals("driver") && !other.equals("options")) {
                ctx.notMapped(path + "." + other, "not a logging setting ECS knows");
            }
        }
        draft.set("logConfiguration", log.build());
    }

    /**
     * ECS services always replace stopped tasks, which is what always and unless-stopped mean across the task;
     * the container restart policy restarts the container in place, as compose does. "no" (the default) is what
     * ECS does inside a task, so it maps to nothing.
     */
    private static void restart(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        String policy = ComposeValues.text(value);
        if (policy == null || ComposeValues.bool(value) == Boolean.FALSE || policy.equals("no")) {
            return;
        }
        String lower = policy.toLowerCase(Locale.ROOT);
        JsonObject.Builder restart = JsonObject.builder().put("enabled", true);
        if (lower.startsWith("on-failure")) {
            restart.put("ignoredExitCodes", JsonArray.of(List.of(JsonNumber.of(0))));
            if (lower.contains(":")) {
                ctx.approximated(path, "ECS restarts without a retry limit; the limit "
                        + policy.substring(policy.indexOf(':') + 1) + " is not kept");
            }
        } else if (!lower.equals("always") && !lower.equals("unless-stopped")) {
            ctx.notMapped(path, "unknown restart policy " + policy);
            return;
        }
        draft.set("restartPolicy", restart.build());
    }
}
