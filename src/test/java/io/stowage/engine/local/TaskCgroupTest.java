package io.stowage.engine.local;

import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task-level cpu and memory held as the agent holds them on Linux (ECS_ENABLE_TASK_CPU_MEM_LIMIT): the task's
 * cgroup {@code /ecs/<task id>} with a memory limit and a CFS quota, every container of the task inside it. Where
 * this machine cannot make the engine's cgroups, the task says so instead.
 */
@Tag("docker")
class TaskCgroupTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final long MIB = 1024 * 1024;
    /** 128 MiB held in the shell's memory by a child shell: its exit code, or "held" with the size. */
    private static final String HOLD_128_MIB = "if sh -c 'x=$(head -c 134217728 /dev/zero | tr \"\\0\" a); "
            + "echo held ${#x}'; then :; else echo refused $?; fi";

    @BeforeEach
    void images() {
        TestImages.ensure(ENGINE.client());
    }

    private static TaskCgroups cgroups() {
        return TaskCgroups.probe(ENGINE.client(), DockerConnection.fromEnvironment().host());
    }

    @Test
    void aTaskOfMemory64CannotHold128MiBInAContainerWithoutItsOwnLimitWhileALargerTaskCan() throws Exception {
        String design = """
                {"formatVersion": 1, "name": "task-memory",
                 "clusters": [{"id": "c", "name": "local-task-memory",
                   "instances": [{"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "small", "run": {"taskDefinition": "small"}},
                             {"id": "large", "run": {"taskDefinition": "large"}}]}],
                 "taskDefinitions": [
                   {"family": "small", "memory": "64", "containerDefinitions": [
                     {"name": "app", "image": "%1$s", "stopTimeout": 2},
                     {"name": "side", "image": "%1$s", "stopTimeout": 2}]},
                   {"family": "large", "memory": "1024", "containerDefinitions": [
                     {"name": "app", "image": "%1$s", "stopTimeout": 2}]}]}
                """.formatted(TestImages.HTTP);
        TaskCgroups cgroups = cgroups();
        String smallId;
        try (var h = new LocalRunHarness("task-memory", design, "127.0.79", "127.0.80")) {
            h.listener.await("both tasks RUNNING", LocalRunHarness.TIMEOUT,
                    l -> l.tasks().stream().filter(LocalRunHarness::running).count() == 2);
            TaskState small = task(h, "small");
            TaskState large = task(h, "large");
            String smallApp = LocalRunHarness.containerId(small, "app").orElseThrow();
            String largeApp = LocalRunHarness.containerId(large, "app").orElseThrow();
            if (!cgroups.available()) {
                assertDeviation(h, small, cgroups);
                return;
            }
            smallId = taskId(small);
            for (String container : List.of("app", "side")) {
                String id = LocalRunHarness.containerId(small, container).orElseThrow();
                assertThat(ENGINE.client().inspectContainerCmd(id).exec().getHostConfig().getCgroupParent())
                        .as("%s's cgroup parent", container).isEqualTo("/ecs/" + smallId);
            }
            assertThat(memoryLimit(cgroups.memoryDirectory(smallId))).isEqualTo(64 * MIB);

            var refused = ContainerShell.sh(ENGINE.client(), smallApp, HOLD_128_MIB);
            assertThat(refused.stdout()).as("a task of memory 64 holding 128 MiB: %s", refused)
                    .doesNotContain("held").contains("refused 137");
            var held = ContainerShell.sh(ENGINE.client(), largeApp, HOLD_128_MIB);
            assertThat(held.stdout()).as("a task of memory 1024 holding 128 MiB: %s", held)
                    .contains("held 134217728");
            // The task's containers share the limit: the other one still runs, the limit has been hit.
            assertThat(ContainerShell.sh(ENGINE.client(), LocalRunHarness.containerId(small, "side").orElseThrow(),
                    "echo alive").stdout()).contains("alive");
            Path memory = cgroups.memoryDirectory(smallId);
            long hits = Files.exists(memory.resolve("memory.events")) ? stat(memory.resolve("memory.events")).get("max")
                    : Long.parseLong(read(memory, "memory.failcnt"));
            assertThat(hits).as("times the task cgroup hit its limit").isPositive();

            h.run.stopAll("test over").get(LocalRunHarness.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        // down leaves no task cgroup behind
        assertThat(cgroups.memoryDirectory(smallId)).doesNotExist();
        assertThat(cgroups.cpuDirectory(smallId)).doesNotExist();
        assertThat(Path.of("/sys/fs/cgroup/systemd/ecs", smallId)).doesNotExist(); // a named v1 hierarchy, where present
    }

    @Test
    void aTaskCpuQuotaHoldsTwoBusyLoopsToAQuarterOfACpu() throws Exception {
        String design = """
                {"formatVersion": 1, "name": "task-cpu",
                 "clusters": [{"id": "c", "name": "local-task-cpu",
                   "instances": [{"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "t", "run": {"taskDefinition": "burn"}}]}],
                 "taskDefinitions": [{"family": "burn", "cpu": "256", "memory": "128", "containerDefinitions": [
                   {"name": "burner", "image": "%1$s", "stopTimeout": 2,
                    "command": ["sh", "-c", "trap 'exit 0' TERM; (while :; do :; done) & (while :; do :; done) & wait"]}]}]}
                """.formatted(TestImages.HTTP);
        TaskCgroups cgroups = cgroups();
        try (var h = new LocalRunHarness("task-cpu", design, "127.0.81", "127.0.82")) {
            TaskState task = h.awaitTask("the task RUNNING", LocalRunHarness::running);
            if (!cgroups.available()) {
                assertDeviation(h, task, cgroups);
                return;
            }
            String arn = task.taskArn();
            h.listener.await("four CPU samples of the busy container", LocalRunHarness.TIMEOUT,
                    l -> l.metrics(arn, "burner").size() >= 4);
            List<ContainerMetrics> samples = h.listener.metrics(arn, "burner");
            // Two loops would take two CPUs (200 %); the task's 256 units are a quarter of one.
            assertThat(samples.subList(1, samples.size())).as("CPU %% of two busy loops in a task of cpu 256")
                    .allSatisfy(s -> assertThat(s.cpuPercent()).isLessThan(35));
            Path cpu = cgroups.cpuDirectory(taskId(task));
            String quota = Files.exists(cpu.resolve("cpu.max")) ? read(cpu, "cpu.max")
                    : read(cpu, "cpu.cfs_quota_us") + " " + read(cpu, "cpu.cfs_period_us");
            assertThat(quota).isEqualTo("25000 100000");
            Map<String, Long> stat = stat(cpu.resolve("cpu.stat"));
            assertThat(stat.get("nr_throttled")).as("periods in which the quota held the task back: %s", stat)
                    .isPositive();
        }
    }

    private static void assertDeviation(LocalRunHarness h, TaskState task, TaskCgroups cgroups) {
        assertThat(h.listener.events()).anySatisfy(e -> assertThat(e.message())
                .contains("not enforced as a task cgroup").contains(cgroups.unavailableReason()));
    }

    private static TaskState task(LocalRunHarness h, String family) {
        return h.listener.tasks().stream().filter(t -> family.equals(t.family())).findFirst().orElseThrow();
    }

    private static String taskId(TaskState t) {
        return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
    }

    private static long memoryLimit(Path dir) throws IOException {
        String value = Files.exists(dir.resolve("memory.max")) ? read(dir, "memory.max")
                : read(dir, "memory.limit_in_bytes");
        return Long.parseLong(value);
    }

    private static String read(Path dir, String file) throws IOException {
        return String.join("\n", Files.readAllLines(dir.resolve(file))).trim();
    }

    private static Map<String, Long> stat(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split("\\s+")).filter(p -> p.length == 2)
                .collect(Collectors.toMap(p -> p[0], p -> Long.parseLong(p[1])));
    }
}
