package io.stowage.format.sim;

import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.sim.ContainerBehaviour;
import io.stowage.model.sim.Scenario;
import io.stowage.model.sim.SimDurations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a simulation scenario file (docs/cli.md, "stowage simulate"):
 * <pre>{"behaviour": {"web": {"app": {"startsIn": "5s", "healthyAfter": "10s"}}},
 *  "actions": [{"at": "1m", "deploy": {"service": "web", "taskDefinition": "web-v2.json"}},
 *              {"at": "2m", "scale": {"service": "web", "desiredCount": 4}},
 *              {"at": "3m", "drain": {"instance": "i-1"}}, {"at": "4m", "terminate": {"instance": "i-2"}},
 *              {"at": "30s", "kill": {"service": "web", "container": "app", "exitCode": 137}},
 *              {"at": "40s", "unhealthy": {"service": "web", "container": "app"}}]}</pre>
 * Paths are relative to the scenario file; durations are {@link SimDurations} text. A container behaviour has
 * {@code startsIn}, {@code healthyAfter} (a duration, or {@code "never"}), {@code exitCode} and {@code exitsAfter},
 * and {@code ignoresSigterm}. Every mistake is an {@link UnreadableFileException} naming the JSON path, line and
 * column and what was expected.
 */
public final class ScenarioFormat {
    private static final Set<String> ACTIONS = Set.of("deploy", "scale", "drain", "terminate", "kill", "unhealthy");

    private final JsonDocument document;

    private ScenarioFormat(JsonDocument document) {
        this.document = document;
    }

    public static Scenario read(Path file) throws UnreadableFileException {
        return new ScenarioFormat(JsonFileReader.read(file)).scenario();
    }

    /** What containers do, as a scenario's or a deploy's {@code behaviour} member says (by container name). */
    private Scenario scenario() throws UnreadableFileException {
        JsonObject root = object(document.root(), "", "a scenario: {\"behaviour\": {...}, \"actions\": [...]}");
        only(root, "", Set.of("behaviour", "actions", "description"));
        Map<String, Map<String, ContainerBehaviour>> behaviours = new LinkedHashMap<>();
        if (root.get("behaviour") != null) {
            JsonObject b = object(root.get("behaviour"), "behaviour",
                    "an object of service ids, each an object of container names");
            for (String source : b.keys()) {
                behaviours.put(source, containers(b.get(source), "behaviour." + source));
            }
        }
        List<Scenario.Action> actions = new ArrayList<>();
        if (root.get("actions") != null) {
            if (!(root.get("actions") instanceof JsonArray list)) {
                throw fail("actions", "expected an array of actions");
            }
            for (int i = 0; i < list.size(); i++) {
                actions.add(action(list.get(i), "actions[" + i + "]"));
            }
        }
        return new Scenario(behaviours, actions);
    }

    private Scenario.Action action(Json json, String path) throws UnreadableFileException {
        JsonObject a = object(json, path, "an action: {\"at\": \"10s\", \"deploy\"|\"scale\"|\"drain\"|\"terminate\""
                + "|\"kill\"|\"unhealthy\": {...}}");
        List<String> kinds = a.keys().stream().filter(ACTIONS::contains).toList();
        only(a, path, Set.of("at", "deploy", "scale", "drain", "terminate", "kill", "unhealthy"));
        if (kinds.size() != 1) {
            throw fail(path, "expected exactly one of deploy, scale, drain, terminate, kill, unhealthy"
                    + (kinds.isEmpty() ? "" : ", found " + String.join(" and ", kinds)));
        }
        Duration at = duration(a.get("at"), path + ".at", true);
        String kind = kinds.get(0);
        String p = path + "." + kind;
        JsonObject body = object(a.get(kind), p, "an object");
        return switch (kind) {
            case "deploy" -> {
                only(body, p, Set.of("service", "taskDefinition", "behaviour", "deploymentConfiguration"));
                Integer min = null;
                Integer max = null;
                if (body.get("deploymentConfiguration") != null) {
                    String dp = p + ".deploymentConfiguration";
                    JsonObject dc = object(body.get("deploymentConfiguration"), dp,
                            "{\"minimumHealthyPercent\": N, \"maximumPercent\": N}");
                    only(dc, dp, Set.of("minimumHealthyPercent", "maximumPercent"));
                    min = dc.get("minimumHealthyPercent") == null ? null : integer(dc, dp, "minimumHealthyPercent", null);
                    max = dc.get("maximumPercent") == null ? null : integer(dc, dp, "maximumPercent", null);
                }
                yield new Scenario.Action.Deploy(at, string(body, p, "service"), taskDefinition(body, p),
                        body.get("behaviour") == null ? Map.of() : containers(body.get("behaviour"), p + ".behaviour"),
                        min, max);
            }
            case "scale" -> {
                only(body, p, Set.of("service", "desiredCount"));
                yield new Scenario.Action.Scale(at, string(body, p, "service"), integer(body, p, "desiredCount", null));
            }
            case "drain" -> {
                only(body, p, Set.of("instance"));
                yield new Scenario.Action.Drain(at, string(body, p, "instance"));
            }
            case "terminate" -> {
                only(body, p, Set.of("instance"));
                yield new Scenario.Action.Terminate(at, string(body, p, "instance"));
            }
            case "kill" -> {
                only(body, p, Set.of("service", "container", "exitCode"));
                yield new Scenario.Action.Kill(at, string(body, p, "service"), string(body, p, "container"),
                        integer(body, p, "exitCode", ContainerBehaviour.SIGKILL_EXIT));
            }
            default -> {
                only(body, p, Set.of("service", "container"));
                yield new Scenario.Action.Unhealthy(at, string(body, p, "service"), string(body, p, "container"));
            }
        };
    }

    private TaskDefinition taskDefinition(JsonObject body, String path) throws UnreadableFileException {
        Json value = body.get("taskDefinition");
        if (value instanceof JsonObject inline) {
            return new TaskDefinition(inline);
        }
        if (!(value instanceof JsonString s) || s.value().isBlank()) {
            throw fail(path + ".taskDefinition", "expected the path of a RegisterTaskDefinition JSON file (relative"
                    + " to this scenario) or the task definition itself");
        }
        Path base = document.file().toAbsolutePath().getParent();
        Path file = base == null ? Path.of(s.value()) : base.resolve(s.value());
        return TaskDefinitionFormat.read(file).taskDefinition();
    }

    private Map<String, ContainerBehaviour> containers(Json json, String path) throws UnreadableFileException {
        JsonObject o = object(json, path, "an object of container names, each a behaviour");
        Map<String, ContainerBehaviour> out = new LinkedHashMap<>();
        for (String name : o.keys()) {
            out.put(name, behaviour(o.get(name), path + "." + name));
        }
        return out;
    }

    private ContainerBehaviour behaviour(Json json, String path) throws UnreadableFileException {
        JsonObject o = object(json, path, "a behaviour: {\"startsIn\", \"healthyAfter\", \"exitCode\", "
                + "\"exitsAfter\", \"ignoresSigterm\"}");
        only(o, path, Set.of("startsIn", "healthyAfter", "exitCode", "exitsAfter", "ignoresSigterm"));
        ContainerBehaviour b = ContainerBehaviour.DEFAULT;
        if (o.get("startsIn") != null) {
            b = b.withStartsIn(duration(o.get("startsIn"), path + ".startsIn", false));
        }
        if (o.get("healthyAfter") != null) {
            Json h = o.get("healthyAfter");
            b = b.withHealthyAfter(h instanceof JsonString s && s.value().equals("never") ? null
                    : duration(h, path + ".healthyAfter", false));
        }
        if (o.get("exitCode") != null || o.get("exitsAfter") != null) {
            int code = o.get("exitCode") == null ? 0 : integer(o, path, "exitCode", null);
            Duration after = o.get("exitsAfter") == null ? Duration.ZERO
                    : duration(o.get("exitsAfter"), path + ".exitsAfter", false);
            b = b.withExit(code, after);
        }
        if (o.get("ignoresSigterm") != null) {
            if (!(o.get("ignoresSigterm") instanceof JsonBool flag)) {
                throw fail(path + ".ignoresSigterm", "expected true or false");
            }
            b = b.withIgnoresSigterm(flag.value());
        }
        return b;
    }

    // ------------------------------------------------------------------ small readers

    private JsonObject object(Json json, String path, String expected) throws UnreadableFileException {
        if (json instanceof JsonObject o) {
            return o;
        }
        throw fail(path, "expected " + expected + ", found " + (json == null ? "nothing" : json.typeName()));
    }

    private void only(JsonObject o, String path, Set<String> known) throws UnreadableFileException {
        for (String key : o.keys()) {
            if (!known.contains(key)) {
                throw fail(join(path, key), "unknown member \"" + key + "\"; expected "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private String string(JsonObject o, String path, String key) throws UnreadableFileException {
        if (o.get(key) instanceof JsonString s && !s.value().isBlank()) {
            return s.value();
        }
        throw fail(join(path, key), o.get(key) == null ? "missing \"" + key + "\" (a string)" : "expected a string");
    }

    private int integer(JsonObject o, String path, String key, Integer fallback) throws UnreadableFileException {
        Json v = o.get(key);
        if (v == null && fallback != null) {
            return fallback;
        }
        if (v instanceof JsonNumber n && n.intValueOrNull() != null && n.intValueOrNull() >= 0) {
            return n.intValueOrNull();
        }
        throw fail(join(path, key), v == null ? "missing \"" + key + "\" (a whole number)"
                : "expected a whole number of 0 or more");
    }

    private Duration duration(Json json, String path, boolean required) throws UnreadableFileException {
        if (json == null && required) {
            throw fail(path, "missing: expected " + SimDurations.EXPECTED);
        }
        if (!(json instanceof JsonString s)) {
            throw fail(path, "expected " + SimDurations.EXPECTED + " (a string)");
        }
        try {
            return SimDurations.parse(s.value());
        } catch (IllegalArgumentException e) {
            throw fail(path, e.getMessage());
        }
    }

    private UnreadableFileException fail(String path, String detail) {
        return new UnreadableFileException(document.file(), document.positionOf(path),
                (path.isEmpty() ? "" : path + ": ") + detail);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
