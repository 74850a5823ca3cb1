package io.stowage.cli;

import io.stowage.engine.local.LocalEngine;
import io.stowage.format.design.DesignFormat;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A design's run found by the design's identity, not its path: after {@code mv} of its folder, {@code ps} shows the
 * run and {@code down} removes it; a run started before the design had an identity is still found after it got one.
 */
@Tag("docker")
class MovedDesignTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    private static String design(String name, String idMember) {
        return """
                {"formatVersion": 1, %s"name": "%s",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [
                   {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2}]}]}
                """.formatted(idMember, name, TestImages.HTTP);
    }

    @Test
    void downAfterTheFolderWasMovedRemovesTheRun(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Path project = Files.createDirectories(dir.resolve("project"));
        Path file = project.resolve("moved.stowage.json");
        Files.writeString(file, design("moved", "\"id\": \"6d1c0a52-3b8e-4f7a-9c2d-1e5f4a3b2c10\", "));
        String key = LocalEngine.designKey(DesignFormat.read(file).design(), file);
        assertThat(key).isEqualTo("6d1c0a52-3b8e-4f7a-9c2d-1e5f4a3b2c10");
        Path moved = dir.resolve("elsewhere");
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.61",
                    file.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(running(key)).isEqualTo(1);

            Files.move(project, moved);
            Path movedFile = moved.resolve("moved.stowage.json");
            CliRun ps = CliRun.of("ps", movedFile.toString());
            assertThat(ps.exitCode()).isZero();
            assertThat(ps.out()).contains("RUNNING");

            CliRun down = CliRun.of("down", movedFile.toString());
            assertThat(down.exitCode()).as(down.err()).isZero();
            assertThat(down.out()).startsWith("removed 1 container").contains("1 network");
        } finally {
            CliRun.of("down", Files.exists(file) ? file.toString() : moved.resolve("moved.stowage.json").toString());
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
        assertThat(ENGINE.client().listNetworksCmd().withNameFilter("stowage-" + key).exec()).isEmpty();
    }

    @Test
    void aRunFromBeforeTheDesignHadAnIdentityIsFoundAfterItGotOne(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Path file = dir.resolve("old.stowage.json");
        Files.writeString(file, design("old", ""));
        String pathKey = LocalEngine.designKey("old", file);
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.62",
                    file.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(running(pathKey)).isEqualTo(1);

            // Its next save gives it an identity (as the desktop's Save does).
            Files.writeString(file, DesignFormat.write(DesignFormat.read(file).design().identified()));
            assertThat(DesignFormat.read(file).design().id()).isNotNull();

            CliRun ps = CliRun.of("ps", file.toString());
            assertThat(ps.out()).contains("RUNNING");
            CliRun down = CliRun.of("down", file.toString());
            assertThat(down.exitCode()).as(down.err()).isZero();
            assertThat(down.out()).startsWith("removed 1 container");
        } finally {
            CliRun.of("down", file.toString());
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", pathKey)).exec()).isEmpty();
    }

    private static long running(String key) {
        return ENGINE.client().listContainersCmd()
                .withLabelFilter(Map.of("io.stowage.design", key, "com.amazonaws.ecs.container-name", "web")).exec()
                .size();
    }
}
