package io.stowage.engine.local;

import com.github.dockerjava.api.model.Container;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pidMode and ipcMode {@code task} as the agent runs them: one namespace pause container per task
 * ({@code ~internal~ecs~pause~namespace}) holds the PID and IPC namespaces, and every container of the task joins
 * them, so they see each other's processes and share {@code /dev/shm}; a container of another task sees neither.
 */
@Tag("docker")
class TaskNamespacesTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    private static String sleeper(int seconds) {
        return "[\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep " + seconds + " & wait\"]";
    }

    @Test
    void containersOfATaskSeeEachOthersProcessesAndSharedMemoryAndAnotherTaskSeesNeither() throws Exception {
        String design = """
                {"formatVersion": 1, "name": "task-namespaces",
                 "clusters": [{"id": "c", "name": "local-task-namespaces",
                   "instances": [{"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "shared", "run": {"taskDefinition": "shared"}},
                             {"id": "vpc", "run": {"taskDefinition": "vpc"}},
                             {"id": "other", "run": {"taskDefinition": "other"}}]}],
                 "taskDefinitions": [
                   {"family": "shared", "pidMode": "task", "ipcMode": "task", "containerDefinitions": [
                     {"name": "a", "image": "%1$s", "memory": 32, "stopTimeout": 2, "command": %2$s},
                     {"name": "b", "image": "%1$s", "memory": 32, "stopTimeout": 2, "command": %3$s}]},
                   {"family": "vpc", "networkMode": "awsvpc", "pidMode": "task", "containerDefinitions": [
                     {"name": "x", "image": "%1$s", "memory": 32, "stopTimeout": 2, "command": %4$s},
                     {"name": "y", "image": "%1$s", "memory": 32, "stopTimeout": 2, "command": %5$s}]},
                   {"family": "other", "containerDefinitions": [
                     {"name": "c", "image": "%1$s", "memory": 32, "stopTimeout": 2, "command": %6$s}]}]}
                """.formatted(TestImages.HTTP, sleeper(3601), sleeper(3602), sleeper(3604), sleeper(3605),
                sleeper(3603));
        String key;
        try (var h = new LocalRunHarness("task-namespaces", design, "127.0.131", "127.0.132")) {
            key = h.key;
            h.listener.await("three tasks RUNNING", LocalRunHarness.TIMEOUT,
                    l -> l.tasks().stream().filter(LocalRunHarness::running).count() == 3);
            TaskState shared = task(h, "shared");
            String a = LocalRunHarness.containerId(shared, "a").orElseThrow();
            String b = LocalRunHarness.containerId(shared, "b").orElseThrow();
            String c = LocalRunHarness.containerId(task(h, "other"), "c").orElseThrow();
            TaskState vpc = task(h, "vpc");
            String x = LocalRunHarness.containerId(vpc, "x").orElseThrow();

            // PID: each container of the task sees the other's process; the first process is the pause program.
            String psA = ps(a);
            String psB = ps(b);
            assertThat(psA).as("ps in a").contains("sleep 3601", "sleep 3602").doesNotContain("sleep 3603");
            assertThat(psB).as("ps in b").contains("sleep 3601", "sleep 3602").doesNotContain("sleep 3603");
            assertThat(psA.lines().skip(1).findFirst().orElseThrow()).as("PID 1 of the task").contains("/pause")
                    .containsPattern("^\\s*1\\s");
            String psC = ps(c);
            assertThat(psC).as("ps in a container of another task").contains("sleep 3603")
                    .doesNotContain("sleep 3601").doesNotContain("sleep 3602").doesNotContain("/pause");
            // An awsvpc task has both pause containers: its network's and its namespaces'.
            assertThat(ps(x)).as("ps in x (awsvpc)").contains("sleep 3604", "sleep 3605")
                    .doesNotContain("sleep 3601");

            // IPC: /dev/shm is the task's, shared by its containers, not another task's.
            assertThat(ContainerShell.sh(ENGINE.client(), a, "echo from-a > /dev/shm/marker && echo ok").stdout())
                    .contains("ok");
            assertThat(ContainerShell.sh(ENGINE.client(), b, "cat /dev/shm/marker").stdout()).contains("from-a");
            assertThat(ContainerShell.sh(ENGINE.client(), c, "cat /dev/shm/marker 2>&1 || echo absent").stdout())
                    .contains("absent").doesNotContain("from-a");
            assertThat(ContainerShell.sh(ENGINE.client(), x, "cat /dev/shm/marker 2>&1 || echo absent").stdout())
                    .as("ipcMode unset: the awsvpc task keeps its own IPC").contains("absent");

            // As the agent makes them: container:<namespace pause id>, that pause container shareable and internal.
            var hostConfig = ENGINE.client().inspectContainerCmd(a).exec().getHostConfig();
            Container pause = internal(h.key, shared.taskArn(), ContainerNames.NAMESPACE_PAUSE);
            assertThat(hostConfig.getPidMode()).isEqualTo("container:" + pause.getId());
            assertThat(hostConfig.getIpcMode()).isEqualTo("container:" + pause.getId());
            assertThat(ENGINE.client().inspectContainerCmd(pause.getId()).exec().getHostConfig().getIpcMode())
                    .isEqualTo("shareable");
            assertThat(internal(h.key, vpc.taskArn(), ContainerNames.PAUSE)).isNotNull();
            assertThat(internal(h.key, vpc.taskArn(), ContainerNames.NAMESPACE_PAUSE)).isNotNull();
            assertThat(shared.containers()).extracting(ContainerState::name).containsExactly("a", "b");
            assertThat(h.listener.events()).noneSatisfy(e -> assertThat(e.message()).contains("pidMode"));

            h.run.stopAll("test over").get(LocalRunHarness.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(task(h, "shared").stoppedReason()).isEqualTo("test over");
            // STOPPED only once the pause containers, which go last, are down too. (Inspected one by one: Docker's
            // list can still say running for a moment after the container's die event.)
            assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(EcsLabels.DESIGN, key, EcsLabels.TASK_ARN, shared.taskArn())).exec())
                    .hasSize(3);
            for (Container made : ENGINE.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(EcsLabels.DESIGN, key)).exec()) {
                if (made.getLabels().containsKey(EcsLabels.TASK_ARN)) {
                    assertThat(ENGINE.client().inspectContainerCmd(made.getId()).exec().getState().getRunning())
                            .as("%s running once every task is STOPPED", made.getNames()[0]).isFalse();
                }
            }
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, key)).exec()).as("left after down").isEmpty();
    }

    private static String ps(String container) {
        var result = ContainerShell.run(ENGINE.client(), container, "ps", "-o", "pid,args");
        assertThat(result.exitCode()).as("ps: %s", result.stderr()).isZero();
        return result.stdout();
    }

    private static Container internal(String key, String taskArn, String name) {
        List<Container> found = ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, key, EcsLabels.TASK_ARN, taskArn,
                        EcsLabels.CONTAINER_NAME, name)).exec();
        assertThat(found).as("%s of %s", name, taskArn).hasSize(1);
        assertThat(found.get(0).getState()).isEqualTo("running");
        return found.get(0);
    }

    private static TaskState task(LocalRunHarness h, String family) {
        return h.listener.tasks().stream().filter(t -> family.equals(t.family())).findFirst().orElseThrow();
    }
}
