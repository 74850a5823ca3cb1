package io.stowage.engine.local;

import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CPU and memory a run reports for its containers, as {@code docker stats} would show them. */
@Tag("docker")
class ContainerMetricsTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final long MIB = 1024 * 1024;

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    @Test
    void aBusyContainerShowsItsCpuAndAnIdleOneHardlyAnyAndBothTheirMemoryLimits() throws Exception {
        String design = """
                {"formatVersion": 1, "name": "metrics",
                 "clusters": [{"id": "c", "name": "local-metrics",
                   "instances": [{"id": "i-1", "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "t", "run": {"taskDefinition": "load"}}]}],
                 "taskDefinitions": [{"family": "load", "containerDefinitions": [
                   {"name": "burner", "image": "%1$s", "cpu": 256, "memory": 64, "stopTimeout": 2,
                    "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do :; done"]},
                   {"name": "idle", "image": "%1$s", "memory": 32}]}]}
                """.formatted(TestImages.HTTP);
        long streamThreadsBefore = streamThreads();
        try (var h = new LocalRunHarness("metrics", design, "127.0.77", "127.0.78")) {
            TaskState task = h.awaitTask("the task RUNNING", LocalRunHarness::running);
            String arn = task.taskArn();
            // On a busy machine the loop may get less than a CPU for a moment: any sample well above idle will do.
            h.listener.await("the busy loop's CPU above 30 % and two samples of each", LocalRunHarness.TIMEOUT, l ->
                    l.metrics(arn, "burner").stream().anyMatch(s -> s.cpuPercent() > 30)
                            && l.metrics(arn, "burner").size() >= 2 && l.metrics(arn, "idle").size() >= 2);

            List<ContainerMetrics> burner = h.listener.metrics(arn, "burner");
            List<ContainerMetrics> idle = h.listener.metrics(arn, "idle");
            assertThat(burner.stream().mapToDouble(ContainerMetrics::cpuPercent).max().orElseThrow())
                    .as("the busy loop's CPU %% in %s", burner).isGreaterThan(30);
            assertThat(idle.get(idle.size() - 1).cpuPercent()).as("the idle server's CPU %% in %s", idle).isLessThan(5);
            assertThat(burner).allSatisfy(s -> {
                assertThat(s.memoryBytes()).isPositive().isLessThan(64 * MIB);
                assertThat(s.memoryLimitBytes()).isEqualTo(64 * MIB);
            });
            assertThat(idle).allSatisfy(s -> {
                assertThat(s.memoryBytes()).isPositive();
                assertThat(s.memoryLimitBytes()).isEqualTo(32 * MIB);
            });
            // About one sample every two seconds, not one a second as the engine pushes them.
            Duration apart = Duration.between(burner.get(0).at(), burner.get(1).at());
            assertThat(apart).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));

            assertThat(h.run.sampledContainers()).isEqualTo(2);
            assertThat(streamThreads()).isGreaterThanOrEqualTo(streamThreadsBefore + 2);

            h.run.stopAll("test over").get(LocalRunHarness.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(h.run.sampledContainers()).as("streams left open after every container stopped").isZero();
            h.run.close();
            // Each stats stream had a thread of its own; none outlives the run.
            Instant deadline = Instant.now().plusSeconds(10);
            while (streamThreads() > streamThreadsBefore && Instant.now().isBefore(deadline)) {
                Thread.sleep(50); // no event tells when a stream thread ends
            }
            assertThat(streamThreads()).isLessThanOrEqualTo(streamThreadsBefore);
        }
    }

    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("docker-java-stream")).count();
    }
}
