package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.AgentHome;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stowage up --detach} hands the run to the user's agent process, which supervises it after the command has
 * returned: an essential container's exit stops its task and the service replaces it, a restart policy restarts a
 * container in place; {@code down} ends the run and the agent. The agent is controlled only with its token.
 */
@Tag("docker")
class AgentProcessTest {
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
    void aDetachedRunIsSupervisedByTheAgentUntilDown(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("agent.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "agentrun",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [
                     {"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}},
                     {"id": "keeper", "service": {"serviceName": "keeper", "taskDefinition": "keeper", "desiredCount": 1}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [
                     {"name": "side", "image": "%1$s", "memory": 32, "essential": false, "stopTimeout": 2},
                     {"name": "app", "image": "%2$s", "memory": 16, "stopTimeout": 2,
                      "command": ["sh", "-c", "sleep 4; exit 3"]}]},
                   {"family": "keeper", "containerDefinitions": [
                     {"name": "flaky", "image": "%2$s", "memory": 16, "stopTimeout": 2,
                      "command": ["sh", "-c", "sleep 2; exit 1"],
                      "restartPolicy": {"enabled": true, "restartAttemptPeriod": 1}}]}]}
                """.formatted(TestImages.HTTP, BusyboxImage.NAME));
        String key = LocalEngine.designKey("agentrun", design);
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.91",
                    design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.outLines()).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} RUNNING"))
                    .last().asString().startsWith("2 tasks running; stowage ps ");

            // The agent's files: its token readable by this user alone.
            Path agentDir = home.resolve("agent");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir.resolve("agent.json"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(agentDir.resolve("agent.log"))))
                    .isEqualTo("rw-------");
            JsonNode info = agentJson();
            long pid = info.path("pid").asLong();
            ProcessHandle agent = ProcessHandle.of(pid).orElseThrow();
            assertThat(agent.isAlive()).isTrue();

            // Without the token (or with another) the agent refuses.
            HttpClient http = HttpClient.newHttpClient();
            URI status = URI.create("http://127.0.0.1:" + info.path("port").asInt() + "/v1/status");
            assertThat(http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(status).header("Authorization", "Bearer 00").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            // After up returned: the essential exit stops web's task, and the service starts a replacement.
            JsonNode afterExit = awaitPs(design, ps -> {
                boolean stopped = tasks(ps, "service:web").stream().anyMatch(t ->
                        "STOPPED".equals(t.path("lastStatus").asText())
                                && "Essential container in task exited".equals(t.path("stoppedReason").asText())
                                && "EssentialContainerExited".equals(t.path("stopCode").asText())
                                && "STOPPED".equals(t.path("desiredStatus").asText())
                                && container(t, "app").path("exitCode").asInt() == 3);
                boolean replaced = tasks(ps, "service:web").stream().anyMatch(t ->
                        "RUNNING".equals(t.path("lastStatus").asText()));
                return stopped && replaced;
            });
            assertThat(tasks(afterExit, "service:web")).hasSizeGreaterThanOrEqualTo(2);

            // The restart policy restarts keeper's container in place: same Docker container, counted.
            JsonNode keeperFirst = tasks(CliRunJson.ps(design), "service:keeper").get(0);
            String flakyId = container(keeperFirst, "flaky").path("runtimeId").asText();
            JsonNode restarted = awaitPs(design, ps -> tasks(ps, "service:keeper").stream().anyMatch(t ->
                    container(t, "flaky").path("restartCount").asInt() >= 1));
            JsonNode keeper = tasks(restarted, "service:keeper").stream().filter(t ->
                    container(t, "flaky").path("restartCount").asInt() >= 1).findFirst().orElseThrow();
            assertThat(container(keeper, "flaky").path("runtimeId").asText()).as("%s then %s", keeperFirst, restarted)
                    .isEqualTo(flakyId);
            assertThat(keeper.path("taskArn").asText()).isEqualTo(keeperFirst.path("taskArn").asText());

            CliRun agentStatus = CliRun.of("agent", "status");
            assertThat(agentStatus.out()).contains("agent pid " + pid).contains("holding 1 run")
                    .contains("agentrun (" + design.toAbsolutePath().normalize() + ")");

            CliRun down = CliRun.of("down", design.toString());
            assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
            // The agent held nothing else: it has ended, and nothing of the run is left.
            agent.onExit().get(30, TimeUnit.SECONDS);
            assertThat(agent.isAlive()).isFalse();
            assertThat(Files.exists(agentDir.resolve("agent.json"))).isFalse();
            assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
            assertThat(ENGINE.client().listNetworksCmd().exec()).noneMatch(n -> n.getName().contains(key));
            assertThat(CliRun.of("agent", "status").out().trim()).isEqualTo("no agent running");
        } finally {
            CliRun.of("down", design.toString());
        }
    }

    @Test
    void oneAgentHoldsSeveralDesignsAndAgentStopEndsThemAll(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Path a = dir.resolve("a.stowage.json");
        Path b = dir.resolve("b.stowage.json");
        Files.writeString(a, webDesign("agent-a"));
        Files.writeString(b, webDesign("agent-b"));
        try {
            assertThat(CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.92",
                    a.toString()).exitCode()).isZero();
            long pid = agentJson().path("pid").asLong();
            assertThat(CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.93",
                    b.toString()).exitCode()).isZero();
            assertThat(agentJson().path("pid").asLong()).isEqualTo(pid);
            JsonNode status = JSON.readTree(CliRun.of("agent", "status", "--json").out());
            assertThat(status.path("running").asBoolean()).isTrue();
            assertThat(status.path("pid").asLong()).isEqualTo(pid);
            assertThat(status.path("runs")).hasSize(2);
            assertThat(status.path("runs").findValuesAsText("design")).containsExactlyInAnyOrder("agent-a", "agent-b");

            CliRun stop = CliRun.of("agent", "stop");
            assertThat(stop.out()).startsWith("stopped the agent (pid " + pid + ") and its 2 runs: removed 2 containers");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            for (Path design : List.of(a, b)) {
                String key = LocalEngine.designKey(design.getFileName().toString().startsWith("a") ? "agent-a"
                        : "agent-b", design);
                assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
            }
        } finally {
            CliRun.of("down", a.toString());
            CliRun.of("down", b.toString());
        }
    }

    private static String webDesign(String name) {
        return """
                {"formatVersion": 1, "name": "%s",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [
                   {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2}]}]}
                """.formatted(name, TestImages.HTTP);
    }

    private JsonNode agentJson() throws Exception {
        Path file = home.resolve("agent").resolve("agent.json");
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    /**
     * Waits until {@code ps --json} satisfies {@code wanted}, looking again each time the agent writes the run's
     * record (a file event in the runs folder), for at most two minutes.
     */
    private JsonNode awaitPs(Path design, Predicate<JsonNode> wanted) throws Exception {
        Path runs = home.resolve("runs");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        try (WatchService watch = runs.getFileSystem().newWatchService()) {
            runs.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            JsonNode ps = CliRunJson.ps(design);
            while (!wanted.test(ps)) {
                assertThat(Instant.now()).as("ps --json never showed it; last: %s", ps).isBefore(deadline);
                // The record is written on every change; Docker's own state (what ps lays it over) may change
                // without one, so a quiet second looks again too.
                var event = watch.poll(1, TimeUnit.SECONDS);
                if (event != null) {
                    event.pollEvents();
                    event.reset();
                }
                ps = CliRunJson.ps(design);
            }
            return ps;
        }
    }

    private static List<JsonNode> tasks(JsonNode ps, String group) {
        List<JsonNode> out = new ArrayList<>();
        ps.path("tasks").forEach(t -> {
            if (group.equals(t.path("group").asText())) {
                out.add(t);
            }
        });
        return out;
    }

    private static JsonNode container(JsonNode task, String name) {
        for (JsonNode c : task.path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }

    /** {@code stowage ps --json DESIGN}, read. */
    private static final class CliRunJson {
        static JsonNode ps(Path design) throws Exception {
            CliRun ps = CliRun.of("ps", "--json", design.toString());
            assertThat(ps.exitCode()).as(ps.err()).isZero();
            return JSON.readTree(ps.out());
        }
    }
}
