package io.stowage.format.compose;

import io.stowage.format.YamlText;
import io.stowage.format.ConversionReport;
import io.stowage.model.design.ImageBuild;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One container definition as a compose service: member by member, each either written as the compose key that
 * does the same or listed in the report with the reason. Task-level settings and replicas are the caller's.
 */
final class ContainerExport {
    private static final Set<String> LOCAL_LOG_DRIVERS = Set.of("json-file", "syslog", "journald", "gelf", "fluentd");

    /** What the container needs from its task copy: the compose names of its task's containers, and so on. */
    record Task(JsonObject taskDefinition, Function<String, String> serviceName,
                Map<String, String> volumeNames, boolean sharesNetwork, int replicas) {
    }

    private ContainerExport() {
    }

    static Map<String, Object> export(JsonObject container, String path, Task task, ImageBuild build,
                                      ConversionReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = text(container.get("name"));
        for (Map.Entry<String, Json> member : container.members().entrySet()) {
            String key = member.getKey();
            Json value = member.getValue();
            String where = path + "." + key;
            switch (key) {
                case "name", "essential", "portMappings", "cpu", "memory", "memoryReservation", "linuxParameters",
                     "mountPoints", "volumesFrom" -> { }
                case "image" -> out.put("image", text(value));
                case "command" -> out.put("command", strings(value));
                case "entryPoint" -> out.put("entrypoint", strings(value));
                case "environment" -> out.put("environment", environment(value));
                case "hostname" -> out.put("hostname", text(value));
                case "user" -> out.put("user", text(value));
                case "workingDirectory" -> out.put("working_dir", text(value));
                case "privileged" -> out.put("privileged", bool(value));
                case "readonlyRootFilesystem" -> out.put("read_only", bool(value));
                case "interactive" -> out.put("stdin_open", bool(value));
                case "pseudoTerminal" -> out.put("tty", bool(value));
                case "disableNetworking" -> {
                    if (Boolean.TRUE.equals(bool(value))) {
                        out.put("network_mode", "none");
                    }
                }
                case "dnsServers" -> out.put("dns", strings(value));
                case "dnsSearchDomains" -> out.put("dns_search", strings(value));
                case "extraHosts" -> out.put("extra_hosts", list(value, h -> text(h.get("hostname")) + ":" + text(h.get("ipAddress"))));
                case "dockerSecurityOptions" -> out.put("security_opt", strings(value).stream()
                        .map(o -> o.equals("no-new-privileges") ? "no-new-privileges:true" : o).toList());
                case "dockerLabels" -> out.put("labels", map(value));
                case "stopTimeout" -> putSeconds(out, "stop_grace_period", value);
                case "ulimits" -> out.put("ulimits", ulimits(value));
                case "systemControls" -> out.put("sysctls", keyed(value, "namespace", "value"));
                case "healthCheck" -> {
                    if (value instanceof JsonObject check) {
                        out.put("healthcheck", healthCheck(check));
                    }
                }
                case "logConfiguration" -> {
                    if (value instanceof JsonObject log) {
                        logging(log, where, out, report);
                    }
                }
                case "links" -> out.put("links", strings(value).stream().map(l -> {
                    String[] parts = l.split(":", 2);
                    return task.serviceName().apply(parts[0]) + (parts.length > 1 ? ":" + parts[1] : ":" + parts[0]);
                }).toList());
                case "dependsOn" -> out.put("depends_on", dependsOn(value, where, task, report));
                case "restartPolicy" -> { }
                case "resourceRequirements" -> gpus(value, where, out, report);
                case "secrets" -> report.add(ConversionReport.Kind.NOT_MAPPED, where, "container " + name
                        + ": secrets come from Secrets Manager or Parameter Store on ECS; compose cannot fetch them, so "
                        + "give the variables " + String.join(", ", list(value, s -> text(s.get("name"))))
                        + " another way (an env_file that is not in git)");
                case "environmentFiles" -> report.add(ConversionReport.Kind.NOT_MAPPED, where, "container " + name
                        + ": environment files in S3 are not read; download them and list them under env_file");
                case "repositoryCredentials" -> report.add(ConversionReport.Kind.NOT_MAPPED, where, "container "
                        + name + ": log in to the registry with docker login before compose pulls");
                case "startTimeout" -> report.add(ConversionReport.Kind.NOT_MAPPED, where, "compose waits for "
                        + "dependencies without a time limit");
                default -> report.add(ConversionReport.Kind.NOT_MAPPED, where, "container " + name
                        + ": compose has no counterpart for " + key);
            }
        }
        if (build != null) {
            out.put("build", build(build));
        }
        resources(container, out);
        LinuxExport.linux(container, path, out, report);
        mounts(container, task, out);
        PortExport.ports(container, path, task, out, report);
        return out;
    }

    private static void resources(JsonObject container, Map<String, Object> out) {
        Long memory = number(container.get("memory"));
        Long reservation = number(container.get("memoryReservation"));
        Long cpu = number(container.get("cpu"));
        if (memory != null) {
            out.put("mem_limit", memory + "m");
        }
        if (reservation != null) {
            out.put("mem_reservation", reservation + "m");
        }
        if (cpu != null && cpu > 0) {
            out.put("cpu_shares", cpu);
        }
    }

    private static void mounts(JsonObject container, Task task, Map<String, Object> out) {
        List<String> volumes = new ArrayList<>();
        for (JsonObject mount : objects(container.get("mountPoints"))) {
            String source = task.volumeNames().get(text(mount.get("sourceVolume")));
            if (source == null) {
                continue;
            }
            volumes.add(source + ":" + text(mount.get("containerPath"))
                    + (Boolean.TRUE.equals(bool(mount.get("readOnly"))) ? ":ro" : ""));
        }
        if (!volumes.isEmpty()) {
            out.put("volumes", volumes);
        }
        List<String> from = new ArrayList<>();
        for (JsonObject entry : objects(container.get("volumesFrom"))) {
            from.add(task.serviceName().apply(text(entry.get("sourceContainer")))
                    + (Boolean.TRUE.equals(bool(entry.get("readOnly"))) ? ":ro" : ""));
        }
        if (!from.isEmpty()) {
            out.put("volumes_from", from);
        }
    }

    private static Map<String, Object> dependsOn(Json value, String path, Task task, ConversionReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonObject dependency : objects(value)) {
            String condition = switch (String.valueOf(text(dependency.get("condition")))) {
                case "HEALTHY" -> "service_healthy";
                case "SUCCESS" -> "service_completed_successfully";
                case "COMPLETE" -> {
                    report.add(ConversionReport.Kind.APPROXIMATED, path, "COMPLETE (any exit code) has no compose "
                            + "condition; service_completed_successfully waits for exit code 0");
                    yield "service_completed_successfully";
                }
                default -> "service_started";
            };
            out.put(task.serviceName().apply(text(dependency.get("containerName"))), Map.of("condition", condition));
        }
        return out;
    }

    private static Map<String, Object> healthCheck(JsonObject check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test", strings(check.get("command")));
        for (String[] pair : new String[][] {{"interval", "interval"}, {"timeout", "timeout"},
                {"startPeriod", "start_period"}}) {
            putSeconds(out, pair[1], check.get(pair[0]));
        }
        if (number(check.get("retries")) != null) {
            out.put("retries", number(check.get("retries")));
        }
        return out;
    }

    private static void logging(JsonObject log, String path, Map<String, Object> out, ConversionReport report) {
        String driver = text(log.get("logDriver"));
        if (driver == null) {
            return;
        }
        if (!LOCAL_LOG_DRIVERS.contains(driver)) {
            report.add(ConversionReport.Kind.NOT_MAPPED, path, "the " + driver + " log driver sends logs to AWS; "
                    + "locally the containers log with Docker's default driver");
            return;
        }
        Map<String, Object> logging = new LinkedHashMap<>();
        logging.put("driver", driver);
        if (log.get("options") instanceof JsonObject options) {
            logging.put("options", map(options));
        }
        out.put("logging", logging);
    }

    private static void gpus(Json value, String path, Map<String, Object> out, ConversionReport report) {
        for (JsonObject requirement : objects(value)) {
            if ("GPU".equals(text(requirement.get("type")))) {
                Integer count = wholeNumber(text(requirement.get("value")));
                if (count == null) {
                    report.add(ConversionReport.Kind.NOT_MAPPED, path, "the GPU value " + io.stowage.model.json.JsonText.quote(String.valueOf(text(requirement.get("value"))))
                            + " is not a whole number of GPUs, so no GPU is reserved");
                    continue;
                }
                Map<String, Object> device = new LinkedHashMap<>();
                device.put("capabilities", List.of("gpu"));
                device.put("count", count);
                out.put("deploy", Map.of("resources", Map.of("reservations", Map.of("devices", List.of(device)))));
            } else {
                report.add(ConversionReport.Kind.NOT_MAPPED, path, "compose reserves GPUs only");
            }
        }
    }

    private static Map<String, Object> build(ImageBuild build) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("context", build.context());
        if (build.dockerfile() != null) {
            out.put("dockerfile", build.dockerfile());
        }
        if (build.target() != null) {
            out.put("target", build.target());
        }
        if (!build.args().isEmpty()) {
            out.put("args", build.args());
        }
        if (!build.cacheFrom().isEmpty()) {
            out.put("cache_from", build.cacheFrom());
        }
        if (!build.labels().isEmpty()) {
            out.put("labels", build.labels());
        }
        if (build.network() != null) {
            out.put("network", build.network());
        }
        return out;
    }

    private static Map<String, Object> environment(Json value) {
        return keyed(value, "name", "value");
    }

    private static Map<String, Object> ulimits(Json value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonObject limit : objects(value)) {
            if (text(limit.get("name")) == null) {
                continue;
            }
            out.put(text(limit.get("name")), YamlText.ordered("soft", number(limit.get("softLimit")), "hard",
                    number(limit.get("hardLimit"))));
        }
        return out;
    }

    private static Map<String, Object> keyed(Json value, String key, String valueKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonObject pair : objects(value)) {
            String name = text(pair.get(key));
            String text = text(pair.get(valueKey));
            if (name != null) {
                out.put(name, text == null ? "" : text);
            }
        }
        return out;
    }

    static Map<String, Object> map(Json value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof JsonObject object) {
            object.members().forEach((k, v) -> out.put(k, text(v)));
        }
        return out;
    }

    static List<String> list(Json value, Function<JsonObject, String> item) {
        return items(value).stream().map(i -> item.apply(i instanceof JsonObject o ? o : JsonObject.EMPTY)).toList();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A number of seconds as compose writes a duration; nothing when the value is not a whole number. */
    static void putSeconds(Map<String, Object> out, String key, Json value) {
        Long seconds = number(value);
        if (seconds != null) {
            out.put(key, seconds + "s");
        }
    }

    /** The whole number a text states ("2", " 2 "), or null when it states none (blank, "a\nb", "1.5", too large). */
    static Integer wholeNumber(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.parseInt(text.strip());
    }

    /**
     * The objects of a list member. Items of another kind (a null that describe output carries, a mistake) hold no
     * settings to export; validate names them.
     */
    static List<JsonObject> objects(Json value) {
        List<JsonObject> out = new ArrayList<>();
        for (Json item : items(value)) {
            if (item instanceof JsonObject object) {
                out.add(object);
            }
        }
        return out;
    }

    static List<Json> items(Json value) {
        return value instanceof JsonArray array ? array.items() : List.of();
    }

    static List<String> strings(Json value) {
        return items(value).stream().map(ContainerExport::text).filter(java.util.Objects::nonNull).toList();
    }

    static String text(Json value) {
        if (value instanceof JsonString s) {
            return s.value();
        }
        return value == null || value instanceof io.stowage.model.json.JsonNull ? null : value.toString();
    }

    static Long number(Json value) {
        return value instanceof JsonNumber n ? n.longValueOrNull() : null;
    }

    static Boolean bool(Json value) {
        return value instanceof JsonBool b ? b.value() : null;
    }
}
