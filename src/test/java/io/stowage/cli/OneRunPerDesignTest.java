package io.stowage.cli;

import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code up}s of one design at once, as two terminals run them: the second is refused, naming the first, and
 * the first run goes on untouched (its container still running, on the one network of its name).
 */
@Tag("docker")
class OneRunPerDesignTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void aSecondUpOfARunningDesignIsRefusedNamingTheFirst(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Path home = Files.createDirectories(dir.resolve("home"));
        Path design = dir.resolve("twice.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "twice",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [
                   {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2}]}]}
                """.formatted(TestImages.HTTP));
        String key = LocalEngine.designKey("twice", design);
        Process first = stowage(home, "up", "--pull", "prefer-cached", "--instance-addresses", "127.0.57",
                design.toString());
        List<String> firstLines = new ArrayList<>();
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (firstLines) {
                        firstLines.add(line);
                    }
                    if (line.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} RUNNING")) {
                        running.complete(null);
                    }
                }
            } catch (java.io.IOException ended) {
                // The process ended.
            } finally {
                running.complete(null);
            }
        });
        reader.start();
        try {
            running.get(120, TimeUnit.SECONDS);
            assertThat(first.isAlive()).as("the first up runs: %s", firstLines).isTrue();
            String runningId = runningContainer(key);

            for (List<String> second : List.of(
                    List.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.58"),
                    List.of("up", "--pull", "prefer-cached", "--instance-addresses", "127.0.58"))) {
                List<String> args = new ArrayList<>(second);
                args.add(design.toString());
                Process refused = stowage(home, args.toArray(String[]::new));
                String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(refused.exitValue()).as(said).isEqualTo(1);
                assertThat(said).contains("stowage up: " + design + ": the design is already running, kept by process "
                                + first.pid() + " (stowage up " + design + "), since ")
                        .doesNotContain("Exception").doesNotContain("RUNNING");
            }
            // The first run is untouched: the same container runs, on one network of the design's name.
            assertThat(runningContainer(key)).isEqualTo(runningId);
            assertThat(ENGINE.client().listNetworksCmd().withNameFilter("stowage-" + key).exec()
                    .stream().filter(n -> n.getName().equals("stowage-" + key))).hasSize(1);
            assertThat(first.isAlive()).isTrue();
        } finally {
            first.toHandle().destroy(); // SIGTERM: the first run stops and removes what it made
            if (!first.waitFor(60, TimeUnit.SECONDS)) {
                first.destroyForcibly();
            }
            reader.join(10_000);
        }
        synchronized (firstLines) {
            assertThat(firstLines).noneMatch(l -> l.contains("leftovers of an earlier run"))
                    .anyMatch(l -> l.endsWith("removed the design's containers, volumes and network"));
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
    }

    private static String runningContainer(String key) {
        var running = ENGINE.client().listContainersCmd()
                .withLabelFilter(Map.of("io.stowage.design", key, "com.amazonaws.ecs.container-name", "web")).exec();
        assertThat(running).hasSize(1);
        return running.get(0).getId();
    }

    private static Process stowage(Path home, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstowage.home=" + home, "-cp", System.getProperty("java.class.path"), "io.stowage.app.Launcher"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
