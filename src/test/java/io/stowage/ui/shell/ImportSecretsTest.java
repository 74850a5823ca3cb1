package io.stowage.ui.shell;

import io.stowage.format.document.DocumentFiles;
import io.stowage.format.document.OpenDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop's compose import keeps env-file values out of the design, and its first save writes them beside it. */
class ImportSecretsTest {
    @TempDir
    Path dir;

    @Test
    void aComposeImportKeepsEnvFileValuesOutOfTheDesignAndItsFirstSaveWritesThemBesideIt() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.writeString(project.resolve(".env"), "DB_PASSWORD=hunter2-desktop\n");
        Files.writeString(project.resolve("app.env"), "API_KEY=key-from-env-file\n");
        Path compose = Files.writeString(project.resolve("compose.yml"), """
                services:
                  web:
                    image: nginx
                    env_file: app.env
                    environment:
                      PASSWORD: ${DB_PASSWORD}
                """);
        ImportActions.Imported imported = ImportActions.compose(
                new ComposeImportDialog.Choice(java.util.List.of(compose), java.util.List.of(), false), java.util.Map.of());
        assertThat(imported.summary()).contains("2 values of .env and env_file kept out of the design, for the "
                + "secrets file beside it when it is saved");
        assertThat(imported.report().items()).anySatisfy(item -> assertThat(item.toString())
                .contains("kept out of the design", "with \u201cWrite the values of .env and env_file into the design\u201d ticked"));
        OpenDocument untitled = OpenDocument.untitled(imported.design(), imported.secrets());

        Path target = Files.createDirectories(dir.resolve("saved")).resolve("web.stowage.json");
        OpenDocument saved = DocumentFiles.save(untitled, target);

        assertThat(Files.readString(target)).doesNotContain("hunter2-desktop").doesNotContain("key-from-env-file")
                .contains("/project/web/PASSWORD");
        Path secrets = dir.resolve("saved/web.secrets.json");
        assertThat(io.stowage.format.SecretsFileFormat.read(secrets).values()).containsExactly(
                java.util.Map.entry("/project/web/API_KEY", "key-from-env-file"),
                java.util.Map.entry("/project/web/PASSWORD", "hunter2-desktop"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rw-------");
        assertThat(saved.pendingSecrets()).isEmpty();

        ImportActions.Imported inline = ImportActions.compose(new ComposeImportDialog.Choice(java.util.List.of(compose),
                java.util.List.of(), false, true), java.util.Map.of());
        assertThat(inline.secrets()).isEmpty();
        assertThat(io.stowage.model.json.JsonText.compact(inline.design().taskDefinitionList().get(0).json()))
                .contains("hunter2-desktop");
    }
}
