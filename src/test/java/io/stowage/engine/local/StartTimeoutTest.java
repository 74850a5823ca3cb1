package io.stowage.engine.local;

import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's container start timeout (ECS_CONTAINER_START_TIMEOUT): a start that has not returned in time fails
 * the container with DockerTimeoutError and the task fails to start; the container, started late, is stopped again.
 * No Docker start returns within a millisecond, so that timeout makes every start late.
 */
@Tag("docker")
class StartTimeoutTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void aStartThatTakesLongerThanTheTimeoutFailsTheTaskAndTheLateContainerIsStopped() throws Exception {
        TestImages.ensure(ENGINE.client());
        String design = """
                {"formatVersion": 1, "name": "slowstart",
                 "clusters": [{"id": "c", "name": "local-test",
                   "instances": [{"id": "i-1", "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "t", "run": {"taskDefinition": "slow"}}]}],
                 "taskDefinitions": [{"family": "slow", "containerDefinitions": [
                   {"name": "app", "image": "%s", "memory": 16, "stopTimeout": 2}]}]}
                """.formatted(TestImages.HTTP);
        var options = LocalRunOptions.defaults().withAddresses("127.0.78", "127.0.88")
                .withContainerStartTimeout(Duration.ofMillis(1));
        try (var h = new LocalRunHarness("slowstart", design, options)) {
            TaskState task = h.awaitTask("the task STOPPED", TaskState::isStopped);
            String reason = "DockerTimeoutError: Could not transition to started; timed out after waiting 1ms";
            assertThat(task.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
            assertThat(task.stoppedReason()).isEqualTo(reason);
            assertThat(task.container("app").orElseThrow().reason()).isEqualTo(reason);

            h.listener.await("the late start stopped again", LocalRunHarness.TIMEOUT, l -> l.events().stream()
                    .anyMatch(e -> e.message().equals("app started after its start timed out, and was stopped again")));
            String id = task.container("app").orElseThrow().runtimeId();
            var state = ENGINE.client().inspectContainerCmd(id).exec().getState();
            assertThat(state.getRunning()).isFalse();
            assertThat(Instant.parse(state.getStartedAt())).as("Docker did start it").isAfter(Instant.EPOCH);
        }
    }

    @Test
    void theReasonGivesTheTimeoutAsTheAgentPrintsIt() {
        assertThat(TaskRunner.goDuration(LocalRunOptions.DEFAULT_CONTAINER_START_TIMEOUT)).isEqualTo("3m0s");
        assertThat(TaskRunner.goDuration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(TaskRunner.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(TaskRunner.goDuration(Duration.ofHours(1))).isEqualTo("1h0m0s");
    }
}
