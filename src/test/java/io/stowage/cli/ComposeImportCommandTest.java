package io.stowage.cli;

import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeImportCommandTest {
    private static final Path SHOP = Path.of("src/test/resources/compose/shop/compose.yml");

    @TempDir
    Path dir;

    @Test
    void importsAComposeFileAndPrintsTheReportItemByItem() throws Exception {
        Path design = dir.resolve("shop.stowage.json");

        CliRun run = CliRun.of("import", SHOP.toString(), "--compose-profile", "tools", "-o", design.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).contains(SHOP + ":77:7: not mapped: services.web.networks: compose networks are not "
                + "kept: each service is its own task in bridge mode on the instance's docker0 bridge; to reach another "
                + "service by name on ECS, use Service Connect or service discovery, or import with --single-task to put "
                + "the services in one task");
        assertThat(run.out()).contains("wrote " + design + ": 6 compose services as task definitions and services; ");
        Design read = DesignFormat.read(design).design();
        assertThat(read.taskDefinitions()).containsKey("seed");
        assertThat(CliRun.of("validate", design.toString()).out()).doesNotContain(": error: ");
    }

    @Test
    void singleTaskPutsEveryServiceInOneTaskDefinition() throws Exception {
        Path design = dir.resolve("one.stowage.json");
        CliRun run = CliRun.of("import", "--single-task", SHOP.toString(), "-o", design.toString(), "--name", "one");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("as containers of one task definition");
        assertThat(DesignFormat.read(design).design().taskDefinitions()).containsOnlyKeys("shop");
    }

    @Test
    void badYamlGivesFileLineAndColumnAndWritesNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("compose.yml"), "services:\n  web:\n    image: [nginx\n");
        Path design = dir.resolve("out.stowage.json");

        CliRun run = CliRun.of("import", bad.toString(), "-o", design.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).startsWith(bad + ": error: line 4, column 1: invalid YAML: ")
                .contains("expected ',' or ']', but got the end of the file").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.errLines()).hasSize(1);
        assertThat(design).doesNotExist();
    }

    @Test
    void composeAndTaskDefinitionFilesAreImportedSeparately() {
        CliRun run = CliRun.of("import", SHOP.toString(), "src/test/resources/taskdefs/valid-fargate.json",
                "-o", dir.resolve("x.stowage.json").toString());
        assertThat(run.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).contains("valid-fargate.json: error: import compose files");
    }
}
