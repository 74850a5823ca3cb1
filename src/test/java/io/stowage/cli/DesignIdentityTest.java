package io.stowage.cli;

import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The design's identity in the file: given at import, kept by re-import, fmt, edits and saves, checked on read. */
class DesignIdentityTest {
    private static final Path SAMPLES = Path.of("src/test/resources/taskdefs");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @TempDir
    Path dir;

    @Test
    void importGivesTheDesignAnIdentityThatAReimportOverItKeeps() throws Exception {
        Path design = dir.resolve("shop.stowage.json");
        CliRun first = CliRun.of("import", SAMPLES.resolve("valid-ec2-bridge.json").toString(), "-o", design.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        String id = DesignFormat.read(design).design().id();
        assertThat(id).matches(UUID);
        // Written second, after formatVersion, where a reader of the file sees it.
        assertThat(Files.readAllLines(design).get(2)).isEqualTo("  \"id\": \"" + id + "\",");

        CliRun again = CliRun.of("import", SAMPLES.resolve("valid-fargate.json").toString(), "-o", design.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(DesignFormat.read(design).design().id()).isEqualTo(id);

        Path other = dir.resolve("other.stowage.json");
        CliRun.of("import", SAMPLES.resolve("valid-ec2-bridge.json").toString(), "-o", other.toString());
        assertThat(DesignFormat.read(other).design().id()).matches(UUID).isNotEqualTo(id);
    }

    @Test
    void fmtKeepsTheIdentityAndAddsNone() throws Exception {
        Path withId = dir.resolve("with.stowage.json");
        Files.writeString(withId, "{\"name\": \"w\", \"formatVersion\": 1, \"id\": \"6d1c0a52-3b8e-4f7a-9c2d-1e5f4a3b2c10\"}");
        Path withoutId = dir.resolve("without.stowage.json");
        Files.writeString(withoutId, "{\"name\": \"w\", \"formatVersion\": 1}");

        assertThat(CliRun.of("fmt", withId.toString(), withoutId.toString()).exitCode()).isZero();

        assertThat(Files.readString(withId)).isEqualTo("""
                {
                  "formatVersion": 1,
                  "id": "6d1c0a52-3b8e-4f7a-9c2d-1e5f4a3b2c10",
                  "name": "w",
                  "clusters": [],
                  "taskDefinitions": [],
                  "layout": {}
                }
                """);
        assertThat(Files.readString(withoutId)).doesNotContain("\"id\"");
        assertThat(DesignFormat.read(withoutId).design().id()).isNull();
    }

    @Test
    void everyEditKeepsTheIdentityAndTheFileRoundTripsByteForByte() throws Exception {
        Design design = Design.empty("shop").identified();
        String id = design.id();
        Design edited = design.withName("renamed")
                .withTaskDefinition(new TaskDefinition(JsonObject.builder().put("family", "web").build()))
                .withoutTaskDefinition("web").withClusters(java.util.List.of()).withExtras(JsonObject.EMPTY);
        assertThat(edited.id()).isEqualTo(id);
        assertThat(edited.identified().id()).isEqualTo(id);
        String text = DesignFormat.write(edited);
        assertThat(DesignFormat.parse("shop.stowage.json", text).design().id()).isEqualTo(id);
        assertThat(DesignFormat.write(DesignFormat.parse("shop.stowage.json", text).design())).isEqualTo(text);
    }

    @Test
    void anIdentityThatCannotKeyARunIsAParseErrorAtItsPath() {
        assertThatThrownBy(() -> DesignFormat.parse("bad.stowage.json",
                "{\"formatVersion\": 1, \"id\": \"../../etc; rm\", \"name\": \"x\"}"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("expected the design's identity, a UUID");
        assertThatThrownBy(() -> DesignFormat.parse("bad.stowage.json", "{\"formatVersion\": 1, \"id\": 7}"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("expected a string (the design's identity, a UUID)");
    }
}
