package io.stowage.ui.shell;

import io.stowage.cli.Cli;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compose file with a docker-compose.override.yml beside it gives the same design from {@code stowage import} and
 * from File › Import (the desktop's import path, without the dialog): both read the override file, as
 * {@code docker compose} does, and merge it the same way. The merged values are those {@code docker-compose config}
 * (1.29.2) prints for these files: web's image and command from the override, its environment from both.
 */
class ImportSameFromCliAndDesktopTest {
    @TempDir
    Path dir;

    @Test
    void aComposeFileWithAnOverrideBesideItGivesTheSameDesignFromTheCommandLineAndTheDesktop() throws Exception {
        Path project = Files.createDirectories(dir.resolve("shop"));
        Path base = Files.writeString(project.resolve("docker-compose.yml"), """
                services:
                  web:
                    image: nginx:1.25
                    command: ["nginx", "-g", "daemon off;"]
                    environment:
                      GREETING: hello
                    ports:
                      - "8080:80"
                  db:
                    image: postgres:16
                """);
        Path override = Files.writeString(project.resolve("docker-compose.override.yml"), """
                services:
                  web:
                    image: nginx:1.27
                    command: ["nginx-debug", "-g", "daemon off;"]
                    environment:
                      DEBUG: "1"
                  debug:
                    image: busybox:1.36
                """);

        ImportActions.ComposeFiles found = ImportActions.composeFiles(List.of(base), Map.of());
        assertThat(found.files()).containsExactly(base, override);
        Design desktop = ImportActions.compose(new ComposeImportDialog.Choice(found.files(), found.profiles(), false),
                Map.of()).design();

        Path output = Files.createDirectories(dir.resolve("out")).resolve("shop.stowage.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "import", base.toString(),
                "-o", output.toString(), "--name", desktop.name());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: reading " + override + " as well, the override file docker compose "
                + "reads beside docker-compose.yml (name the files with -f to read only those)")
                .contains("wrote " + output + ": 3 compose services as task definitions and services");
        Design cli = DesignFormat.read(output).design();

        assertThat(DesignFormat.write(cli.withId(null))).isEqualTo(DesignFormat.write(desktop.withId(null)));
        assertThat(cli.taskDefinitions()).containsOnlyKeys("web", "db", "debug");
        String web = JsonText.compact(cli.taskDefinitions().get("web").json());
        assertThat(web).contains("\"image\":\"nginx:1.27\"", "[\"nginx-debug\",\"-g\",\"daemon off;\"]",
                "\"name\":\"GREETING\",\"value\":\"hello\"", "\"name\":\"DEBUG\",\"value\":\"1\"");
    }

    @Test
    void filesNamedWithDashFAreReadAloneAsDockerComposeDashFReadsThem() throws Exception {
        Path base = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.25\n");
        Files.writeString(dir.resolve("compose.override.yml"), "services:\n  web:\n    image: nginx:1.27\n");
        Path output = dir.resolve("alone.stowage.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "import", "-f", base.toString(),
                "-o", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("override");
        assertThat(JsonText.compact(DesignFormat.read(output).design().taskDefinitions().get("web").json()))
                .contains("\"image\":\"nginx:1.25\"");
        assertThat(ImportActions.composeFiles(List.of(base), Map.of()).files())
                .containsExactly(base, dir.resolve("compose.override.yml"));
    }
}
