package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Container;
import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.AgentHome;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's agent killed with SIGKILL mid-run: the next {@code ps} starts an agent again, which takes the run over
 * from its record and Docker's labels: the surviving tasks keep their containers (same Docker ids, none made twice),
 * a container that exited while nobody watched is handled on adoption (its task stopped, the service replaces it),
 * a later essential exit is handled too, and a container's metadata URI answers Stowage's JSON again.
 */
@Tag("docker")
class AgentAdoptionTest {
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
    void psAfterTheAgentWasKilledStartsOneThatAdoptsTheRunWithoutMakingAContainerTwice(@TempDir Path dir)
            throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("adopt.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "adoption",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [
                     {"id": "steady", "service": {"serviceName": "steady", "taskDefinition": "steady", "desiredCount": 1}},
                     {"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [
                   {"family": "steady", "containerDefinitions": [
                     {"name": "app", "image": "%1$s", "memory": 16, "stopTimeout": 1, "command": ["sleep", "3600"]},
                     {"name": "side", "image": "%1$s", "memory": 16, "essential": false, "stopTimeout": 1,
                      "command": ["sleep", "3600"]}]},
                   {"family": "web", "containerDefinitions": [
                     {"name": "app", "image": "%1$s", "memory": 16, "stopTimeout": 1, "command": ["sleep", "3600"]}]}]}
                """.formatted(BusyboxImage.NAME));
        String key = LocalEngine.designKey("adoption", design);
        try {
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.95",
                    design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            JsonNode started = ps(design).json();
            String steadyArn = running(started, "service:steady").get(0).path("taskArn").asText();
            JsonNode web = running(started, "service:web").get(0);
            String webArn = web.path("taskArn").asText();
            String webApp = container(web, "app").path("runtimeId").asText();
            List<Container> before = containers(key);

            ProcessHandle agent = ProcessHandle.of(agentPid()).orElseThrow();
            agent.destroyForcibly(); // SIGKILL: no shutdown hook, the run is left as it was
            agent.onExit().get(30, TimeUnit.SECONDS);
            // While nobody watches, web's essential container is killed.
            ENGINE.client().killContainerCmd(webApp).exec();
            ENGINE.client().waitContainerCmd(webApp).start().awaitStatusCode(30, TimeUnit.SECONDS);

            // The next ps starts an agent, which takes the run over and says so; no unsupervised warning.
            Ps adopted = ps(design);
            long newPid = agentPid();
            assertThat(newPid).isNotEqualTo(agent.pid());
            assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
            assertThat(adopted.err()).contains("the process that kept this run (pid " + agent.pid() + ") had ended")
                    .contains("has taken it over").doesNotContain("nothing supervises");

            // The surviving containers are the same ones; the killed one stopped its task, and only the
            // service's replacement is new.
            JsonNode afterAdoption = awaitPs(design, ps -> task(ps, webArn).path("lastStatus").asText().equals("STOPPED")
                    && !running(ps, "service:web").isEmpty());
            JsonNode stoppedWeb = task(afterAdoption, webArn);
            assertThat(stoppedWeb.path("stoppedReason").asText()).isEqualTo("Essential container in task exited");
            assertThat(stoppedWeb.path("stopCode").asText()).isEqualTo("EssentialContainerExited");
            assertThat(stoppedWeb.path("desiredStatus").asText()).isEqualTo("STOPPED");
            assertThat(container(stoppedWeb, "app").path("exitCode").asInt()).isEqualTo(137);
            JsonNode steady = task(afterAdoption, steadyArn);
            assertThat(steady.path("lastStatus").asText()).isEqualTo("RUNNING");
            assertThat(container(steady, "app").path("runtimeId").asText())
                    .isEqualTo(container(task(started, steadyArn), "app").path("runtimeId").asText());
            List<Container> after = containers(key);
            Set<String> beforeIds = new HashSet<>(before.stream().map(Container::getId).toList());
            assertThat(after.stream().map(Container::getId).toList()).containsAll(beforeIds);
            List<Container> made = after.stream().filter(c -> !beforeIds.contains(c.getId())).toList();
            String replacementArn = running(afterAdoption, "service:web").get(0).path("taskArn").asText();
            assertThat(made).as("only the replacement's container is new").hasSize(1)
                    .allMatch(c -> replacementArn.equals(c.getLabels().get("com.amazonaws.ecs.task-arn")));
            List<String> names = after.stream().map(c -> c.getNames()[0]).toList();
            assertThat(new HashSet<>(names)).as("no duplicate names").hasSameSizeAs(names);
            List<String> arns = new ArrayList<>();
            afterAdoption.path("tasks").forEach(t -> arns.add(t.path("taskArn").asText()));
            assertThat(arns).hasSize(3).doesNotHaveDuplicates();

            // The adopted agent serves the metadata URI the surviving container was made with.
            String steadyApp = container(steady, "app").path("runtimeId").asText();
            var metadata = ContainerShell.sh(ENGINE.client(), steadyApp, "wget -qO- $ECS_CONTAINER_METADATA_URI_V4/task");
            assertThat(metadata.exitCode()).as(metadata.stderr()).isZero();
            JsonNode served = JSON.readTree(metadata.stdout());
            assertThat(served.path("TaskARN").asText()).isEqualTo(steadyArn);
            assertThat(served.path("KnownStatus").asText()).isEqualTo("RUNNING");
            assertThat(served.path("Containers").findValuesAsText("DockerId")).contains(steadyApp);

            // A later essential exit is handled by the adopted agent too.
            String replacementApp = container(running(afterAdoption, "service:web").get(0), "app")
                    .path("runtimeId").asText();
            ENGINE.client().killContainerCmd(replacementApp).exec();
            JsonNode later = awaitPs(design, ps -> task(ps, replacementArn).path("lastStatus").asText().equals("STOPPED")
                    && running(ps, "service:web").stream().noneMatch(t -> t.path("taskArn").asText().equals(replacementArn))
                    && !running(ps, "service:web").isEmpty());
            assertThat(task(later, replacementArn).path("stopCode").asText()).isEqualTo("EssentialContainerExited");
            assertThat(ps(design).err()).isEmpty();

            CliRun down = CliRun.of("down", design.toString());
            assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
            ProcessHandle newAgent = ProcessHandle.of(newPid).orElse(null);
            if (newAgent != null) {
                newAgent.onExit().get(30, TimeUnit.SECONDS);
            }
            assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(containers(key)).isEmpty();
            assertThat(ENGINE.client().listNetworksCmd().exec()).noneMatch(n -> n.getName().contains(key));
            assertThat(CliRun.of("agent", "status").out().trim()).isEqualTo("no agent running");
        } finally {
            CliRun.of("down", design.toString());
        }
    }

    @Test
    void agentStatusAndUpTakeOverARunWhoseAgentWasKilled(@TempDir Path dir) throws Exception {
        BusyboxImage.ensure(ENGINE.client());
        Path design = dir.resolve("again.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "adoption-again",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [{"family": "web", "containerDefinitions": [
                   {"name": "app", "image": "%s", "memory": 16, "stopTimeout": 1, "command": ["sleep", "3600"]}]}]}
                """.formatted(BusyboxImage.NAME));
        String key = LocalEngine.designKey("adoption-again", design);
        try {
            assertThat(CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.96",
                    design.toString()).exitCode()).isZero();
            Set<String> ids = new HashSet<>(containers(key).stream().map(Container::getId).toList());
            ProcessHandle first = ProcessHandle.of(agentPid()).orElseThrow();
            first.destroyForcibly();
            first.onExit().get(30, TimeUnit.SECONDS);

            // agent status takes the killed agent's run over before it reports.
            CliRun status = CliRun.of("agent", "status");
            assertThat(status.err()).contains("the process that kept this run (pid " + first.pid() + ") had ended");
            assertThat(status.out()).contains("holding 1 run").contains("adoption-again");
            ProcessHandle second = ProcessHandle.of(agentPid()).orElseThrow();
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(new HashSet<>(containers(key).stream().map(Container::getId).toList())).isEqualTo(ids);
            second.destroyForcibly();
            second.onExit().get(30, TimeUnit.SECONDS);

            // So does up --detach of the design: the run is taken over, not started afresh.
            CliRun up = CliRun.of("up", "--detach", "--pull", "prefer-cached", "--instance-addresses", "127.0.96",
                    design.toString());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(up.err()).contains("the process that kept this run (pid " + second.pid() + ") had ended");
            assertThat(up.out()).contains("the agent keeps the design's run");
            assertThat(new HashSet<>(containers(key).stream().map(Container::getId).toList())).isEqualTo(ids);
            long third = agentPid();
            assertThat(ps(design).err()).isEmpty();

            assertThat(CliRun.of("down", design.toString()).exitCode()).isZero();
            ProcessHandle.of(third).ifPresent(p -> {
                try {
                    p.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the agent did not end after down", e);
                }
            });
            assertThat(containers(key)).isEmpty();
            assertThat(CliRun.of("agent", "status").out().trim()).isEqualTo("no agent running");
        } finally {
            CliRun.of("down", design.toString());
        }
    }

    private static List<Container> containers(String key) {
        return ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", key)).exec();
    }

    private long agentPid() throws Exception {
        Path file = home.resolve("agent").resolve("agent.json");
        return JSON.readTree(file.toFile()).path("pid").asLong();
    }

    private record Ps(JsonNode json, String err) {
    }

    private static Ps ps(Path design) throws Exception {
        CliRun ps = CliRun.of("ps", "--json", design.toString());
        assertThat(ps.exitCode()).as(ps.err()).isZero();
        return new Ps(JSON.readTree(ps.out()), ps.err());
    }

    /** Waits until {@code ps --json} satisfies {@code wanted}, looking again as the agent writes the record. */
    private JsonNode awaitPs(Path design, Predicate<JsonNode> wanted) throws Exception {
        Path runs = home.resolve("runs");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        try (WatchService watch = runs.getFileSystem().newWatchService()) {
            runs.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            JsonNode ps = ps(design).json();
            while (!wanted.test(ps)) {
                assertThat(Instant.now()).as("ps --json never showed it; last: %s", ps).isBefore(deadline);
                var event = watch.poll(1, TimeUnit.SECONDS);
                if (event != null) {
                    event.pollEvents();
                    event.reset();
                }
                ps = ps(design).json();
            }
            return ps;
        }
    }

    private static List<JsonNode> running(JsonNode ps, String group) {
        List<JsonNode> out = new ArrayList<>();
        ps.path("tasks").forEach(t -> {
            if (group.equals(t.path("group").asText()) && "RUNNING".equals(t.path("lastStatus").asText())) {
                out.add(t);
            }
        });
        return out;
    }

    private static JsonNode task(JsonNode ps, String arn) {
        for (JsonNode t : ps.path("tasks")) {
            if (arn.equals(t.path("taskArn").asText())) {
                return t;
            }
        }
        return JSON.createObjectNode();
    }

    private static JsonNode container(JsonNode task, String name) {
        for (JsonNode c : task.path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        return JSON.createObjectNode();
    }
}
