package io.stowage.model.agent;

import io.stowage.model.ecs.KeyValuePair;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentFilesTest {

    @Test
    void readsLinesAsTheAgentDoes() {
        Map<String, String> vars = EnvironmentFiles.parse("""
                # a comment
                A=1
                no equals sign
                =empty key
                B= spaced = "quoted"
                A=2
                C=
                """);
        assertThat(vars).containsExactly(Map.entry("A", "2"), Map.entry("B", " spaced = \"quoted\""), Map.entry("C", ""));
    }

    @Test
    void explicitEnvironmentWinsThenTheFirstFileThatDefinesAKey() {
        var explicit = List.of(new KeyValuePair(JsonObject.builder().put("name", "A").put("value", "explicit").build()));
        Map<String, String> merged = EnvironmentFiles.merge(explicit,
                List.of(Map.of("A", "file1", "B", "file1"), Map.of("B", "file2", "C", "file2")));
        assertThat(merged).containsEntry("A", "explicit").containsEntry("B", "file1").containsEntry("C", "file2");
    }
}
