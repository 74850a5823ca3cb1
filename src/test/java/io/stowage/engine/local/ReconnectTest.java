package io.stowage.engine.local;

import com.github.dockerjava.api.model.Container;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.PrivateDockerd;
import io.stowage.testsupport.RecordingListener;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Docker daemon restarted under a run: Stowage says so, reconnects and reconciles, with no duplicate containers. */
@Tag("docker")
class ReconnectTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void aRestartedDaemonIsReportedLostThenReconciledWithoutDuplicates() throws Exception {
        ENGINE.client(); // skips or fails without an engine, as the other engine tests do
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "stw-");
        try (var dockerd = PrivateDockerd.start(dir); var connection = DockerConnection.to(dockerd.host())) {
            TestImages.ensure(connection.client());
            var design = DesignFormat.parse("reconnect.stowage.json", """
                    {"formatVersion": 1, "name": "reconnect",
                     "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                       "availabilityZone": "us-east-1a"}],
                       "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2}}]}],
                     "taskDefinitions": [{"family": "web", "containerDefinitions": [
                       {"name": "web", "image": "%s", "memory": 32, "stopTimeout": 2,
                        "portMappings": [{"containerPort": 8080}]}]}]}
                    """.formatted(TestImages.HTTP)).design();
            var engine = new LocalEngine(connection);
            var listener = new RecordingListener();
            String key = LocalEngine.designKey("reconnect", dir.resolve("reconnect.stowage.json"));
            var options = LocalRunOptions.defaults().withAddresses("127.0.38", "127.0.48")
                    .withPullBehavior(PullBehavior.PREFER_CACHED).withThrottleBase(Duration.ofMillis(500));
            try (LocalRun run = engine.up(design, key, options, listener, m -> { })) {
                Duration timeout = Duration.ofSeconds(90);
                listener.await("two tasks RUNNING", timeout, l -> running(l).size() == 2);
                List<String> before = running(listener).stream().map(TaskState::taskArn).toList();

                dockerd.restart();

                listener.await("the engine reported lost", timeout, l -> !l.lost().isEmpty());
                listener.await("the engine back", timeout, l -> l.back() > 0);
                listener.await("two new tasks RUNNING", timeout, l -> running(l).size() == 2
                        && running(l).stream().noneMatch(t -> before.contains(t.taskArn())));
                assertThat(listener.tasks()).filteredOn(t -> before.contains(t.taskArn()))
                        .allSatisfy(t -> assertThat(t.isStopped()).isTrue());
                // Said once each, in words: where the engine is, not the client object's name.
                assertThat(listener.lost()).hasSize(1).allSatisfy(reason -> assertThat(reason)
                        .contains(dockerd.host()).doesNotContain("DockerClientImpl").doesNotContain("@"));
                assertThat(listener.back()).isEqualTo(1);

                List<Container> containers = connection.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(EcsLabels.DESIGN, key)).exec();
                Map<String, Long> perTaskContainer = containers.stream()
                        .filter(c -> c.getLabels().containsKey(EcsLabels.TASK_ARN))
                        .collect(Collectors.groupingBy(c -> c.getLabels().get(EcsLabels.TASK_ARN) + "/"
                                + c.getLabels().get(EcsLabels.CONTAINER_NAME), Collectors.counting()));
                assertThat(perTaskContainer.values()).allMatch(n -> n == 1);
                assertThat(containers).filteredOn(c -> "running".equals(c.getState())).hasSize(2);
                run.stopAll("test over").get();
            } finally {
                engine.down(key, design, m -> { });
            }
        }
    }

    private static List<TaskState> running(RecordingListener l) {
        return l.tasks().stream().filter(LocalRunHarness::running).toList();
    }
}
