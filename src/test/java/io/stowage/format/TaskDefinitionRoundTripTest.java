package io.stowage.format;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Read, write, read again: the same JSON tree, less the read-only keys DescribeTaskDefinition adds. */
class TaskDefinitionRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyCorpusFileRoundTrips() throws IOException {
        List<Path> files = Corpus.taskDefinitions();
        Assumptions.assumeFalse(files.isEmpty(), "no corpus at " + Corpus.root().toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> roundTrip(file)));
    }

    @TestFactory
    Stream<DynamicTest> everyOwnSampleRoundTrips() throws IOException {
        List<Path> files = new ArrayList<>();
        Assumptions.assumeTrue(Files.isDirectory(Path.of("src/test/resources")), "no samples yet");
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources"))) {
            walk.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".stowage.json")
                    && f.toString().contains("taskdefs")).sorted().forEach(files::add);
        }
        Assumptions.assumeFalse(files.isEmpty(), "no samples yet");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> roundTrip(file)));
    }

    private static void roundTrip(Path file) throws IOException {
        JsonDocument original;
        try {
            original = JsonFileReader.read(file);
        } catch (UnreadableFileException e) {
            // Files that are not valid JSON as published cannot round-trip; they must be refused cleanly.
            assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("Exception").doesNotContain("\tat ");
            return;
        }
        LoadedTaskDefinition loaded;
        try {
            loaded = TaskDefinitionFormat.fromDocument(original);
        } catch (UnreadableFileException e) {
            throw new AssertionError("valid JSON refused: " + e.getMessage());
        }
        String written = TaskDefinitionFormat.write(loaded.taskDefinition());
        LoadedTaskDefinition again;
        try {
            again = TaskDefinitionFormat.parse(file.toString(), written);
        } catch (UnreadableFileException e) {
            throw new AssertionError("written file cannot be read back: " + e.getMessage());
        }
        assertThat(again.taskDefinition().json()).isEqualTo(expectedTree(original.root()));
        assertThat(again.taskDefinition().json().keys()).as("member order kept, null members left out")
                .containsExactlyElementsOf(io.stowage.model.json.NullMembers.drop(loaded.taskDefinition().json()).value().keys());
        assertThat(TaskDefinitionFormat.write(again.taskDefinition())).as("writing is stable").isEqualTo(written);
    }

    /** The original tree, unwrapped from describe output, without the read-only keys and the null members. */
    private static JsonObject expectedTree(Json root) {
        JsonObject object = (JsonObject) root;
        if (object.get("taskDefinition") instanceof JsonObject inner && !object.has("containerDefinitions")) {
            object = object.get("tags") == null ? inner : inner.with("tags", object.get("tags"));
        }
        for (String key : TaskDefinitionFormat.READ_ONLY_KEYS) {
            object = object.without(key);
        }
        return io.stowage.model.json.NullMembers.drop(object).value();
    }

    @Test
    void writesTwoSpaceIndentationAndDropsReadOnlyKeys() throws Exception {
        LoadedTaskDefinition loaded = TaskDefinitionFormat.parse("describe.json", """
                {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
                 "family": "web", "revision": 3, "status": "ACTIVE", "xFuture": {"b": 1.50, "a": [1, 2]},
                 "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128}],
                 "registeredAt": "2024-01-01T00:00:00Z"}, "tags": [{"key": "team", "value": "blue"}]}
                """);
        assertThat(loaded.wrapped()).isTrue();
        assertThat(loaded.readOnly().keys()).containsExactlyInAnyOrder("taskDefinitionArn", "revision", "status", "registeredAt");
        assertThat(TaskDefinitionFormat.write(loaded.taskDefinition())).isEqualTo("""
                {
                  "family": "web",
                  "xFuture": {
                    "b": 1.50,
                    "a": [
                      1,
                      2
                    ]
                  },
                  "containerDefinitions": [
                    {
                      "name": "web",
                      "image": "nginx",
                      "memory": 128
                    }
                  ],
                  "tags": [
                    {
                      "key": "team",
                      "value": "blue"
                    }
                  ]
                }
                """);
    }
}
