package io.stowage.cli;

import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** stowage up in the foreground, as a user runs it: state changes printed, SIGTERM stops the tasks and cleans up. */
@Tag("docker")
class UpForegroundTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void printsStateChangesAndCleansUpOnSigterm(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Path design = dir.resolve("fg.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "foreground",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [
                   {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 5}]}]}
                """.formatted(TestImages.HTTP));
        Process up = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.stowage.app.Launcher",
                "up", "--pull", "prefer-cached", "--instance-addresses", "127.0.56", design.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (!signalled && line.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} RUNNING")) {
                    up.toHandle().destroy(); // SIGTERM, without closing the streams as Process.destroy does
                    signalled = true;
                }
            }
        } finally {
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        assertThat(lines).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} PENDING"))
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} STOPPED \\(Task stopped by user\\)"))
                .anyMatch(l -> l.endsWith("removed the design's containers, volumes and network"))
                // The stop is the user's, not an error: nothing about the JVM shutting down under the command.
                .noneMatch(l -> l.contains("Shutdown in progress") || l.contains("internal error")
                        || l.contains("Exception"));
        String key = LocalEngine.designKey("foreground", design);
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
    }
}
