package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** stowage up --detach, ps --json, logs and down on the real engine, with an image built from the design's context. */
@Tag("docker")
class LocalRunCommandsTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void upDetachedThenPsLogsAndDown(@TempDir Path dir) throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + BusyboxImage.NAME + "\n"
                + "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo secret=$API_KEY; echo greeting=$GREETING;"
                + " sleep 3600 & wait\"]\n");
        Files.writeString(dir.resolve("env.env"), "GREETING=from-env-file\n");
        Files.writeString(dir.resolve("cli.secrets.json"), "{\"/cli/api-key\": \"abc123\"}");
        Path design = dir.resolve("cli.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "cli",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "app", "service": {"serviceName": "app", "taskDefinition": "app", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "app", "containerDefinitions": [
                   {"name": "app", "image": "stowage-test/built:1", "memory": 32, "stopTimeout": 2,
                    "secrets": [{"name": "API_KEY", "valueFrom": "/cli/api-key"}],
                    "environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}]}]}],
                 "localRun": {"builds": [{"image": "stowage-test/built:1", "context": "app"}],
                              "environmentFiles": {"arn:aws:s3:::bucket/app.env": "env.env"}}}
                """);
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.39",
                    "--task-addresses", "127.0.49", design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).containsPattern("\\d\\d:\\d\\d:\\d\\d app/[0-9a-f]{8} RUNNING")
                    .contains("built stowage-test/built:1")
                    .contains("1 task running; stowage ps " + design + " shows them");

            CliRun ps = CliRun.of("ps", "--json", design.toString());
            assertThat(ps.exitCode()).isZero();
            JsonNode task = new ObjectMapper().readTree(ps.out()).path("tasks").get(0);
            assertThat(task.path("lastStatus").asText()).isEqualTo("RUNNING");
            assertThat(task.path("group").asText()).isEqualTo("service:app");
            assertThat(task.path("containers").get(0).path("name").asText()).isEqualTo("app");
            assertThat(task.path("containers").get(0).path("lastStatus").asText()).isEqualTo("RUNNING");

            CliRun logs = CliRun.of("logs", design.toString(), "app");
            assertThat(logs.exitCode()).as(logs.err()).isZero();
            assertThat(logs.outLines()).contains("secret=abc123", "greeting=from-env-file");
            assertThat(CliRun.of("logs", design.toString(), "nope").err()).contains("no container nope");
        } finally {
            CliRun down = CliRun.of("down", design.toString());
            assertThat(down.exitCode()).isZero();
            assertThat(down.out()).isEqualTo("removed 1 container, 0 volumes, 1 network\n");
        }
        CliRun after = CliRun.of("ps", "--json", design.toString());
        assertThat(new ObjectMapper().readTree(after.out()).path("tasks")).isEmpty();
    }
}
