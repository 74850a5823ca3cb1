package io.stowage.format.document;

import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.ValuePatch;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which task definition of a design goes back to which file, and the text it goes back as. */
final class TaskDefinitionFiles {
    private TaskDefinitionFiles() {
    }

    /**
     * Each file with the task definition it now holds: by family, and a single renamed one by elimination.
     *
     * @throws IOException when a task definition has no file, or a file lost its task definition
     */
    static Map<TaskDefinitionFile, TaskDefinition> pair(Design design, List<TaskDefinitionFile> sources)
            throws IOException {
        Map<TaskDefinitionFile, TaskDefinition> pairs = new LinkedHashMap<>();
        List<TaskDefinitionFile> lost = new ArrayList<>();
        Map<String, TaskDefinition> unclaimed = new LinkedHashMap<>(design.taskDefinitions());
        for (TaskDefinitionFile source : sources) {
            TaskDefinition td = unclaimed.remove(source.family());
            if (td == null) {
                lost.add(source);
            } else {
                pairs.put(source, td);
            }
        }
        if (lost.size() == 1 && unclaimed.size() == 1) {
            pairs.put(lost.remove(0), unclaimed.values().iterator().next());
            unclaimed.clear();
        }
        if (!unclaimed.isEmpty()) {
            throw new IOException("task definition " + unclaimed.keySet().iterator().next() + " has no file of its"
                    + " own; use Save As to save the whole design");
        }
        if (!lost.isEmpty()) {
            throw new IOException("the task definition of " + lost.get(0).file().getFileName() + " is no longer in"
                    + " the design; use Save As to save the whole design");
        }
        Map<TaskDefinitionFile, TaskDefinition> ordered = new LinkedHashMap<>();
        sources.forEach(s -> ordered.put(s, pairs.get(s)));
        return ordered;
    }

    /** The file's new text, or null when the task definition is still what the file holds. */
    static String text(TaskDefinitionFile source, TaskDefinition td) {
        JsonObject json = td.json();
        for (String key : TaskDefinitionFormat.READ_ONLY_KEYS) {
            json = json.without(key);
        }
        if (json.equals(source.input())) {
            return null;
        }
        if (source.registerShape()) {
            Optional<String> patched = ValuePatch.apply(source.document(), source.text(), json);
            if (patched.isPresent()) {
                return patched.get();
            }
        }
        return source.style().apply(JsonText.pretty(json, source.style().indent()));
    }

    /** The file as just written, in the RegisterTaskDefinition shape, for the next save. */
    static TaskDefinitionFile reread(TaskDefinitionFile source, byte[] text, String family) throws IOException {
        JsonDocument document;
        try {
            document = JsonFileReader.parse(source.file(), text);
        } catch (UnreadableFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new TaskDefinitionFile(source.file(), family, document, (JsonObject) document.root(), text,
                source.style(), true);
    }
}
