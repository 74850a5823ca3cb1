package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.testsupport.AgentHome;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's ECS endpoint as boto3 sees it (src/test/resources/ecsapi/boto3_session.py): a task definition
 * registered, a service of 2 tasks created on the detached run's cluster and waited for with boto3's
 * services_stable waiter, its tasks RUNNING with the real Docker ids in runtimeId, stop_task's reason, the
 * modelled ClusterNotFoundException, and delete_service(force) waited for with services_inactive.
 */
@Tag("docker")
class AgentEcsEndpointBoto3Test {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private String homeBefore;

    @BeforeEach
    void ownStowageFolder() {
        homeBefore = AgentHome.use(home);
    }

    @AfterEach
    void killAnyAgentLeft() throws Exception {
        AgentHome.release(home, homeBefore);
    }

    @Test
    void boto3RegistersCreatesWaitsStopsAndDeletesThroughTheAgentsEcsEndpoint(@TempDir Path dir) throws Exception {
        ExternalTool.require("python3 with boto3", "python3", "-c", "import boto3");
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("boto3.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "boto3",
                 "clusters": [{"id": "c", "name": "shop", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [
                     {"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [
                     {"name": "app", "image": "%s", "memory": 16, "stopTimeout": 2,
                      "command": ["sleep", "3600"]}]}]}
                """.formatted(BusyboxImage.NAME));
        Path script = dir.resolve("boto3_session.py");
        try (InputStream in = getClass().getResourceAsStream("/ecsapi/boto3_session.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.152",
                    design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            String endpoint = JSON.readTree(CliRun.of("agent", "status", "--json").out()).path("ecsEndpoint").asText();

            ExternalTool.Run session = ExternalTool.run(null, 400, List.of("env", "AWS_CONFIG_FILE=/dev/null",
                    "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "python3", script.toString(), endpoint,
                    BusyboxImage.NAME));
            assertThat(session.exitCode()).as(session.output()).isZero();
            String output = session.output().strip();
            JsonNode seen = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));

            assertThat(seen.path("registered").asText())
                    .isEqualTo("arn:aws:ecs:local:000000000000:task-definition/worker:1");
            assertThat(seen.path("created").asText()).isEqualTo("ACTIVE");
            assertThat(seen.path("tasks")).hasSize(2);
            for (JsonNode task : seen.path("tasks")) {
                assertThat(task.path("lastStatus").asText()).isEqualTo("RUNNING");
                assertThat(task.path("taskDefinitionArn").asText()).endsWith("task-definition/worker:1");
                var container = ENGINE.client().inspectContainerCmd(task.path("runtimeId").asText()).exec();
                assertThat(container.getConfig().getCmd()).containsExactly("sleep", "3602");
            }
            assertThat(seen.path("stopping").asText()).isEqualTo("STOPPED");
            assertThat(seen.path("stoppedReason").asText()).isEqualTo("boto3 says stop");
            assertThat(seen.path("stopCode").asText()).isEqualTo("UserInitiated");
            assertThat(seen.path("unknownCluster").asText())
                    .isEqualTo("ClusterNotFoundException: Cluster not found.");
            assertThat(seen.path("deleted").asText()).isEqualTo("INACTIVE");
        } finally {
            CliRun.of("down", design.toString());
        }
    }
}
