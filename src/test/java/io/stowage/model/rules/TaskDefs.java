package io.stowage.model.rules;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.assertj.core.groups.Tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.tuple;

/** Task definitions for the rule tests: the files of src/test/resources/taskdefs, JSON text, and edits of them. */
final class TaskDefs {
    static final Path DIR = Path.of("src/test/resources/taskdefs");
    private static final Pattern SEGMENT = Pattern.compile("\\.?([A-Za-z_$][A-Za-z0-9_$-]*)|\\[(\\d+)]");

    private TaskDefs() {
    }

    static TaskDefinition file(String name) throws UnreadableFileException {
        return TaskDefinitionFormat.read(DIR.resolve(name)).taskDefinition();
    }

    static TaskDefinition parse(String json) throws UnreadableFileException {
        return TaskDefinitionFormat.parse("test.json", json).taskDefinition();
    }

    static List<Finding> validate(TaskDefinition task, String... launchTypes) {
        return TaskDefinitionValidator.validate(task, new ValidationContext(Set.of(launchTypes)));
    }

    static List<Finding> validate(String json, String... launchTypes) throws UnreadableFileException {
        return validate(parse(json), launchTypes);
    }

    static List<Finding> validateFile(String name, String... launchTypes) throws UnreadableFileException {
        return validate(file(name), launchTypes);
    }

    /** The findings as (ruleId, path) tuples, for AssertJ's contains. */
    static List<Tuple> ids(List<Finding> findings) {
        return findings.stream().map(f -> tuple(f.ruleId(), f.path())).toList();
    }

    static List<String> ruleIds(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    /** The finding of that rule at that path; fails when there is none. */
    static Finding find(List<Finding> findings, String ruleId, String path) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId) && f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ruleId + " at " + path + " in " + findings));
    }

    /** The task with the value at a path such as {@code containerDefinitions[1].portMappings[0].hostPort} set (null removes it). */
    static TaskDefinition set(TaskDefinition task, String path, Object value) {
        List<Object> segments = new ArrayList<>();
        Matcher matcher = SEGMENT.matcher(path);
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            segments.add(matcher.group(1) != null ? matcher.group(1) : Integer.valueOf(matcher.group(2)));
            end = matcher.end();
        }
        if (end != path.length()) {
            throw new IllegalArgumentException("bad path " + path);
        }
        return new TaskDefinition((JsonObject) set(task.json(), segments, 0, value));
    }

    private static Json set(Json node, List<Object> segments, int at, Object value) {
        Object segment = segments.get(at);
        boolean last = at == segments.size() - 1;
        if (segment instanceof String key) {
            JsonObject object = node instanceof JsonObject o ? o : JsonObject.EMPTY;
            if (last) {
                return value == null ? object.without(key) : object.with(key, json(value));
            }
            Json child = object.get(key) != null ? object.get(key) : segments.get(at + 1) instanceof Integer
                    ? JsonArray.EMPTY : JsonObject.EMPTY;
            return object.with(key, set(child, segments, at + 1, value));
        }
        int index = (Integer) segment;
        JsonArray array = node instanceof JsonArray a ? a : JsonArray.EMPTY;
        if (last) {
            if (value == null) {
                return array.without(index);
            }
            return index == array.size() ? array.plus(json(value)) : array.with(index, json(value));
        }
        Json child = index < array.size() ? array.get(index) : JsonObject.EMPTY;
        Json changed = set(child, segments, at + 1, value);
        return index == array.size() ? array.plus(changed) : array.with(index, changed);
    }

    /** Java values as JSON: strings, numbers, booleans, lists of strings, or JSON text starting with { or [. */
    static Json json(Object value) {
        if (value instanceof Json json) {
            return json;
        }
        if (value instanceof String s && (s.startsWith("{") || s.startsWith("["))) {
            try {
                return TaskDefinitionFormat.parse("value.json", "{\"v\":" + s + "}").taskDefinition().json().get("v");
            } catch (UnreadableFileException e) {
                throw new IllegalArgumentException(e);
            }
        }
        if (value instanceof String s) {
            return new JsonString(s);
        }
        if (value instanceof Number n) {
            return JsonNumber.of(n);
        }
        if (value instanceof Boolean b) {
            return JsonBool.of(b);
        }
        throw new IllegalArgumentException("no JSON for " + value);
    }
}
