package io.stowage.engine.local;

import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container restart policies on the real engine, as the agent applies them: a container that fails after running
 * its restartAttemptPeriod is started again in place and its task runs on; an ignored exit code, a container that
 * fails before the period has passed, and a disabled policy stop the task as an essential exit does.
 */
@Tag("docker")
class RestartPolicyTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    /** A task definition whose one essential container runs two seconds and exits 1, with the policy given. */
    private static String failsAfterTwoSeconds(String family, String policy) {
        return """
                {"family": "%s", "containerDefinitions": [
                  {"name": "app", "image": "%s", "memory": 16, "command": ["sh", "-c", "sleep 2; exit 1"],
                   "stopTimeout": 2, "restartPolicy": %s}]}
                """.formatted(family, TestImages.EXIT_1, policy);
    }

    private static String task(String family) {
        return "{\"id\": \"" + family + "\", \"run\": {\"taskDefinition\": \"" + family + "\"}}";
    }

    @Test
    void aFailingContainerIsRestartedInPlaceUnlessItsPolicySaysOtherwise() throws Exception {
        // 1 s is below the 60 s ECS accepts (a rule finding), honoured as written so the test need not wait a minute.
        String tds = String.join(",",
                failsAfterTwoSeconds("restarts", "{\"enabled\": true, \"restartAttemptPeriod\": 1}"),
                failsAfterTwoSeconds("ignored", "{\"enabled\": true, \"ignoredExitCodes\": [1], \"restartAttemptPeriod\": 1}"),
                failsAfterTwoSeconds("toosoon", "{\"enabled\": true, \"restartAttemptPeriod\": 60}"),
                failsAfterTwoSeconds("disabled", "{\"enabled\": false, \"restartAttemptPeriod\": 1}"));
        String design = """
                {"formatVersion": 1, "name": "restarts",
                 "clusters": [{"id": "c", "name": "local-test",
                   "instances": [{"id": "i-1", "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}],
                   "tasks": [%s, %s, %s, %s]}],
                 "taskDefinitions": [%s]}
                """.formatted(task("restarts"), task("ignored"), task("toosoon"), task("disabled"), tds);
        try (var h = new LocalRunHarness("restarts", design, "127.0.76", "127.0.86")) {
            TaskState first = h.awaitTask("restarts RUNNING", t -> "family:restarts".equals(t.group())
                    && t.lastStatus() == TaskStatus.RUNNING);
            String id = first.container("app").orElseThrow().runtimeId();
            Instant firstStart = startedAt(id);

            TaskState restarted = h.awaitTask("restarts restarted twice", t -> "family:restarts".equals(t.group())
                    && t.container("app").map(c -> c.restartCount() != null && c.restartCount() >= 2).orElse(false));
            ContainerState app = restarted.container("app").orElseThrow();
            assertThat(app.runtimeId()).as("restarted in place, not replaced").isEqualTo(id);
            assertThat(restarted.lastStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(restarted.desiredStatus()).isEqualTo(TaskStatus.RUNNING);
            assertThat(startedAt(id)).as("Docker started the same container again").isAfter(firstStart);
            assertThat(h.listener.history()).filteredOn(t -> "family:restarts".equals(t.group()))
                    .noneMatch(TaskState::isStopped);
            assertThat(h.listener.events()).anyMatch(e -> e.message().equals(
                    "app exited with code 1 and was restarted in place (restart 1)"));

            for (String family : new String[]{"ignored", "toosoon", "disabled"}) {
                TaskState stopped = h.awaitTask(family + " STOPPED", t -> ("family:" + family).equals(t.group())
                        && t.isStopped());
                assertThat(stopped.stopCode()).as(family).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
                assertThat(stopped.container("app").orElseThrow().exitCode()).as(family).isEqualTo(1);
                Integer count = stopped.container("app").orElseThrow().restartCount();
                assertThat(count).as(family).isEqualTo(family.equals("disabled") ? null : 0);
            }
            assertThat(h.listener.events()).anyMatch(e -> e.message().equals(
                    "app exited with code 1 and is not restarted: exit code 1 should be ignored"))
                    .anyMatch(e -> e.message().equals(
                            "app exited with code 1 and is not restarted: attempt reset period has not elapsed"));
        }
    }

    private static Instant startedAt(String id) {
        return Instant.parse(ENGINE.client().inspectContainerCmd(id).exec().getState().getStartedAt());
    }
}
