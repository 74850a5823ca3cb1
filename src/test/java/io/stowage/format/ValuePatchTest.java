package io.stowage.format;

import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Values changed in place leave every other byte of the file as it was. */
class ValuePatchTest {
    private static final String TEXT = "{\r\n\t\"family\": \"café\",  \"containerDefinitions\": [ {\"name\": \"web\","
            + " \"memory\": 256, \"command\": [\"sh\", \"-c\", \"echo \\\"hi\\\"\"]} ]\r\n}\r\n";

    private static JsonDocument document() throws UnreadableFileException {
        return JsonFileReader.parse(Path.of("t.json"), TEXT.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject container(JsonDocument doc) {
        return (JsonObject) ((io.stowage.model.json.JsonArray) ((JsonObject) doc.root()).get("containerDefinitions")).get(0);
    }

    private static JsonObject withContainer(JsonDocument doc, JsonObject container) {
        JsonObject root = (JsonObject) doc.root();
        return root.with("containerDefinitions", io.stowage.model.json.JsonArray.of(java.util.List.of(container)));
    }

    @Test
    void changedScalarsAreReplacedWhereTheyStandAndNothingElseMoves() throws Exception {
        JsonDocument doc = document();
        JsonObject after = withContainer(doc, container(doc).with("memory", JsonNumber.of(512))
                .with("command", io.stowage.model.json.JsonArray.ofStrings(java.util.List.of("sh", "-c", "echo \"hé\""))))
                .with("family", new JsonString("web-2"));

        Optional<String> patched = ValuePatch.apply(doc, TEXT.getBytes(StandardCharsets.UTF_8), after);

        assertThat(patched).contains(TEXT.replace("\"café\"", "\"web-2\"").replace("256", "512")
                .replace("\"echo \\\"hi\\\"\"", "\"echo \\\"hé\\\"\""));
        assertThat(JsonFileReader.parse(Path.of("t.json"), patched.get().getBytes(StandardCharsets.UTF_8)).root())
                .isEqualTo(after);
    }

    @Test
    void addedOrRemovedMembersCannotBePatched() throws Exception {
        JsonDocument doc = document();
        assertThat(ValuePatch.apply(doc, TEXT.getBytes(StandardCharsets.UTF_8),
                ((JsonObject) doc.root()).with("cpu", new JsonString("256")))).isEmpty();
        assertThat(ValuePatch.apply(doc, TEXT.getBytes(StandardCharsets.UTF_8),
                withContainer(doc, container(doc).without("memory")))).isEmpty();
    }

    @Test
    void theStyleOfAFileIsItsIndentationAndLineEnding() {
        assertThat(TextStyle.of(TEXT.getBytes(StandardCharsets.UTF_8))).isEqualTo(new TextStyle(LineEnding.CRLF, "\t"));
        assertThat(TextStyle.of("{\n    \"a\": 1\n}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new TextStyle(LineEnding.LF, "    "));
        assertThat(TextStyle.of("{\"a\": 1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(TextStyle.DEFAULT);
    }
}
