package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.TaskMetadata;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata and credentials handler over real HTTP on the loopback, against the agent's shapes: members in Go's
 * field order with its omitempty rules, its status codes and error bodies. (From inside containers, at
 * 169.254.170.2: {@link EndpointsFromContainersTest}.)
 */
class MetadataHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00.123456789Z");
    private static final Instant EXPIRES = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/tmds/0123456789abcdef0123456789abcdef";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private HttpServer server;
    private CredentialsStore credentials;

    @BeforeEach
    void serve() throws Exception {
        RoleAssumer sts = new RoleAssumer() {
            @Override
            public RoleCredentials assume(String roleArn, String sessionName, Duration duration) {
                return new RoleCredentials(roleArn, "ASIAEXAMPLE", "secret", "token", EXPIRES);
            }

            @Override
            public Optional<RoleCredentials> userCredentials() {
                return Optional.empty();
            }
        };
        credentials = new CredentialsStore(sts, timer, Clock.systemUTC(), Duration.ofHours(1));
        credentials.serve(new TaskEndpoints.RoleRequest("cred-1", TASK_ARN, "arn:aws:iam::123456789012:role/app",
                "0123", false), r -> { });
        TaskMetadata task = task();
        TaskDirectory directory = new TaskDirectory() {
            @Override
            public Optional<TaskMetadata> byEndpointId(String endpointId) {
                return task.containerByEndpointId(endpointId).map(c -> task);
            }

            @Override
            public List<TaskMetadata> tasks() {
                return List.of(task);
            }

            @Override
            public Optional<String> stats(String dockerId, String dockerName) {
                return Optional.empty();
            }
        };
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new MetadataHandler(directory, credentials));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        timer.shutdownNow();
    }

    private static TaskMetadata task() {
        TaskState state = new TaskState(TASK_ARN, "tmds", "family:web", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
                "arn:aws:ecs:us-east-1:123456789012:container-instance/tmds/i-1", "i-1", "us-east-1a", "EC2",
                TaskStatus.RUNNING, TaskStatus.RUNNING, null, null, null, CREATED, CREATED, null, List.of());
        ContainerMetadata web = new ContainerMetadata("web", "meta-1", "d0cker1d", "ecs-web-3-web-abc", "nginx:1",
                "sha256:feed", Map.of("com.amazonaws.ecs.task-arn", TASK_ARN, "io.stowage.credentials-id", "cred-1",
                "team", "a"), "RUNNING", "RUNNING", null, 256, 128, CREATED, CREATED, null, ContainerMetadata.NORMAL,
                HealthStatus.HEALTHY, CREATED, List.of(new NetworkBinding("127.0.1.1", 80, 49153, "tcp")),
                List.of(new ContainerMetadata.Network("stowage-x", List.of("172.18.0.5"), null, null, null)), List.of(),
                "json-file", Map.of(), "arn:aws:ecs:us-east-1:123456789012:container/tmds/0123/web", null);
        return new TaskMetadata(state, "web", "3", "RUNNING", "RUNNING", 0.5, 512L, CREATED, CREATED, null, null,
                "bridge", "127.0.1.1", "arn:aws:iam::123456789012:role/app", null, "cred-1", List.of(web), Map.of(),
                Map.of());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> members(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void v4ContainerAndTaskHaveTheAgentsMembersInItsOrder() throws Exception {
        var response = get("/v4/meta-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode c = JSON.readTree(response.body());
        assertThat(members(c)).containsExactly("DockerId", "Name", "DockerName", "Image", "ImageID", "Ports", "Labels",
                "DesiredStatus", "KnownStatus", "Limits", "CreatedAt", "StartedAt", "Type", "Health", "LogDriver",
                "ContainerARN", "Networks");
        assertThat(c.path("Labels").has("io.stowage.credentials-id")).as("Stowage's own labels are not the agent's")
                .isFalse();
        assertThat(c.path("Labels").path("team").asText()).isEqualTo("a");
        assertThat(c.path("Limits").path("CPU").asDouble()).isEqualTo(256.0);
        assertThat(c.path("CreatedAt").asText()).isEqualTo("2026-12-01T10:00:00.123456789Z");
        assertThat(c.path("Health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(c.path("Ports").get(0).path("HostIp").asText()).isEqualTo("127.0.1.1");

        JsonNode t = JSON.readTree(get("/v4/meta-1/task").body());
        assertThat(members(t)).containsExactly("Cluster", "TaskARN", "Family", "Revision", "DesiredStatus",
                "KnownStatus", "Limits", "PullStartedAt", "PullStoppedAt", "AvailabilityZone", "LaunchType",
                "Containers", "FaultInjectionEnabled");
        assertThat(t.toString()).doesNotContain("cred-1", "Credentials");
        assertThat(t.path("Limits").path("CPU").asDouble()).isEqualTo(0.5);
        assertThat(t.path("Limits").path("Memory").asLong()).isEqualTo(512);
    }

    @Test
    void v3IsTheV2ShapeWithoutTheV4Members() throws Exception {
        JsonNode c = JSON.readTree(get("/v3/meta-1").body());
        assertThat(c.has("ContainerARN")).isFalse();
        assertThat(c.has("LogDriver")).isFalse();
        assertThat(c.has("Networks")).as("v3 names an awsvpc task's ENI only").isFalse();
        assertThat(c.path("Ports").get(0).has("HostIp")).isFalse();
        JsonNode t = JSON.readTree(get("/v3/meta-1/task").body());
        assertThat(members(t)).containsExactly("Cluster", "TaskARN", "Family", "Revision", "DesiredStatus",
                "KnownStatus", "Containers", "Limits", "PullStartedAt", "PullStoppedAt", "AvailabilityZone");
    }

    @Test
    void unknownIdsGetTheAgentsStatusAndWords() throws Exception {
        var v4 = get("/v4/nope");
        assertThat(v4.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(v4.body()).asText()).isEqualTo("V4 container metadata handler: unable to get "
                + "container ID from request: unable to get docker ID from v3 endpoint ID: nope");
        assertThat(get("/v3/nope").statusCode()).isEqualTo(500);
        assertThat(get("/v4/nope/task").statusCode()).isEqualTo(404);
        var stats = get("/v4/meta-1/stats");
        assertThat(stats.statusCode()).as("no reading yet").isEqualTo(500);
        var other = get("/latest/meta-data/");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void credentialsOnlyToWhoeverKnowsTheTasksId() throws Exception {
        var ok = get("/v2/credentials/cred-1");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode c = JSON.readTree(ok.body());
        assertThat(members(c)).containsExactly("RoleArn", "AccessKeyId", "SecretAccessKey", "Token", "Expiration");
        assertThat(c.path("Expiration").asText()).isEqualTo(EXPIRES.toString());
        assertThat(get("/v1/credentials?id=cred-1").statusCode()).isEqualTo(200);

        var unknown = get("/v2/credentials/cred-2");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"code\":\"InvalidIdInRequest\",\"message\":\"CredentialsV2Request: "
                + "Credentials not found\",\"HTTPErrorCode\":400}");
        var none = get("/v1/credentials");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("\"code\":\"NoIdInRequest\"", "CredentialsV1Request: ");

        credentials.stop("cred-1");
        assertThat(get("/v2/credentials/cred-1").statusCode()).isEqualTo(400);
    }
}
