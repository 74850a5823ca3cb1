package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A design run on the real engine: what Docker shows, and how tasks live and die, against the agent's rules. */
@Tag("docker")
class LocalRunTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    private static String design(String name, String instances, String services, String tasks, String taskDefinitions) {
        return """
                {"formatVersion": 1, "name": "%s",
                 "clusters": [{"id": "c", "name": "local-test", "instances": [%s], "services": [%s], "tasks": [%s]}],
                 "taskDefinitions": [%s]}
                """.formatted(name, instances, services, tasks, taskDefinitions);
    }

    private static String instance(String id) {
        return "{\"id\": \"" + id + "\", \"instanceType\": \"t3.medium\", \"availabilityZone\": \"us-east-1a\"}";
    }

    private static InspectContainerResponse inspect(String id) {
        return ENGINE.client().inspectContainerCmd(id).exec();
    }

    @Test
    void dockerInspectShowsTheAgentsMapping(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("a.env"), "# comment\nFROM_FILE=file\nEXPLICIT=from-file\n");
        String td = """
                {"family": "mapping", "networkMode": "bridge",
                 "volumes": [{"name": "data", "host": {"sourcePath": "%s"}}, {"name": "scratch"},
                             {"name": "cache", "dockerVolumeConfiguration": {"scope": "task", "driver": "local"}}],
                 "containerDefinitions": [
                  {"name": "web_app.1", "image": "%s", "cpu": 1, "memory": 8, "memoryReservation": 6,
                   "dockerLabels": {"com.amazonaws.ecs.cluster": "spoofed", "team": "core"},
                   "environment": [{"name": "EXPLICIT", "value": "explicit"}],
                   "environmentFiles": [{"value": "%s", "type": "s3"}],
                   "healthCheck": {"command": ["CMD-SHELL", "true"]},
                   "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": true},
                                   {"sourceVolume": "scratch", "containerPath": "/scratch"},
                                   {"sourceVolume": "cache", "containerPath": "/cache"}]},
                  {"name": "big", "image": "%s", "cpu": 300000, "memory": 64, "essential": false, "stopTimeout": 7,
                   "links": ["web_app.1:web"], "volumesFrom": [{"sourceContainer": "web_app.1", "readOnly": true}]}]}
                """.formatted(data, TestImages.HTTP, data.resolve("a.env"), TestImages.HTTP);
        String bigInstance = "{\"id\": \"i-big\", \"instanceType\": \"x.custom\", \"availabilityZone\": \"us-east-1a\","
                + " \"registeredCpu\": 400000, \"registeredMemoryMiB\": 4096}";
        try (var h = new LocalRunHarness("mapping", design("mapping", bigInstance, "",
                "{\"id\": \"t\", \"run\": {\"taskDefinition\": \"mapping:3\"}}", td), "127.0.31", "127.0.41")) {
            TaskState task = h.awaitTask("the task RUNNING", LocalRunHarness::running);
            InspectContainerResponse web = inspect(task.container("web_app.1").orElseThrow().runtimeId());
            InspectContainerResponse big = inspect(task.container("big").orElseThrow().runtimeId());

            assertThat(web.getName()).matches("/ecs-mapping-3-webapp1-[0-9a-f]{20}");
            assertThat(big.getName()).matches("/ecs-mapping-3-big-[0-9a-f]{20}");
            Map<String, String> labels = web.getConfig().getLabels();
            assertThat(labels).containsEntry("com.amazonaws.ecs.cluster", "local-test")
                    .containsEntry("com.amazonaws.ecs.container-name", "web_app.1")
                    .containsEntry("com.amazonaws.ecs.task-definition-family", "mapping")
                    .containsEntry("com.amazonaws.ecs.task-definition-version", "3")
                    .containsEntry("com.amazonaws.ecs.task-arn", task.taskArn())
                    .containsEntry("team", "core");
            assertThat(web.getHostConfig().getCpuShares()).isEqualTo(2);
            assertThat(big.getHostConfig().getCpuShares()).isEqualTo(262144);
            assertThat(web.getHostConfig().getMemory()).isEqualTo(8L * 1048576);
            assertThat(big.getHostConfig().getMemory()).isEqualTo(64L * 1048576);
            assertThat(web.getHostConfig().getMemoryReservation()).isEqualTo(6L * 1048576);
            var health = web.getConfig().getHealthcheck();
            assertThat(health.getTest()).containsExactly("CMD-SHELL", "true");
            assertThat(health.getInterval()).isEqualTo(30_000_000_000L);
            assertThat(health.getTimeout()).isEqualTo(5_000_000_000L);
            assertThat(health.getRetries()).isEqualTo(3);
            assertThat(web.getHostConfig().getBinds()).extracting(Object::toString).satisfiesExactly(
                    b -> assertThat(b).isEqualTo(data + ":/data:ro"),
                    b -> assertThat(b).matches("ecs-mapping-3-scratch-[0-9a-f]{20}:/scratch:rw"),
                    b -> assertThat(b).matches("ecs-mapping-3-cache-[0-9a-f]{20}:/cache:rw"));
            assertThat(List.of(web.getConfig().getEnv())).contains("EXPLICIT=explicit", "FROM_FILE=file",
                    "AWS_EXECUTION_ENV=AWS_ECS_EC2").anyMatch(e -> e.matches(
                    "ECS_CONTAINER_METADATA_URI_V4=http://169\\.254\\.170\\.2/v4/[-0-9a-f]{36}"));
            // On a user-defined network Docker keeps legacy links on the container's endpoint.
            var endpoint = big.getNetworkSettings().getNetworks().values().iterator().next();
            assertThat(endpoint.getLinks()).extracting(l -> l.getName() + ":" + l.getAlias())
                    .containsExactly(web.getName().substring(1) + ":web");
            assertThat(big.getHostConfig().getVolumesFrom()).extracting(Object::toString)
                    .containsExactly(web.getName().substring(1) + ":ro");
        }
    }

    @Test
    void essentialExitStopsTheTaskAndANonEssentialOneDoesNot() throws Exception {
        String tds = """
                {"family": "survives", "containerDefinitions": [
                  {"name": "server", "image": "%1$s", "memory": 32},
                  {"name": "helper", "image": "%2$s", "memory": 16, "essential": false}]},
                {"family": "dies", "containerDefinitions": [
                  {"name": "server", "image": "%1$s", "memory": 32, "stopTimeout": 2},
                  {"name": "main", "image": "%3$s", "memory": 16}]}
                """.formatted(TestImages.HTTP, TestImages.EXIT_1, TestImages.EXIT_0);
        String tasks = "{\"id\": \"a\", \"run\": {\"taskDefinition\": \"survives\"}},"
                + "{\"id\": \"b\", \"run\": {\"taskDefinition\": \"dies\"}}";
        try (var h = new LocalRunHarness("essential", design("essential", instance("i-1"), "", tasks, tds),
                "127.0.32", "127.0.42")) {
            TaskState dies = h.awaitTask("dies STOPPED", t -> "family:dies".equals(t.group()) && t.isStopped());
            assertThat(dies.stoppedReason()).isEqualTo("Essential container in task exited");
            assertThat(dies.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
            assertThat(dies.container("main").orElseThrow().exitCode()).isZero();
            assertThat(dies.container("server").orElseThrow().lastStatus()).isEqualTo(ContainerStatus.STOPPED);

            TaskState survives = h.awaitTask("survives RUNNING with its helper stopped", t ->
                    "family:survives".equals(t.group()) && t.lastStatus() == TaskStatus.RUNNING
                            && t.container("helper").orElseThrow().isStopped());
            assertThat(survives.container("helper").orElseThrow().exitCode()).isEqualTo(1);
            assertThat(survives.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(h.listener.history()).filteredOn(t -> t.taskArn().equals(dies.taskArn()))
                    .extracting(TaskState::lastStatus).containsSubsequence(TaskStatus.PENDING, TaskStatus.STOPPING,
                            TaskStatus.STOPPED);
        }
    }

    @Test
    void dependsOnConditionsOrderTheStartsAndAFailedDependencyStopsItsDependent() throws Exception {
        String td = """
                {"family": "ordered", "containerDefinitions": [
                  {"name": "migrate", "image": "%2$s", "memory": 16, "essential": false},
                  {"name": "check", "image": "%3$s", "memory": 16, "essential": false},
                  {"name": "db", "image": "%4$s", "memory": 16,
                   "healthCheck": {"command": ["CMD-SHELL", "test -f /tmp/ready"], "interval": 5, "timeout": 2, "retries": 3}},
                  {"name": "app", "image": "%1$s", "memory": 32, "dependsOn": [
                    {"containerName": "migrate", "condition": "SUCCESS"},
                    {"containerName": "check", "condition": "COMPLETE"},
                    {"containerName": "db", "condition": "HEALTHY"}]},
                  {"name": "sidecar", "image": "%1$s", "memory": 16, "essential": false,
                   "dependsOn": [{"containerName": "app", "condition": "START"}]},
                  {"name": "needs-success", "image": "%1$s", "memory": 16, "essential": false,
                   "dependsOn": [{"containerName": "check", "condition": "SUCCESS"}]}]}
                """.formatted(TestImages.HTTP, TestImages.EXIT_0, TestImages.EXIT_1, TestImages.BECOMES_HEALTHY);
        try (var h = new LocalRunHarness("ordered", design("ordered", instance("i-1"), "",
                "{\"id\": \"t\", \"run\": {\"taskDefinition\": \"ordered\"}}", td), "127.0.33", "127.0.43")) {
            TaskState task = h.awaitTask("the task RUNNING", LocalRunHarness::running);
            var failed = task.container("needs-success").orElseThrow();
            assertThat(failed.exitCode()).isEqualTo(143);
            assertThat(failed.reason()).contains("did not exit successfully").startsWith("CannotStartContainerError");
            assertThat(failed.runtimeId()).isNull();

            Instant appStarted = started(task, "app");
            assertThat(appStarted).isAfter(finished(task, "migrate")).isAfter(finished(task, "check"));
            var db = inspect(task.container("db").orElseThrow().runtimeId());
            Instant firstHealthy = db.getState().getHealth().getLog().stream().filter(l -> l.getExitCodeLong() == 0)
                    .map(l -> Instant.parse(l.getEnd())).min(Instant::compareTo).orElseThrow();
            assertThat(appStarted).isAfter(firstHealthy);
            assertThat(started(task, "sidecar")).isAfterOrEqualTo(appStarted);
        }
    }

    private static Instant started(TaskState task, String name) {
        return Instant.parse(inspect(task.container(name).orElseThrow().runtimeId()).getState().getStartedAt());
    }

    private static Instant finished(TaskState task, String name) {
        return Instant.parse(inspect(task.container(name).orElseThrow().runtimeId()).getState().getFinishedAt());
    }

    @Test
    void staticAndDynamicHostPortsAnswerOnTheInstancesOwnAddress() throws Exception {
        String tds = """
                {"family": "web", "containerDefinitions": [{"name": "web", "image": "%1$s", "memory": 32,
                  "portMappings": [{"containerPort": 8080, "hostPort": 80}]}]},
                {"family": "dyn", "containerDefinitions": [{"name": "dyn", "image": "%1$s", "memory": 32,
                  "portMappings": [{"containerPort": 8080}]}]}
                """.formatted(TestImages.HTTP);
        String services = "{\"id\": \"web\", \"service\": {\"serviceName\": \"web\", \"taskDefinition\": \"web\","
                + " \"desiredCount\": 2}}";
        try (var h = new LocalRunHarness("ports", design("ports", instance("i-1") + "," + instance("i-2"), services,
                "{\"id\": \"dyn\", \"run\": {\"taskDefinition\": \"dyn\"}}", tds), "127.0.34", "127.0.44")) {
            h.listener.await("three tasks RUNNING", LocalRunHarness.TIMEOUT,
                    l -> l.tasks().stream().filter(LocalRunHarness::running).count() == 3);
            List<TaskState> web = h.tasksOf("service:web");
            assertThat(web).extracting(TaskState::instanceId).containsExactlyInAnyOrder("i-1", "i-2");
            for (TaskState t : web) {
                NetworkBinding b = t.container("web").orElseThrow().networkBindings().get(0);
                String expected = "i-1".equals(t.instanceId()) ? "127.0.34.1" : "127.0.34.2";
                assertThat(b).isEqualTo(new NetworkBinding(expected, 8080, 80, "tcp"));
                assertThat(get("http://" + expected + ":80/")).isEqualTo(hostnameOf(t, "web"));
            }
            TaskState dyn = h.tasksOf("family:dyn").get(0);
            NetworkBinding b = dyn.container("dyn").orElseThrow().networkBindings().get(0);
            assertThat(b.hostPort()).isBetween(1024, 65535);
            assertThat(b.bindIp()).isEqualTo(dyn.instanceId().equals("i-1") ? "127.0.34.1" : "127.0.34.2");
            assertThat(get("http://" + b.bindIp() + ":" + b.hostPort() + "/")).isEqualTo(hostnameOf(dyn, "dyn"));
        }
    }

    private static String hostnameOf(TaskState t, String container) {
        return inspect(t.container(container).orElseThrow().runtimeId()).getConfig().getHostName() + "\n";
    }

    static String get(String url) throws Exception {
        Exception last = null;
        // httpd may need a moment after its container started: bounded retries.
        for (int i = 0; i < 50; i++) {
            try {
                var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.body();
            } catch (java.io.IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Test
    void awsvpcContainersReachEachOtherOnLocalhostAndTheTaskOnItsOwnAddress() throws Exception {
        String td = """
                {"family": "vpc", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "server", "image": "%1$s", "memory": 32, "portMappings": [{"containerPort": 8080}]},
                  {"name": "client", "image": "%1$s", "memory": 16, "essential": false,
                   "command": ["sh", "-c", "for i in $(seq 50); do wget -qO- http://localhost:8080/ && exit 0; sleep 0.1; done; exit 7"]}]}
                """.formatted(TestImages.HTTP);
        try (var h = new LocalRunHarness("vpc", design("vpc", instance("i-1"), "",
                "{\"id\": \"t\", \"run\": {\"taskDefinition\": \"vpc\"}}", td), "127.0.35", "127.0.45")) {
            TaskState task = h.awaitTask("client done", t -> t.container("client").map(c -> c.isStopped()).orElse(false));
            assertThat(task.container("client").orElseThrow().exitCode()).isZero();
            assertThat(h.listener.history()).extracting(TaskState::lastStatus).contains(TaskStatus.PROVISIONING);
            var server = inspect(task.container("server").orElseThrow().runtimeId());
            assertThat(server.getHostConfig().getNetworkMode()).startsWith("container:");
            NetworkBinding b = task.container("server").orElseThrow().networkBindings().get(0);
            assertThat(b).isEqualTo(new NetworkBinding("127.0.45.1", 8080, 8080, "tcp"));
            assertThat(get("http://127.0.45.1:8080/")).isNotBlank();
        }
    }

    @Test
    void aKilledServiceTaskIsReplacedAndDownLeavesNothingBehind() throws Exception {
        String td = """
                {"family": "svc", "volumes": [{"name": "scratch"}], "containerDefinitions": [
                  {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2,
                   "mountPoints": [{"sourceVolume": "scratch", "containerPath": "/scratch"}]}]}
                """.formatted(TestImages.HTTP);
        String services = "{\"id\": \"svc\", \"service\": {\"serviceName\": \"svc\", \"taskDefinition\": \"svc\","
                + " \"desiredCount\": 1}}";
        var h = new LocalRunHarness("replace", design("replace", instance("i-1"), services, "", td), "127.0.36", "127.0.46");
        try {
            TaskState first = h.awaitTask("the first task RUNNING", LocalRunHarness::running);
            ENGINE.client().killContainerCmd(first.container("web").orElseThrow().runtimeId()).exec();
            TaskState stopped = h.awaitTask("the first task STOPPED", t -> t.taskArn().equals(first.taskArn()) && t.isStopped());
            assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
            TaskState second = h.awaitTask("a replacement RUNNING",
                    t -> !t.taskArn().equals(first.taskArn()) && LocalRunHarness.running(t));
            assertThat(second.group()).isEqualTo("service:svc");
            h.listener.await("the service counting it", LocalRunHarness.TIMEOUT,
                    l -> l.services().get(0).runningCount() == 1);
        } finally {
            h.close();
        }
        DockerClient docker = ENGINE.client();
        Map<String, String> label = Map.of(EcsLabels.DESIGN, h.key);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec()).isEmpty();
        assertThat(docker.listVolumesCmd().withFilter("label", List.of(EcsLabels.DESIGN + "=" + h.key)).exec()
                .getVolumes()).isEmpty();
        assertThat(docker.listNetworksCmd().withFilter("label", List.of(EcsLabels.DESIGN + "=" + h.key)).exec()).isEmpty();
    }
}
