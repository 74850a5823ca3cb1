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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's ECS endpoint, as the AWS CLI sees it: a design handed to the agent ({@code up --detach}) is a cluster
 * whose service and tasks {@code aws ecs ... --endpoint-url} lists and describes, with the real Docker ids of the
 * tasks' containers; stop-task and update-service --desired-count act through the agent's rules and scheduler, and
 * the CLI's waiters (tasks-stopped, services-stable) return; an unknown cluster and an operation the endpoint does
 * not serve answer AWS errors.
 */
@Tag("docker")
class AgentEcsEndpointTest {
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
    void theAwsCliSeesTheDetachedRunThroughTheAgentsEcsEndpoint(@TempDir Path dir) throws Exception {
        ExternalTool.require("the AWS CLI", "aws", "--version");
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("endpoint.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "endpoint",
                 "clusters": [{"id": "c", "name": "shop", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [
                     {"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [
                     {"name": "app", "image": "%s", "memory": 16, "stopTimeout": 2,
                      "command": ["sleep", "3600"]}]}]}
                """.formatted(BusyboxImage.NAME));
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.151",
                    design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();

            CliRun status = CliRun.of("agent", "status", "--json");
            String endpoint = JSON.readTree(status.out()).path("ecsEndpoint").asText();
            assertThat(endpoint).as(status.out()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(CliRun.of("agent", "status").out()).contains("ECS endpoint " + endpoint);

            assertThat(aws(endpoint, "list-clusters").path("clusterArns").toString())
                    .isEqualTo("[\"arn:aws:ecs:local:000000000000:cluster/shop\"]");
            assertThat(aws(endpoint, "list-services", "--cluster", "shop").path("serviceArns").toString())
                    .isEqualTo("[\"arn:aws:ecs:local:000000000000:service/shop/web\"]");
            JsonNode services = aws(endpoint, "describe-services", "--cluster", "shop", "--services", "web");
            assertThat(services.path("services").get(0).path("desiredCount").asInt()).isEqualTo(2);
            assertThat(services.path("services").get(0).path("runningCount").asInt()).isEqualTo(2);

            List<String> arns = new ArrayList<>();
            aws(endpoint, "list-tasks", "--cluster", "shop", "--service-name", "web").path("taskArns")
                    .forEach(a -> arns.add(a.asText()));
            assertThat(arns).hasSize(2);
            List<String> command = new ArrayList<>(List.of("describe-tasks", "--cluster", "shop", "--tasks"));
            command.addAll(arns);
            JsonNode tasks = aws(endpoint, command.toArray(String[]::new));
            assertThat(tasks.path("tasks")).hasSize(2);
            for (JsonNode task : tasks.path("tasks")) {
                assertThat(task.path("lastStatus").asText()).isEqualTo("RUNNING");
                assertThat(task.path("desiredStatus").asText()).isEqualTo("RUNNING");
                String runtimeId = task.path("containers").get(0).path("runtimeId").asText();
                // The real container: Docker knows it by that id, running.
                assertThat(ENGINE.client().inspectContainerCmd(runtimeId).exec().getState().getRunning()).isTrue();
            }

            JsonNode instances = aws(endpoint, "list-container-instances", "--cluster", "shop");
            assertThat(instances.path("containerInstanceArns")).hasSize(1);

            // Task definitions: the run's own is web:1; a registered one is the family's next revision.
            assertThat(aws(endpoint, "list-task-definitions").path("taskDefinitionArns").toString())
                    .isEqualTo("[\"arn:aws:ecs:local:000000000000:task-definition/web:1\"]");
            Path v2 = dir.resolve("web-v2.json");
            Files.writeString(v2, """
                    {"family": "web", "containerDefinitions": [
                      {"name": "app", "image": "%s", "memory": 16, "stopTimeout": 2,
                       "command": ["sleep", "3601"], "healthCheck": {"command": ["CMD-SHELL", "true"],
                       "interval": 5, "timeout": 2, "retries": 1}}],
                     "tags": [{"key": "release", "value": "2"}]}
                    """.formatted(BusyboxImage.NAME));
            JsonNode registered = aws(endpoint, "register-task-definition", "--cli-input-json", "file://" + v2);
            assertThat(registered.path("taskDefinition").path("taskDefinitionArn").asText())
                    .isEqualTo("arn:aws:ecs:local:000000000000:task-definition/web:2");
            assertThat(registered.path("taskDefinition").path("status").asText()).isEqualTo("ACTIVE");
            JsonNode described = aws(endpoint, "describe-task-definition", "--task-definition", "web",
                    "--include", "TAGS");
            assertThat(described.path("taskDefinition").path("revision").asInt()).isEqualTo(2);
            assertThat(described.path("tags").get(0).path("value").asText()).isEqualTo("2");
            assertThat(aws(endpoint, "list-task-definition-families").path("families").toString())
                    .isEqualTo("[\"web\"]");
            ExternalTool.Run noImage = awsRun(endpoint, "register-task-definition", "--family", "web",
                    "--container-definitions", "[{\"name\": \"app\", \"memory\": 16}]");
            assertThat(noImage.exitCode()).isNotZero();
            assertThat(noImage.output()).contains("ClientException")
                    .contains("Container.image should not be null or empty.");

            // StopTask: stopped by the agent's rules with ECS's reason; the waiter sees it STOPPED.
            JsonNode stopping = aws(endpoint, "stop-task", "--cluster", "shop", "--task", arns.get(0));
            assertThat(stopping.path("task").path("desiredStatus").asText()).isEqualTo("STOPPED");
            ExternalTool.Run stoppedWait = awsRun(endpoint, 180, "wait", "tasks-stopped", "--cluster", "shop",
                    "--tasks", arns.get(0));
            assertThat(stoppedWait.exitCode()).as(stoppedWait.output()).isZero();
            JsonNode stopped = aws(endpoint, "describe-tasks", "--cluster", "shop", "--tasks", arns.get(0))
                    .path("tasks").get(0);
            assertThat(stopped.path("lastStatus").asText()).isEqualTo("STOPPED");
            assertThat(stopped.path("stoppedReason").asText()).isEqualTo("Task stopped by user");
            assertThat(stopped.path("stopCode").asText()).isEqualTo("UserInitiated");

            // UpdateService --task-definition: a rolling deployment of real containers within 50..100 %.
            JsonNode rolling = aws(endpoint, "update-service", "--cluster", "shop", "--service", "web",
                    "--task-definition", "web:2", "--deployment-configuration",
                    "minimumHealthyPercent=50,maximumPercent=100").path("service");
            assertThat(rolling.path("taskDefinition").asText()).endsWith("task-definition/web:2");
            assertThat(rolling.path("deployments").get(0).path("status").asText()).isEqualTo("PRIMARY");
            assertThat(rolling.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("IN_PROGRESS");
            ExternalTool.Run rolled = awsRun(endpoint, 300, "wait", "services-stable", "--cluster", "shop",
                    "--services", "web");
            assertThat(rolled.exitCode()).as(rolled.output()).isZero();
            JsonNode after = aws(endpoint, "describe-services", "--cluster", "shop", "--services", "web")
                    .path("services").get(0);
            assertThat(after.path("deployments")).as(after.toString()).hasSize(1);
            assertThat(after.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("COMPLETED");
            assertThat(after.path("deployments").get(0).path("taskDefinition").asText()).endsWith("web:2");
            assertThat(after.path("runningCount").asInt()).isEqualTo(2);
            assertThat(after.path("events").toString()).contains("deployment completed.");
            List<String> rolledArns = new ArrayList<>();
            aws(endpoint, "list-tasks", "--cluster", "shop", "--service-name", "web").path("taskArns")
                    .forEach(a -> rolledArns.add(a.asText()));
            assertThat(rolledArns).hasSize(2).doesNotContainAnyElementsOf(arns);
            List<String> describeNew = new ArrayList<>(List.of("describe-tasks", "--cluster", "shop", "--tasks"));
            describeNew.addAll(rolledArns);
            for (JsonNode task : aws(endpoint, describeNew.toArray(String[]::new)).path("tasks")) {
                assertThat(task.path("taskDefinitionArn").asText()).endsWith("task-definition/web:2");
                assertThat(task.path("lastStatus").asText()).isEqualTo("RUNNING");
                String runtimeId = task.path("containers").get(0).path("runtimeId").asText();
                assertThat(ENGINE.client().inspectContainerCmd(runtimeId).exec().getConfig().getCmd())
                        .containsExactly("sleep", "3601");
            }
            JsonNode oldTask = aws(endpoint, "describe-tasks", "--cluster", "shop", "--tasks", arns.get(1))
                    .path("tasks").get(0);
            assertThat(oldTask.path("lastStatus").asText()).isEqualTo("STOPPED");
            assertThat(oldTask.path("stoppedReason").asText())
                    .startsWith("Scaling activity initiated by (deployment ecs-svc/");

            // UpdateService --desired-count through the agent's scheduler; services-stable returns.
            JsonNode updated = aws(endpoint, "update-service", "--cluster", "shop", "--service", "web",
                    "--desired-count", "1");
            assertThat(updated.path("service").path("desiredCount").asInt()).isEqualTo(1);
            ExternalTool.Run stable = awsRun(endpoint, 300, "wait", "services-stable", "--cluster", "shop",
                    "--services", "web");
            assertThat(stable.exitCode()).as(stable.output()).isZero();
            JsonNode web = aws(endpoint, "describe-services", "--cluster", "shop", "--services", "web")
                    .path("services").get(0);
            assertThat(web.path("runningCount").asInt()).as(web.toString()).isEqualTo(1);
            assertThat(aws(endpoint, "list-tasks", "--cluster", "shop", "--service-name", "web").path("taskArns"))
                    .hasSize(1);

            ExternalTool.Run missing = awsRun(endpoint, "list-tasks", "--cluster", "nope");
            assertThat(missing.exitCode()).isNotZero();
            assertThat(missing.output()).contains("ClusterNotFoundException").contains("Cluster not found.");

            // CreateService of a registered revision on the design's cluster: real containers by the agent's rules.
            JsonNode api = aws(endpoint, "create-service", "--cluster", "shop", "--service-name", "api",
                    "--task-definition", "web:2", "--desired-count", "2").path("service");
            assertThat(api.path("status").asText()).isEqualTo("ACTIVE");
            ExternalTool.Run apiStable = awsRun(endpoint, 300, "wait", "services-stable", "--cluster", "shop",
                    "--services", "api");
            assertThat(apiStable.exitCode()).as(apiStable.output()).isZero();
            List<String> apiTasks = new ArrayList<>();
            aws(endpoint, "list-tasks", "--cluster", "shop", "--service-name", "api").path("taskArns")
                    .forEach(a -> apiTasks.add(a.asText()));
            assertThat(apiTasks).hasSize(2);
            List<String> describeApi = new ArrayList<>(List.of("describe-tasks", "--cluster", "shop", "--tasks"));
            describeApi.addAll(apiTasks);
            for (JsonNode task : aws(endpoint, describeApi.toArray(String[]::new)).path("tasks")) {
                assertThat(task.path("lastStatus").asText()).isEqualTo("RUNNING");
                assertThat(task.path("group").asText()).isEqualTo("service:api");
                String runtimeId = task.path("containers").get(0).path("runtimeId").asText();
                assertThat(ENGINE.client().inspectContainerCmd(runtimeId).exec().getState().getRunning()).isTrue();
            }

            // RunTask: a standalone task of the registered revision.
            JsonNode ran = aws(endpoint, "run-task", "--cluster", "shop", "--task-definition", "web:2");
            assertThat(ran.path("tasks")).hasSize(1);
            String ranArn = ran.path("tasks").get(0).path("taskArn").asText();
            ExternalTool.Run ranRunning = awsRun(endpoint, 180, "wait", "tasks-running", "--cluster", "shop",
                    "--tasks", ranArn);
            assertThat(ranRunning.exitCode()).as(ranRunning.output()).isZero();

            // DeleteService: refused while scaled above 0, then --force; the waiter sees it INACTIVE.
            ExternalTool.Run notScaledDown = awsRun(endpoint, "delete-service", "--cluster", "shop", "--service",
                    "api");
            assertThat(notScaledDown.output()).contains("InvalidParameterException")
                    .contains("The service cannot be stopped while it is scaled above 0.");
            assertThat(aws(endpoint, "delete-service", "--cluster", "shop", "--service", "api", "--force")
                    .path("service").path("status").asText()).isEqualTo("DRAINING");
            ExternalTool.Run inactive = awsRun(endpoint, 180, "wait", "services-inactive", "--cluster", "shop",
                    "--services", "api");
            assertThat(inactive.exitCode()).as(inactive.output()).isZero();
            assertThat(aws(endpoint, "list-services", "--cluster", "shop").path("serviceArns").toString())
                    .isEqualTo("[\"arn:aws:ecs:local:000000000000:service/shop/web\"]");
            for (String arn : apiTasks) {
                assertThat(aws(endpoint, "describe-tasks", "--cluster", "shop", "--tasks", arn).path("tasks").get(0)
                        .path("lastStatus").asText()).isEqualTo("STOPPED");
            }

            // CreateCluster: an empty cluster.
            assertThat(aws(endpoint, "create-cluster", "--cluster-name", "empty").path("cluster")
                    .path("clusterArn").asText()).isEqualTo("arn:aws:ecs:local:000000000000:cluster/empty");
            assertThat(aws(endpoint, "list-clusters").path("clusterArns")).hasSize(2);

            ExternalTool.Run unsupported = awsRun(endpoint, "list-attributes", "--cluster", "shop",
                    "--target-type", "container-instance");
            assertThat(unsupported.exitCode()).isNotZero();
            assertThat(unsupported.output()).contains("UnsupportedFeatureException")
                    .contains("does not serve ListAttributes");
        } finally {
            CliRun.of("down", design.toString());
        }
    }

    private static JsonNode aws(String endpoint, String... args) throws Exception {
        ExternalTool.Run run = awsRun(endpoint, args);
        assertThat(run.exitCode()).as(run.output()).isZero();
        return JSON.readTree(run.output());
    }

    private static ExternalTool.Run awsRun(String endpoint, String... args) throws Exception {
        return awsRun(endpoint, 60, args);
    }

    private static ExternalTool.Run awsRun(String endpoint, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
                "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "aws", "ecs"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"));
        return ExternalTool.run(null, timeoutSeconds, command);
    }
}
