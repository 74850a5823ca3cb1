package io.stowage.engine.local;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's mapping rules (ecs-semantics §1), without an engine. */
class ContainerSpecMapperTest {

    private static TaskDefinition td(String json) throws Exception {
        return TaskDefinitionFormat.parse("td.json", json).taskDefinition();
    }

    private static TaskLaunch launch(TaskDefinition td, String mode, Map<String, Integer> dynamic) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            names.put(c.name(), ContainerNames.container(td.family(), 4, c.name(), "0123456789abcdef0101"));
            ids.put(c.name(), "11111111-2222-3333-4444-" + c.name().length() + "55555555555".substring(0, 11));
        }
        return new TaskLaunch("key", "c", "prod", "arn:aws:ecs:local:000000000000:task/prod/abc", td.family(), 4,
                "hash", "service:web", "service:web", "i-1", "EC2", mode, "stowage-key", "127.0.1.1", "pauseid",
                names, Map.of("data", "/srv/data", "cache", "ecs-f-4-cache-x"), Map.of(), Map.of(), dynamic, ids,
                List.of("web"), "http://169.254.170.2", null, null, null);
    }

    private static ContainerSpec map(TaskDefinition td, String container, TaskLaunch launch) {
        return ContainerSpecMapper.map(td, td.containerDefinitions().stream()
                .filter(c -> c.name().equals(container)).findFirst().orElseThrow(), launch);
    }

    @Test
    void cpuSharesAndMemoryFollowTheAgentsFloorsAndCaps() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [
                  {"name": "none", "image": "x"},
                  {"name": "tiny", "image": "x", "cpu": 1, "memory": 1, "memoryReservation": 3},
                  {"name": "huge", "image": "x", "cpu": 999999, "memory": 512}]}""");
        TaskLaunch launch = launch(td, "bridge", Map.of());
        assertThat(map(td, "none", launch).hostConfig().getCpuShares()).isEqualTo(2);
        assertThat(map(td, "none", launch).hostConfig().getMemory()).isNull();
        assertThat(map(td, "tiny", launch).hostConfig().getCpuShares()).isEqualTo(2);
        assertThat(map(td, "tiny", launch).hostConfig().getMemory()).isEqualTo(4L * 1048576);
        assertThat(map(td, "tiny", launch).hostConfig().getMemoryReservation()).isEqualTo(3L * 1048576);
        assertThat(map(td, "huge", launch).hostConfig().getCpuShares()).isEqualTo(262144);
        assertThat(map(td, "huge", launch).hostConfig().getMemory()).isEqualTo(512L * 1048576);
    }

    @Test
    void everyContainerOfATaskWithACgroupIsMadeInItThePauseContainerToo() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "a", "image": "x"}, {"name": "b", "image": "x"}]}""");
        TaskLaunch plain = launch(td, "awsvpc", Map.of());
        assertThat(map(td, "a", plain).hostConfig().getCgroupParent()).isNull();
        TaskLaunch launch = new TaskLaunch(plain.designKey(), plain.clusterId(), plain.cluster(), plain.taskArn(),
                plain.family(), plain.revision(), plain.taskDefinitionHash(), plain.group(), plain.source(),
                plain.instanceId(), plain.launchType(), plain.networkMode(), plain.designNetwork(), plain.hostIp(),
                plain.pauseContainerId(), plain.dockerNames(), plain.volumeSources(), plain.environmentFiles(),
                plain.secrets(), plain.dynamicHostPorts(), plain.metadataIds(), plain.aliases(), plain.endpointBase(),
                plain.credentialsId(), plain.region(), "/ecs/abc");
        assertThat(map(td, "a", launch).hostConfig().getCgroupParent()).isEqualTo("/ecs/abc");
        assertThat(map(td, "b", launch).hostConfig().getCgroupParent()).isEqualTo("/ecs/abc");
        assertThat(ContainerSpecMapper.pause(td, launch, "pause").hostConfig().getCgroupParent()).isEqualTo("/ecs/abc");
    }

    @Test
    void agentLabelsOverrideDockerLabelsAndStowageLabelsFindTheTask() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [{"name": "web", "image": "x",
                  "dockerLabels": {"com.amazonaws.ecs.task-arn": "spoof", "mine": "kept"}}]}""");
        ContainerSpec spec = map(td, "web", launch(td, "bridge", Map.of()));
        assertThat(spec.name()).isEqualTo("ecs-f-4-web-0123456789abcdef0101");
        assertThat(spec.labels()).containsEntry("mine", "kept")
                .containsEntry("com.amazonaws.ecs.task-arn", "arn:aws:ecs:local:000000000000:task/prod/abc")
                .containsEntry("com.amazonaws.ecs.cluster", "prod")
                .containsEntry("com.amazonaws.ecs.task-definition-version", "4")
                .containsEntry(EcsLabels.DESIGN, "key");
    }

    @Test
    void healthCheckDefaultsAreWrittenInNanoseconds() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [
                  {"name": "a", "image": "x", "healthCheck": {"command": ["curl", "-f", "http://localhost/"]}},
                  {"name": "b", "image": "x", "healthCheck": {"command": ["CMD-SHELL", "true"], "interval": 10,
                   "timeout": 2, "retries": 5, "startPeriod": 60}}]}""");
        var a = map(td, "a", launch(td, "bridge", Map.of())).healthcheck();
        assertThat(a.getTest()).containsExactly("CMD", "curl", "-f", "http://localhost/");
        assertThat(a.getInterval()).isEqualTo(30_000_000_000L);
        assertThat(a.getTimeout()).isEqualTo(5_000_000_000L);
        assertThat(a.getRetries()).isEqualTo(3);
        assertThat(a.getStartPeriod()).isNull();
        var b = map(td, "b", launch(td, "bridge", Map.of())).healthcheck();
        assertThat(b.getInterval()).isEqualTo(10_000_000_000L);
        assertThat(b.getStartPeriod()).isEqualTo(60_000_000_000L);
    }

    @Test
    void portsBindOnTheInstanceAddressStaticOrPicked() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [{"name": "web", "image": "x", "portMappings": [
                  {"containerPort": 8080, "hostPort": 80}, {"containerPort": 9000, "protocol": "udp"}]}]}""");
        ContainerSpec spec = map(td, "web", launch(td, "bridge", Map.of(TaskLaunch.portKey("web", 9000, "udp"), 49200)));
        assertThat(spec.exposedPorts()).containsExactly(ExposedPort.tcp(8080), ExposedPort.udp(9000));
        Map<ExposedPort, Ports.Binding[]> bindings = spec.hostConfig().getPortBindings().getBindings();
        assertThat(bindings.get(ExposedPort.tcp(8080))).containsExactly(Ports.Binding.bindIpAndPort("127.0.1.1", 80));
        assertThat(bindings.get(ExposedPort.udp(9000))).containsExactly(Ports.Binding.bindIpAndPort("127.0.1.1", 49200));
        assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("stowage-key");
        assertThat(spec.aliases()).containsExactly("web");
    }

    @Test
    void awsvpcContainersJoinThePauseContainerWithoutPorts() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "networkMode": "awsvpc", "containerDefinitions": [{"name": "web", "image": "x",
                  "hostname": "nope", "portMappings": [{"containerPort": 8080}]}]}""");
        TaskLaunch launch = launch(td, "awsvpc", Map.of());
        ContainerSpec spec = map(td, "web", launch);
        assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("container:pauseid");
        assertThat(spec.exposedPorts()).isEmpty();
        assertThat(spec.hostname()).isNull();
        assertThat(spec.deviations()).hasSize(1);
        ContainerSpec pause = ContainerSpecMapper.pause(td, launch, "pause:1");
        assertThat(pause.labels()).containsEntry("com.amazonaws.ecs.container-name", "~internal~ecs~pause");
        assertThat(pause.hostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080)))
                .containsExactly(Ports.Binding.bindIpAndPort("127.0.1.1", 8080));
    }

    @Test
    void pidAndIpcModeTaskJoinTheNamespacePauseContainerHostAndNoneStayAsTheyAre() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "pidMode": "task", "ipcMode": "task", "cpu": "256",
                 "containerDefinitions": [{"name": "a", "image": "x"}, {"name": "b", "image": "x"}]}""");
        assertThat(ContainerSpecMapper.sharesNamespaces(td)).isTrue();
        TaskLaunch before = launch(td, "bridge", Map.of());
        assertThatThrownBy(() -> map(td, "a", before)).hasMessageContaining("CannotCreateContainerError")
                .hasMessageContaining("~internal~ecs~pause~namespace");
        TaskLaunch launch = before.withNamespacePauseContainerId("nsid");
        for (String name : List.of("a", "b")) {
            ContainerSpec spec = map(td, name, launch);
            assertThat(spec.hostConfig().getPidMode()).isEqualTo("container:nsid");
            assertThat(spec.hostConfig().getIpcMode()).isEqualTo("container:nsid");
            assertThat(spec.hostConfig().getNetworkMode()).isEqualTo("stowage-key");
            assertThat(spec.deviations()).isEmpty();
        }
        ContainerSpec ns = ContainerSpecMapper.namespacePause(td, launch, "pause:1");
        assertThat(ns.labels()).containsEntry("com.amazonaws.ecs.container-name", "~internal~ecs~pause~namespace")
                .containsEntry("com.amazonaws.ecs.task-arn", launch.taskArn());
        assertThat(ns.hostConfig().getIpcMode()).isEqualTo("shareable");
        assertThat(ns.hostConfig().getPidMode()).isNull();
        assertThat(ns.hostConfig().getNetworkMode()).isEqualTo("none");
        assertThat(ns.env()).isEmpty();

        TaskDefinition pidOnly = td("""
                {"family": "f", "pidMode": "task", "ipcMode": "none", "containerDefinitions": [{"name": "a", "image": "x"}]}""");
        TaskLaunch pidLaunch = launch(pidOnly, "host", Map.of()).withNamespacePauseContainerId("nsid");
        assertThat(map(pidOnly, "a", pidLaunch).hostConfig().getPidMode()).isEqualTo("container:nsid");
        assertThat(map(pidOnly, "a", pidLaunch).hostConfig().getIpcMode()).isEqualTo("none");
        assertThat(ContainerSpecMapper.namespacePause(pidOnly, pidLaunch, "pause:1").hostConfig().getIpcMode()).isNull();

        TaskDefinition host = td("""
                {"family": "f", "pidMode": "host", "ipcMode": "host", "containerDefinitions": [{"name": "a", "image": "x"}]}""");
        assertThat(ContainerSpecMapper.sharesNamespaces(host)).isFalse();
        var hostConfig = map(host, "a", launch(host, "bridge", Map.of())).hostConfig();
        assertThat(hostConfig.getPidMode()).isEqualTo("host");
        assertThat(hostConfig.getIpcMode()).isEqualTo("host");
        TaskDefinition neither = td("""
                {"family": "f", "containerDefinitions": [{"name": "a", "image": "x"}]}""");
        assertThat(ContainerSpecMapper.sharesNamespaces(neither)).isFalse();
        var plain = map(neither, "a", launch(neither, "bridge", Map.of())).hostConfig();
        assertThat(plain.getPidMode()).isNull();
        assertThat(plain.getIpcMode()).isNull();
    }

    @Test
    void volumesLinksAndVolumesFromFollowTheAgent() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "volumes": [{"name": "data", "host": {"sourcePath": "/srv/data"}}, {"name": "cache"}],
                 "containerDefinitions": [
                  {"name": "db", "image": "x", "mountPoints": [{"sourceVolume": "data", "containerPath": "/d", "readOnly": true},
                                                              {"sourceVolume": "cache", "containerPath": "/c"}]},
                  {"name": "app", "image": "x", "links": ["db"], "volumesFrom": [{"sourceContainer": "db"}]},
                  {"name": "bad", "image": "x", "links": ["db:a:b"]},
                  {"name": "lost", "image": "x", "mountPoints": [{"sourceVolume": "nope", "containerPath": "/x"}]}]}""");
        TaskLaunch launch = launch(td, "bridge", Map.of());
        assertThat(map(td, "db", launch).hostConfig().getBinds()).extracting(Object::toString)
                .containsExactly("/srv/data:/d:ro", "ecs-f-4-cache-x:/c:rw");
        var app = map(td, "app", launch).hostConfig();
        assertThat(app.getLinks()).extracting(l -> l.getName() + ":" + l.getAlias())
                .containsExactly("ecs-f-4-db-0123456789abcdef0101:db");
        assertThat(app.getVolumesFrom()).extracting(Object::toString).containsExactly("ecs-f-4-db-0123456789abcdef0101:rw");
        assertThatThrownBy(() -> map(td, "bad", launch)).hasMessage("Invalid link format");
        assertThatThrownBy(() -> map(td, "lost", launch)).hasMessage("Invalid volume referenced: nope");
    }

    private static TaskLaunch withRegion(TaskLaunch l, String region, Map<String, List<Map<String, String>>> files) {
        return new TaskLaunch(l.designKey(), l.clusterId(), l.cluster(), l.taskArn(), l.family(), l.revision(),
                l.taskDefinitionHash(), l.group(), l.source(), l.instanceId(), l.launchType(), l.networkMode(),
                l.designNetwork(), l.hostIp(), l.pauseContainerId(), l.dockerNames(), l.volumeSources(), files,
                l.secrets(), l.dynamicHostPorts(), l.metadataIds(), l.aliases(), l.endpointBase(), l.credentialsId(),
                region, l.cgroupParent());
    }

    @Test
    void theAgentsRegionIsInjectedUnlessTheTaskOrTheImageNamesOne() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [
                  {"name": "plain", "image": "x"},
                  {"name": "own", "image": "x", "environment": [{"name": "AWS_REGION", "value": "eu-west-1"}]},
                  {"name": "default", "image": "x", "environment": [{"name": "AWS_DEFAULT_REGION", "value": "eu-north-1"}]},
                  {"name": "file", "image": "x"}]}""");
        TaskLaunch launch = withRegion(launch(td, "bridge", Map.of()), "us-east-2",
                Map.of("file", List.of(Map.of("AWS_REGION", "ap-south-1"))));
        assertThat(map(td, "plain", launch).env()).contains("AWS_REGION=us-east-2", "AWS_DEFAULT_REGION=us-east-2");
        // Either variable named by the task definition (or its environment files) wins, and neither is injected.
        assertThat(map(td, "own", launch).env()).contains("AWS_REGION=eu-west-1")
                .noneMatch(e -> e.startsWith("AWS_DEFAULT_REGION="));
        assertThat(map(td, "default", launch).env()).contains("AWS_DEFAULT_REGION=eu-north-1")
                .noneMatch(e -> e.startsWith("AWS_REGION="));
        assertThat(map(td, "file", launch).env()).contains("AWS_REGION=ap-south-1")
                .noneMatch(e -> e.startsWith("AWS_DEFAULT_REGION="));
        // So does the image's own ENV.
        ContainerSpec plain = map(td, "plain", launch);
        assertThat(ContainerSpecMapper.withoutRegionIfImageHasOne(plain, launch, List.of("PATH=/bin", "AWS_REGION=sa-east-1"))
                .env()).noneMatch(e -> e.startsWith("AWS_REGION=") || e.startsWith("AWS_DEFAULT_REGION="));
        assertThat(ContainerSpecMapper.withoutRegionIfImageHasOne(plain, launch, List.of("PATH=/bin")).env())
                .contains("AWS_REGION=us-east-2", "AWS_DEFAULT_REGION=us-east-2");
        // No region known (no availability zone, none for the run): nothing injected.
        assertThat(map(td, "plain", launch(td, "bridge", Map.of())).env())
                .noneMatch(e -> e.startsWith("AWS_REGION=") || e.startsWith("AWS_DEFAULT_REGION="));
        assertThat(TaskSetup.region("us-west-2-lax-1a", "eu-west-1")).isEqualTo("us-west-2");
        assertThat(TaskSetup.region("us-east-1b", null)).isEqualTo("us-east-1");
        assertThat(TaskSetup.region(null, "eu-west-1")).isEqualTo("eu-west-1");
    }

    @Test
    void environmentGetsTheMetadataVariablesAndStopTimeoutDefaultsToThirtySeconds() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "containerDefinitions": [{"name": "web", "image": "x", "stopTimeout": 0,
                  "environment": [{"name": "A", "value": "1"}]}]}""");
        ContainerSpec spec = map(td, "web", launch(td, "bridge", Map.of()));
        assertThat(spec.env()).contains("A=1", "AWS_EXECUTION_ENV=AWS_ECS_EC2")
                .anyMatch(e -> e.startsWith("ECS_CONTAINER_METADATA_URI=http://169.254.170.2/v3/"))
                .anyMatch(e -> e.startsWith("ECS_AGENT_URI=http://169.254.170.2/api/"))
                .noneMatch(e -> e.startsWith("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
        assertThat(spec.stopTimeout()).isEqualTo(30);
        assertThat(spec.hostConfig().getUlimits()).isEmpty();
    }

    @Test
    void aContainerAskingMoreMemoryThanTheTaskFailsTheTask() throws Exception {
        TaskDefinition td = td("""
                {"family": "f", "memory": "512", "containerDefinitions": [{"name": "web", "image": "x", "memory": 1024}]}""");
        assertThatThrownBy(() -> ContainerSpecMapper.checkTaskMemory(td))
                .hasMessage("container memory limit(1073741824) greater than task memory limit(536870912)");
    }
}
