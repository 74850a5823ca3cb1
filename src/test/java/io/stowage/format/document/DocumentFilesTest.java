package io.stowage.format.document;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening and saving what users keep: designs, and plain task-definition files saved back in place. */
class DocumentFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTaskDefinitionFileOpensInADesignAndSavesBackToItselfLosingNothing() throws Exception {
        Path file = Files.copy(Path.of("src/test/resources/samples/taskdefs/templated-crlf-tabs.json"), dir.resolve("app.json"));
        OpenDocument opened = DocumentFiles.open(file);
        assertThat(opened.kind()).isEqualTo(OpenDocument.Kind.TASK_DEFINITIONS);

        opened.history().apply("Change family", design -> {
            TaskDefinition td = design.taskDefinitionList().get(0);
            return design.withTaskDefinition(td.withTaskRoleArn("arn:aws:iam::123456789012:role/app"));
        });
        DocumentFiles.save(opened, null);

        String saved = Files.readString(file);
        assertThat(saved).contains("\"taskRoleArn\": \"arn:aws:iam::123456789012:role/app\"")
                .contains("<IMAGE1_NAME>").contains("${APP_MEMORY}").contains("\r\n").doesNotContain("formatVersion");
        assertThat(opened.history().isUnsaved()).isFalse();
    }

    @Test
    void aDesignFromBeforeIdentitiesGetsOneOnItsNextSaveThatUndoAndLaterSavesKeep() throws Exception {
        Path file = dir.resolve("old.stowage.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"name\": \"old\"}");
        OpenDocument opened = DocumentFiles.open(file);
        String id = opened.history().current().id();
        assertThat(id).isNotNull();
        assertThat(Files.readString(file)).doesNotContain("\"id\"");

        opened.history().apply("Rename", design -> design.withName("renamed"));
        OpenDocument saved = DocumentFiles.save(opened, null);
        assertThat(DocumentFiles.open(file).history().current().id()).isEqualTo(id);

        saved.history().undo();
        saved = DocumentFiles.save(saved, null);
        Design reopened = DocumentFiles.open(file).history().current();
        assertThat(reopened.name()).isEqualTo("old");
        assertThat(reopened.id()).isEqualTo(id);

        Path copy = dir.resolve("moved.stowage.json");
        DocumentFiles.save(saved, copy);
        assertThat(DocumentFiles.open(copy).history().current().id()).isEqualTo(id);
        assertThat(OpenDocument.untitled(Design.empty("new")).history().current().id()).isNotNull().isNotEqualTo(id);
    }

    @Test
    void saveAsWritesADesignThatOpensAgainEqual() throws Exception {
        OpenDocument opened = DocumentFiles.open(Path.of("src/test/resources/samples/taskdefs/describe-wrapped.json"));
        Path target = dir.resolve("shop.stowage.json");

        OpenDocument saved = DocumentFiles.save(opened, target);

        assertThat(saved.kind()).isEqualTo(OpenDocument.Kind.DESIGN);
        Design again = DocumentFiles.open(target).history().current();
        assertThat(again).isEqualTo(opened.history().current());
    }

    @Test
    void anUnreadableFileIsReportedAndLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"family\": ");
        assertThatThrownBy(() -> DocumentFiles.open(file)).isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("broken.json");
        assertThat(Files.readString(file)).isEqualTo("{\"family\": ");
    }

    @Test
    void severalTaskDefinitionFilesOpenAsOneDesignAndEachChangedOneGoesBackToItsOwnFile() throws Exception {
        Path web = Files.writeString(dir.resolve("web.json"), "{\n    \"family\": \"web\",\n    \"containerDefinitions\": ["
                + "{\"name\": \"web\", \"image\": \"nginx\", \"memory\": 128}]\n}\n");
        Path worker = Files.writeString(dir.resolve("worker.json"), "{\"family\": \"worker\", \"containerDefinitions\": ["
                + "{\"name\": \"worker\", \"image\": \"busybox\", \"memory\": 64}]}");
        String workerText = Files.readString(worker);
        OpenDocument opened = DocumentFiles.open(java.util.List.of(web, worker));
        assertThat(opened.kind()).isEqualTo(OpenDocument.Kind.TASK_DEFINITIONS);
        assertThat(opened.displayName()).isEqualTo("web.json and 1 more");
        assertThat(opened.history().current().taskDefinitions()).containsOnlyKeys("web", "worker");

        // A new container is more than a changed value: the file is rewritten, in its own four-space indentation.
        opened.history().apply("Add sidecar", d -> d.withTaskDefinition(d.taskDefinition("web").orElseThrow()
                .withContainerDefinitions(java.util.List.of(d.taskDefinition("web").orElseThrow().containerDefinitions().get(0),
                        io.stowage.model.ecs.ContainerDefinition.EMPTY.withName("log").withImage("fluent-bit")))));
        OpenDocument saved = DocumentFiles.save(opened, null);

        assertThat(Files.readString(web)).startsWith("{\n    \"family\": \"web\",").contains("\"name\": \"log\"");
        assertThat(Files.readString(worker)).as("unchanged, so not written").isEqualTo(workerText);
        // Renaming a family still saves to the same file.
        saved.history().apply("Rename", d -> d.withoutTaskDefinition("worker")
                .withTaskDefinition(d.taskDefinition("worker").orElseThrow().withFamily("jobs")));
        DocumentFiles.save(saved, null);
        assertThat(Files.readString(worker)).isEqualTo(workerText.replace("\"worker\", \"containerDefinitions\"",
                "\"jobs\", \"containerDefinitions\""));
    }

    @Test
    void aFileChangedOnDiskIsNotWrittenOverUnlessTheUserInsists() throws Exception {
        Path file = dir.resolve("demo.stowage.json");
        io.stowage.format.design.DesignFormat.write(io.stowage.format.design.ExampleDesigns.firstStart().design(), file);
        OpenDocument opened = DocumentFiles.open(file);
        opened.history().apply("Rename", d -> d.withName("Renamed"));
        Files.writeString(file, Files.readString(file).replace("Demo", "Someone else's demo"));

        assertThatThrownBy(() -> DocumentFiles.save(opened, null)).isInstanceOf(ChangedOnDiskException.class);
        assertThat(Files.readString(file)).contains("Someone else's demo");
        DocumentFiles.save(opened, null, true);
        assertThat(DocumentFiles.open(file).history().current().name()).isEqualTo("Renamed");
    }

    @Test
    void aFileThatNoLongerParsesIsNeverWrittenOver() throws Exception {
        Path file = Files.writeString(dir.resolve("app.json"), "{\"family\": \"app\", \"containerDefinitions\": []}");
        OpenDocument opened = DocumentFiles.open(file);
        opened.history().apply("Role", d -> d.withTaskDefinition(d.taskDefinition("app").orElseThrow()
                .withTaskRoleArn("arn:aws:iam::123456789012:role/app")));
        Files.writeString(file, "{\"family\": \"app\", <<<<<<< merge conflict");

        assertThatThrownBy(() -> DocumentFiles.save(opened, null, true)).hasMessageContaining("app.json")
                .hasMessageContaining("left as it is").hasMessageContaining("Save As");
        assertThat(Files.readString(file)).isEqualTo("{\"family\": \"app\", <<<<<<< merge conflict");
    }

    @Test
    void describeOutputSavesBackInTheRegisterShapeOnlyWhenItChanged() throws Exception {
        Path file = Files.copy(Path.of("src/test/resources/samples/taskdefs/describe-wrapped.json"), dir.resolve("d.json"));
        String text = Files.readString(file);
        OpenDocument opened = DocumentFiles.open(file);
        DocumentFiles.save(opened, null);
        assertThat(Files.readString(file)).as("nothing changed").isEqualTo(text);
        opened.history().apply("Role", d -> d.withTaskDefinition(d.taskDefinitionList().get(0)
                .withTaskRoleArn("arn:aws:iam::123456789012:role/x")));
        DocumentFiles.save(opened, null);
        assertThat(Files.readString(file)).doesNotContain("taskDefinitionArn").contains("role/x");
    }
}
