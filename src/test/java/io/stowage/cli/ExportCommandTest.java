package io.stowage.cli;

import io.stowage.format.TaskDefinitionFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExportCommandTest {
    @TempDir
    Path dir;

    private Path example() throws IOException {
        Path example = dir.resolve("example.stowage.json");
        try (var in = getClass().getResourceAsStream("/io/stowage/examples/example.stowage.json")) {
            Files.copy(in, example);
        }
        return example;
    }

    @Test
    void exportsTaskDefinitionsOneFileEach() throws Exception {
        Path out = dir.resolve("taskdefs");
        CliRun run = CliRun.of("export", "--to", "taskdefs", "-o", out.toString(), example().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote 4 files to " + out);
        assertThat(out.resolve("web.json")).exists();
        assertThat(TaskDefinitionFormat.read(out.resolve("worker.json")).taskDefinition().family()).isEqualTo("worker");
    }

    @Test
    void exportsComposeAndCloudFormationWithTheirReports() throws Exception {
        Path example = example();
        CliRun compose = CliRun.of("export", "--to", "compose", "-o", dir.resolve("compose.yaml").toString(),
                example.toString());
        assertThat(compose.exitCode()).as(compose.err()).isZero();
        assertThat(compose.outLines()).anySatisfy(line -> assertThat(line).startsWith(example + ": not mapped: "
                + "taskDefinitions[0].containerDefinitions: compose has no essential containers"));
        assertThat(Files.readString(dir.resolve("compose.yaml"))).contains("web-nginx:");

        CliRun template = CliRun.of("export", "--to", "cloudformation", "-o", dir.resolve("stack.json").toString(),
                example.toString());
        assertThat(template.exitCode()).as(template.err()).isZero();
        assertThat(Files.readString(dir.resolve("stack.json"))).startsWith("{").contains("\"AWS::ECS::Cluster\"");
    }

    @Test
    void anUnknownTargetOrAnUnreadableDesignIsAUserError() throws Exception {
        CliRun unknown = CliRun.of("export", "--to", "helm", "-o", dir.resolve("x").toString(), example().toString());
        assertThat(unknown.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(unknown.err()).contains("--to takes taskdefs, compose or cloudformation, not helm");

        Path broken = Files.writeString(dir.resolve("broken.stowage.json"), "{\"formatVersion\": 1,");
        CliRun unreadable = CliRun.of("export", "--to", "compose", "-o", dir.resolve("c.yaml").toString(),
                broken.toString());
        assertThat(unreadable.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(unreadable.err()).startsWith(broken + ": error: ");
        assertThat(dir.resolve("c.yaml")).doesNotExist();
    }
}
