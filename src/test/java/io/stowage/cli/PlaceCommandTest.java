package io.stowage.cli;

import io.stowage.format.JsonFileReader;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceCommandTest {
    @TempDir
    Path dir;

    Path example() throws Exception {
        Path file = dir.resolve("example.stowage.json");
        try (InputStream in = getClass().getResourceAsStream("/io/stowage/examples/example.stowage.json")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /** One instance of 1 GiB and a service wanting two tasks of 768 MiB: the second cannot be placed. */
    Path tooSmall() throws Exception {
        TaskDefinition td = TaskDefinition.EMPTY.withFamily("web").withContainerDefinitions(List.of(
                ContainerDefinition.EMPTY.withName("web").withImage("nginx").withMemory(768)));
        Cluster cluster = Cluster.named("c")
                .withInstances(List.of(ContainerInstance.of("i-1", "t3.large", "us-east-1a")
                        .withRegisteredResources(2048, 1024, 0)))
                .withServices(List.of(Service.of(ServiceSpec.EMPTY.withServiceName("web").withTaskDefinition("web")
                        .withDesiredCount(2).withLaunchType("EC2"))));
        Design design = Design.empty("small").withTaskDefinition(td).withClusters(List.of(cluster));
        Path file = dir.resolve("small.stowage.json");
        DesignFormat.write(design, file);
        return file;
    }

    @Test
    void printsOneLinePerTask() throws Exception {
        CliRun run = CliRun.of("place", example().toString());
        // The example places everything but its deliberately oversized "report" service.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.FINDINGS);
        assertThat(run.outLines()).contains("demo service web #1 -> i-0a1b2c3d (us-east-1a)",
                "demo service web #2 -> i-0e5f6a7b (us-east-1b)",
                "demo service api #1 -> i-0a1b2c3d (us-east-1a)",
                "demo service worker #1 -> FARGATE (us-east-1a)",
                "demo task smoke-test #1 -> i-0e5f6a7b (us-east-1b)");
        assertThat(run.out()).contains("demo service report #1 not placed: RESOURCE:MEMORY")
                .contains("service report was unable to place a task because no container instance met all of its requirements.");
        assertThat(run.outLines()).last().isEqualTo("7 placed, 1 not placed");
    }

    @Test
    void printsJson() throws Exception {
        CliRun run = CliRun.of("place", "--json", "--seed", "3", example().toString());
        assertThat(run.exitCode()).isEqualTo(Cli.FINDINGS);
        JsonObject root = (JsonObject) JsonFileReader.parse(Path.of("out.json"), run.out().getBytes()).root();
        assertThat(root.keys()).containsExactly("placements", "failures", "instances");
        JsonObject first = (JsonObject) ((JsonArray) root.get("placements")).items().get(0);
        assertThat(first.keys()).containsExactly("cluster", "service", "task", "instance", "availabilityZone");
        assertThat(first.get("service").toString()).contains("web");
        JsonObject instance = (JsonObject) ((JsonArray) root.get("instances")).items().get(0);
        assertThat(instance.keys()).containsExactly("cluster", "id", "cpu", "memory", "ports", "runningTasksCount");
        assertThat(run.out()).contains("\"22/tcp\"", "\"80/tcp\"");
        JsonObject failure = (JsonObject) ((JsonArray) root.get("failures")).items().get(0);
        assertThat(failure.keys()).containsExactly("cluster", "service", "reason", "closestInstance", "message");
        assertThat(failure.get("reason").toString()).contains("RESOURCE:MEMORY");
        assertThat(CliRun.of("place", "--json", "--seed", "3", example().toString()).out()).isEqualTo(run.out());
    }

    @Test
    void reportsFailuresWithExitOne() throws Exception {
        Path file = tooSmall();
        CliRun run = CliRun.of("place", file.toString());
        assertThat(run.exitCode()).isEqualTo(Cli.FINDINGS);
        assertThat(run.outLines()).contains("c service web #1 -> i-1 (us-east-1a)",
                "c service web #2 not placed: RESOURCE:MEMORY (closest i-1): service web was unable to place a task "
                        + "because no container instance met all of its requirements. The closest matching "
                        + "container-instance i-1 has insufficient memory available.");
        CliRun json = CliRun.of("place", "--json", file.toString());
        assertThat(json.exitCode()).isEqualTo(Cli.FINDINGS);
        JsonObject root = (JsonObject) JsonFileReader.parse(Path.of("out.json"), json.out().getBytes()).root();
        JsonObject failure = (JsonObject) ((JsonArray) root.get("failures")).items().get(0);
        assertThat(failure.keys()).containsExactly("cluster", "service", "reason", "closestInstance", "message");
        assertThat(json.out()).contains("\"reason\": \"RESOURCE:MEMORY\"", "\"closestInstance\": \"i-1\"");
    }

    @Test
    void unreadableDesignExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.stowage.json");
        Files.writeString(bad, "{\"formatVersion\": 1, \"clusters\": [");
        CliRun run = CliRun.of("place", bad.toString());
        assertThat(run.exitCode()).isEqualTo(Cli.UNUSABLE_INPUT);
        assertThat(run.err()).startsWith(bad + ": error: ");
        assertThat(CliRun.of("place", dir.resolve("missing.stowage.json").toString()).exitCode())
                .isEqualTo(Cli.UNUSABLE_INPUT);
    }
}
