package io.stowage.format;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;
import io.stowage.model.json.NullMembers;
import io.stowage.model.rules.ShapeTypeCheck;
import io.stowage.model.rules.TypeMismatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Task-definition files: reads the RegisterTaskDefinition input, the DescribeTaskDefinition output (bare or
 * wrapped), and templated files; writes the RegisterTaskDefinition input with 2-space indentation, keeping
 * every member it read but the null ones, in the order it read them.
 */
public final class TaskDefinitionFormat {
    /** Keys only DescribeTaskDefinition returns; RegisterTaskDefinition rejects them. */
    public static final Set<String> READ_ONLY_KEYS = Set.of("taskDefinitionArn", "revision", "status",
            "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");

    private TaskDefinitionFormat() {
    }

    public static LoadedTaskDefinition read(Path file) throws UnreadableFileException {
        return fromDocument(JsonFileReader.read(file));
    }

    /** Reads JSON text, e.g. from the inspector's JSON tab; {@code name} is what messages call it. */
    public static LoadedTaskDefinition parse(String name, String text) throws UnreadableFileException {
        return fromDocument(JsonFileReader.parse(Path.of(name), text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static LoadedTaskDefinition fromDocument(JsonDocument document) throws UnreadableFileException {
        Json root = document.root();
        if (!(root instanceof JsonObject object)) {
            throw new UnreadableFileException(document.file(), document.positionOf(""),
                    "expected a JSON object (a task definition), found " + article(root.typeName()));
        }
        boolean wrapped = isDescribeWrapper(object);
        String prefix = "";
        JsonObject body = object;
        if (wrapped) {
            body = (JsonObject) object.get("taskDefinition");
            prefix = "taskDefinition";
            if (object.get("tags") != null && !body.has("tags")) {
                body = body.with("tags", object.get("tags"), EcsSchema.shape(EcsSchema.TASK_DEFINITION).memberNames());
            }
        }
        JsonObject.Builder readOnly = JsonObject.builder();
        for (String key : body.keys()) {
            if (READ_ONLY_KEYS.contains(key)) {
                readOnly.put(key, body.get(key));
            }
        }
        JsonObject input = body;
        for (String key : READ_ONLY_KEYS) {
            input = input.without(key);
        }
        List<TypeMismatch> mismatches = ShapeTypeCheck.check(input, EcsSchema.TASK_DEFINITION);
        if (!mismatches.isEmpty()) {
            TypeMismatch first = mismatches.get(0);
            String path = wrapped && !first.path().equals("tags") && !first.path().startsWith("tags[")
                    ? join(prefix, first.path()) : first.path();
            String more = mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more)" : "";
            throw new UnreadableFileException(document.file(), document.positionOf(path),
                    (path.isEmpty() ? "" : path + ": ") + "expected " + first.expected() + ", found " + first.found() + more);
        }
        return new LoadedTaskDefinition(document, new TaskDefinition(input), readOnly.build(), wrapped);
    }

    /**
     * The file text: the RegisterTaskDefinition input, 2-space indented, with a final newline. Null members
     * are left out (to ECS they mean "not set", and the AWS CLI refuses them); {@link #droppedNulls} names them.
     */
    public static String write(TaskDefinition taskDefinition) {
        return JsonText.pretty(NullMembers.drop(input(taskDefinition)).value());
    }

    /** The paths of the null members {@link #write} leaves out, e.g. {@code containerDefinitions[0].ulimits}. */
    public static List<String> droppedNulls(TaskDefinition taskDefinition) {
        return NullMembers.drop(input(taskDefinition)).paths();
    }

    private static JsonObject input(TaskDefinition taskDefinition) {
        JsonObject json = taskDefinition.json();
        for (String key : READ_ONLY_KEYS) {
            json = json.without(key);
        }
        return json;
    }

    public static void write(TaskDefinition taskDefinition, Path file) throws IOException {
        AtomicFiles.write(file, write(taskDefinition));
    }

    private static boolean isDescribeWrapper(JsonObject object) {
        return object.get("taskDefinition") instanceof JsonObject && !object.has("containerDefinitions")
                && !object.has("family");
    }

    private static String join(String prefix, String path) {
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    private static String article(String typeName) {
        return (typeName.startsWith("a") || typeName.startsWith("o") ? "an " : "a ") + typeName;
    }
}
