package io.stowage.ui.shell;

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
        assertThat(opened.kind()).isEqualTo(OpenDocument.Kind.TASK_DEFINITION);

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
}
