package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.engine.ecs.StsRoles;
import io.stowage.engine.local.AgentServices;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.TaskRole;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.RecordingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's endpoints as a task's containers see them, from inside busybox containers on the real engine, with
 * task roles assumed on moto's STS. Every answer is checked for Stowage's own JSON (the container's real Docker id,
 * the role's credentials), since something outside the engine answers 169.254.170.2 with 403 when nothing local does.
 */
@Tag("docker")
@Tag("ecs")
class EndpointsFromContainersTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StsRoles roles;
    private static AgentEndpoints endpoints;
    private static LocalEngine engine;
    private static LocalRun run;
    private static Design design;
    private static String key;
    private static final RecordingListener LISTENER = new RecordingListener();

    private static String td(String family, String mode, String role, String extra) {
        return """
                {"family": "%s", "networkMode": "%s", %s
                 "containerDefinitions": [{"name": "app", "image": "%s", "command": ["sleep", "3600"],
                   "cpu": 128, "memory": 64 %s}]}
                """.formatted(family, mode, role == null ? "" : "\"taskRoleArn\": \"" + role + "\",",
                BusyboxImage.NAME, extra);
    }

    @BeforeAll
    static void up() throws Exception {
        ENGINE.client();
        roles = new StsRoles(ECS.settings());
        endpoints = AgentEndpoints.start(roles, AgentEndpoints.Settings.defaults());
        String designJson = """
                {"formatVersion": 1, "name": "endpoints",
                 "clusters": [{"id": "c", "name": "tmds", "instances": [
                   {"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-west-2b"}],
                  "tasks": [
                   {"id": "reader", "run": {"taskDefinition": "reader"}},
                   {"id": "writer", "run": {"taskDefinition": "writer"}},
                   {"id": "plain", "run": {"taskDefinition": "plain"}},
                   {"id": "hosted", "run": {"taskDefinition": "hosted"}},
                   {"id": "vpc", "run": {"taskDefinition": "vpc"}}]}],
                 "taskDefinitions": [%s, %s, %s, %s, %s]}
                """.formatted(
                td("reader", "bridge", "arn:aws:iam::123456789012:role/reader-role",
                        ", \"portMappings\": [{\"containerPort\": 8080}]"),
                td("writer", "bridge", "arn:aws:iam::123456789012:role/writer-role", ""),
                td("plain", "bridge", null, ", \"environment\": [{\"name\": \"AWS_REGION\", \"value\": \"eu-west-1\"}]"),
                td("hosted", "host", "arn:aws:iam::123456789012:role/host-role", ""),
                td("vpc", "awsvpc", "arn:aws:iam::123456789012:role/vpc-role", ""));
        design = DesignFormat.parse("endpoints.stowage.json", designJson).design();
        key = LocalEngine.designKey("endpoints", Path.of("/tmp/stowage-tests/endpoints.stowage.json"));
        engine = new LocalEngine(DockerConnection.fromEnvironment());
        LocalRunOptions options = LocalRunOptions.defaults().withAddresses("127.0.57", "127.0.67")
                .withPullBehavior(PullBehavior.PREFER_CACHED)
                .withAgent(AgentServices.NONE.withEndpoints(endpoints).withRegion("us-east-1"));
        run = engine.up(design, key, options, LISTENER, m -> { });
        LISTENER.await("five tasks RUNNING", TIMEOUT, l -> l.tasks().stream()
                .filter(t -> t.lastStatus() == TaskStatus.RUNNING).count() == 5);
    }

    @AfterAll
    static void down() {
        if (run != null) {
            run.close();
            engine.down(key, design, m -> { });
        }
        if (endpoints != null) {
            endpoints.close();
        }
        if (roles != null) {
            roles.close();
        }
    }

    private static TaskState task(String family) {
        return LISTENER.tasks().stream().filter(t -> family.equals(t.family())).findFirst().orElseThrow();
    }

    private static String container(String family) {
        return task(family).container("app").orElseThrow().runtimeId();
    }

    private static JsonNode fetch(String family, String url) throws Exception {
        var result = ContainerShell.sh(ENGINE.client(), container(family), "wget -qO- " + url);
        assertThat(result.exitCode()).as("wget %s in %s: %s", url, family, result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    @Test
    void aContainerReadsItsOwnV4MetadataWithItsRealDockerIdImagePortsAndLimits() throws Exception {
        String id = container("reader");
        JsonNode self = fetch("reader", "$ECS_CONTAINER_METADATA_URI_V4");
        assertThat(self.path("DockerId").asText()).isEqualTo(id);
        assertThat(self.path("Name").asText()).isEqualTo("app");
        assertThat(self.path("Image").asText()).isEqualTo(BusyboxImage.NAME);
        assertThat(self.path("ImageID").asText()).startsWith("sha256:");
        assertThat(self.path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(self.path("DesiredStatus").asText()).isEqualTo("RUNNING");
        assertThat(self.path("Limits").path("CPU").asDouble()).isEqualTo(128.0);
        assertThat(self.path("Limits").path("Memory").asLong()).isEqualTo(64);
        int hostPort = task("reader").container("app").orElseThrow().networkBindings().get(0).hostPort();
        assertThat(self.path("Ports").get(0).path("ContainerPort").asInt()).isEqualTo(8080);
        assertThat(self.path("Ports").get(0).path("HostPort").asInt()).isEqualTo(hostPort);
        assertThat(self.path("Ports").get(0).path("HostIp").asText()).isEqualTo("127.0.57.1");
        assertThat(self.path("Labels").path("com.amazonaws.ecs.task-arn").asText()).isEqualTo(task("reader").taskArn());
        assertThat(self.path("Networks").get(0).path("IPv4Addresses").get(0).asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(self.path("Type").asText()).isEqualTo("NORMAL");
        assertThat(self.path("CreatedAt").asText()).endsWith("Z");

        JsonNode taskJson = fetch("reader", "$ECS_CONTAINER_METADATA_URI_V4/task");
        assertThat(taskJson.path("TaskARN").asText()).isEqualTo(task("reader").taskArn());
        assertThat(taskJson.path("Cluster").asText()).isEqualTo("tmds");
        assertThat(taskJson.path("Family").asText()).isEqualTo("reader");
        assertThat(taskJson.path("Revision").asText()).isEqualTo("1");
        assertThat(taskJson.path("KnownStatus").asText()).isEqualTo("RUNNING");
        assertThat(taskJson.path("AvailabilityZone").asText()).isEqualTo("us-west-2b");
        assertThat(taskJson.path("LaunchType").asText()).isEqualTo("EC2");
        assertThat(taskJson.path("Containers")).hasSize(1);
        assertThat(taskJson.path("Containers").get(0).path("DockerId").asText()).isEqualTo(id);
        assertThat(taskJson.has("CredentialsID")).isFalse();
        assertThat(taskJson.toString()).doesNotContain(task("reader").role() == null ? "?" : "SecretAccessKey");

        JsonNode v3 = fetch("reader", "$ECS_CONTAINER_METADATA_URI");
        assertThat(v3.path("DockerId").asText()).isEqualTo(id);
        assertThat(v3.has("ContainerARN")).isFalse();
    }

    @Test
    void statsComeFromDockersStats() throws Exception {
        String id = container("reader");
        LISTENER.await("a stats reading", TIMEOUT, l -> !l.metrics(task("reader").taskArn(), "app").isEmpty());
        JsonNode stats = fetch("reader", "$ECS_CONTAINER_METADATA_URI_V4/stats");
        assertThat(stats.path("id").asText()).isEqualTo(id);
        assertThat(stats.path("memory_stats").path("limit").asLong()).isEqualTo(64L * 1048576);
        assertThat(stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()).isPositive();
        JsonNode taskStats = fetch("reader", "$ECS_CONTAINER_METADATA_URI_V4/task/stats");
        assertThat(taskStats.path(id).path("id").asText()).isEqualTo(id);
    }

    @Test
    void eachTaskGetsItsOwnRolesCredentialsAndStsSaysWhoTheyAre() throws Exception {
        JsonNode reader = fetch("reader", "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        JsonNode writer = fetch("writer", "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        assertThat(reader.path("RoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/reader-role");
        assertThat(writer.path("RoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/writer-role");
        assertThat(reader.path("AccessKeyId").asText()).isNotEqualTo(writer.path("AccessKeyId").asText());
        assertThat(reader.path("Expiration").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        assertThat(callerIdentity(reader)).isEqualTo("arn:aws:sts::123456789012:assumed-role/reader-role/"
                + task("reader").taskId());
        assertThat(callerIdentity(writer)).isEqualTo("arn:aws:sts::123456789012:assumed-role/writer-role/"
                + task("writer").taskId());

        LISTENER.await("the reader's role reported served", TIMEOUT, l -> {
            TaskRole role = task("reader").role();
            return role != null && role.status() == TaskRole.Status.ASSUMED && role.lastServedAt() != null;
        });
    }

    private static String callerIdentity(JsonNode credentials) {
        try (StsClient sts = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1).endpointOverride(ECS.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("Token").asText()))).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    @Test
    void aTaskWithoutARoleGetsNoCredentialsVariableAndKeepsItsOwnRegion() {
        var env = ContainerShell.run(ENGINE.client(), container("plain"), "env").stdout();
        assertThat(env).doesNotContain("AWS_CONTAINER_CREDENTIALS").doesNotContain("AWS_ACCESS_KEY_ID")
                .contains("AWS_REGION=eu-west-1").doesNotContain("AWS_DEFAULT_REGION")
                .contains("ECS_CONTAINER_METADATA_URI_V4=http://169.254.170.2/v4/");
        assertThat(task("plain").role()).isNull();
        var reader = ContainerShell.run(ENGINE.client(), container("reader"), "env").stdout();
        assertThat(reader).contains("AWS_REGION=us-west-2", "AWS_DEFAULT_REGION=us-west-2")
                .containsPattern("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/[-0-9a-f]{36}");
    }

    @Test
    void anUnknownCredentialsIdGets400InvalidIdInRequest() {
        var answer = ContainerShell.sh(ENGINE.client(), container("plain"),
                "printf 'GET /v2/credentials/00000000-0000-0000-0000-000000000000 HTTP/1.0\\r\\nHost: 169.254.170.2\\r\\n\\r\\n'"
                        + " | nc 169.254.170.2 80").stdout();
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json")
                .contains("{\"code\":\"InvalidIdInRequest\",\"message\":\"CredentialsV2Request: Credentials not found\","
                        + "\"HTTPErrorCode\":400}");
        var noId = ContainerShell.sh(ENGINE.client(), container("plain"),
                "printf 'GET /v2/credentials/ HTTP/1.0\\r\\n\\r\\n' | nc 169.254.170.2 80").stdout();
        assertThat(noId).startsWith("HTTP/1.1 400").contains("\"code\":\"NoIdInRequest\"");
    }

    @Test
    void hostAndAwsvpcTasksReachTheSameEndpoints() throws Exception {
        for (String family : List.of("hosted", "vpc")) {
            JsonNode self = fetch(family, "$ECS_CONTAINER_METADATA_URI_V4");
            assertThat(self.path("DockerId").asText()).as(family).isEqualTo(container(family));
            JsonNode credentials = fetch(family, "http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
            assertThat(credentials.path("RoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/" +
                    (family.equals("hosted") ? "host-role" : "vpc-role"));
        }
        JsonNode vpc = fetch("vpc", "$ECS_CONTAINER_METADATA_URI_V4/task");
        assertThat(vpc.path("Containers")).hasSize(2);
        JsonNode network = fetch("vpc", "$ECS_CONTAINER_METADATA_URI_V4").path("Networks").get(0);
        assertThat(network.path("NetworkMode").asText()).isEqualTo("awsvpc");
        assertThat(network.path("AttachmentIndex").asInt()).isZero();
        assertThat(network.path("IPv4SubnetCIDRBlock").asText()).contains("/");
    }

    private static JsonNode introspect(String pathAndQuery, int status) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.57.1:"
                + AgentEndpoints.INTROSPECTION_PORT + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void eachInstancesIntrospectionApiSaysWhatItRunsInTheAgentsShapes() throws Exception {
        TaskState reader = task("reader");
        JsonNode metadata = introspect("/v1/metadata", 200);
        assertThat(metadata.path("Cluster").asText()).isEqualTo("tmds");
        assertThat(metadata.path("ContainerInstanceArn").asText()).isEqualTo(reader.containerInstanceArn());
        assertThat(metadata.path("Version").asText()).matches("Amazon ECS Agent - v\\d+\\.\\d+\\.\\d+ \\(stowage\\)");

        JsonNode tasks = introspect("/v1/tasks", 200).path("Tasks");
        assertThat(tasks).hasSize(5);
        assertThat(tasks.findValuesAsText("KnownStatus")).containsOnly("RUNNING");

        JsonNode byDocker = introspect("/v1/tasks?dockerid=" + container("reader").substring(0, 12), 200);
        assertThat(byDocker.path("Arn").asText()).isEqualTo(reader.taskArn());
        assertThat(byDocker.path("Family").asText()).isEqualTo("reader");
        assertThat(byDocker.path("Version").asText()).isEqualTo("1");
        JsonNode app = byDocker.path("Containers").get(0);
        assertThat(app.path("DockerId").asText()).isEqualTo(container("reader"));
        assertThat(app.path("Name").asText()).isEqualTo("app");
        assertThat(app.path("Ports").get(0).path("ContainerPort").asInt()).isEqualTo(8080);

        JsonNode byArn = introspect("/v1/tasks?taskarn=" + task("writer").taskArn(), 200);
        assertThat(byArn.path("Containers").get(0).path("DockerId").asText()).isEqualTo(container("writer"));
        JsonNode vpc = introspect("/v1/tasks?taskarn=" + task("vpc").taskArn(), 200);
        assertThat(vpc.path("Containers")).as("the pause container is the agent's own, not listed").hasSize(1);

        JsonNode unknown = introspect("/v1/tasks?taskarn=arn:aws:ecs:us-west-2:123456789012:task/tmds/0000", 404);
        assertThat(unknown.path("Arn").asText()).isEmpty();
        assertThat(unknown.path("Containers").isNull()).isTrue();
    }
}
