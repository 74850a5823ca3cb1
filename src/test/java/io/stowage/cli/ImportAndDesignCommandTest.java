package io.stowage.cli;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.LoadedDesign;
import io.stowage.model.design.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ImportAndDesignCommandTest {
    private static final Path RULE_SAMPLES = Path.of("src/test/resources/taskdefs");

    @TempDir
    Path dir;

    @Test
    void importMakesADesignThatRunsAsItIsAndValidatesClean() throws Exception {
        Path design = dir.resolve("shop.stowage.json");

        CliRun run = CliRun.of("import", RULE_SAMPLES.resolve("valid-ec2-bridge.json").toString(),
                RULE_SAMPLES.resolve("valid-fargate.json").toString(), "-o", design.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + design);
        LoadedDesign loaded = DesignFormat.read(design);
        Cluster cluster = loaded.design().clusters().get(0);
        assertThat(cluster.name()).isEqualTo("default");
        assertThat(cluster.services()).hasSize(2).allMatch(s -> s.desiredCount() == 1);
        assertThat(cluster.instances()).isNotEmpty();
        assertThat(cluster.hasFargate()).isTrue();

        CliRun validate = CliRun.of("validate", design.toString());
        assertThat(validate.out()).doesNotContain(": error: ");
    }

    @Test
    void importWritesNothingWhenAFileCannotBeRead() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[]");
        Path design = dir.resolve("out.stowage.json");

        CliRun run = CliRun.of("import", RULE_SAMPLES.resolve("valid-fargate.json").toString(), bad.toString(),
                "-o", design.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(bad + ": error: ").contains("expected a JSON object");
        assertThat(design).doesNotExist();
    }

    @Test
    void validateReadsDesignsAndPointsIntoTheirTaskDefinitions() throws IOException {
        Path design = dir.resolve("broken.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "broken",
                 "clusters": [{"id": "c", "name": "c", "instances": [], "services": [
                   {"id": "web", "service": {"serviceName": "web", "taskDefinition": "missing", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 64,
                   "dependsOn": [{"containerName": "nope", "condition": "START"}]}]}]}
                """);

        CliRun run = CliRun.of("validate", design.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(design + ": error: taskDefinitions[0].containerDefinitions[0].dependsOn[0].containerName: ")
                .contains("clusters[0].services[0]");
    }

    @Test
    void theShippedExampleDesignValidatesWithoutErrors() throws IOException {
        Path example = dir.resolve("example.stowage.json");
        try (var in = getClass().getResourceAsStream("/io/stowage/examples/example.stowage.json")) {
            Files.copy(in, example);
        }
        CliRun run = CliRun.of("validate", example.toString());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(CliRun.of("fmt", "--check", example.toString()).exitCode()).isZero();
    }
}
