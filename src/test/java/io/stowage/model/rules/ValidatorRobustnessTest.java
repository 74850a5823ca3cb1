package io.stowage.model.rules;

import io.stowage.format.Corpus;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a file holds, as long as it reads, every rule gives findings and none throws: each value of each
 * sample and corpus file is replaced in turn by null, a placeholder, an empty object, an empty array, a
 * negative number and an empty string.
 */
class ValidatorRobustnessTest {
    private static final List<Json> REPLACEMENTS = List.of(JsonNull.INSTANCE, new JsonString("${X}"), JsonObject.EMPTY,
            JsonArray.EMPTY, JsonNumber.of(-1), new JsonString(""));

    @Test
    void noRuleThrowsOnAnyValueReplacedByAnyOddity() throws Exception {
        List<Path> files = new ArrayList<>(Corpus.taskDefinitions());
        try (Stream<Path> own = Files.walk(Path.of("src/test/resources"))) {
            own.filter(f -> f.toString().endsWith(".json") && f.toString().contains("taskdefs")).forEach(files::add);
        }
        int validated = 0;
        for (Path file : files) {
            LoadedTaskDefinition loaded;
            try {
                loaded = TaskDefinitionFormat.read(file);
            } catch (UnreadableFileException e) {
                continue;
            }
            for (Json candidate : mutations(loaded.taskDefinition().json())) {
                JsonObject mutated = (JsonObject) candidate;
                if (!ShapeTypeCheck.check(mutated, EcsSchema.TASK_DEFINITION).isEmpty()) {
                    continue;
                }
                try {
                    TaskDefinitionValidator.validate(new TaskDefinition(mutated));
                    TaskDefinitionValidator.validate(new TaskDefinition(mutated), new ValidationContext(Set.of("FARGATE")));
                } catch (RuntimeException e) {
                    throw new AssertionError(file.getFileName() + " with " + mutated, e);
                }
                validated++;
            }
        }
        assertThat(validated).isGreaterThan(1000);
    }

    /** Every copy of the tree with exactly one value replaced by one of the oddities. */
    private static List<Json> mutations(Json node) {
        List<Json> out = new ArrayList<>();
        if (node instanceof JsonObject object) {
            for (String key : object.keys()) {
                for (Json replacement : REPLACEMENTS) {
                    out.add(object.with(key, replacement));
                }
                for (Json child : mutations(object.get(key))) {
                    out.add(object.with(key, child));
                }
            }
        } else if (node instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                for (Json replacement : REPLACEMENTS) {
                    out.add(array.with(i, replacement));
                }
                for (Json child : mutations(array.get(i))) {
                    out.add(array.with(i, child));
                }
            }
        }
        return out;
    }
}
