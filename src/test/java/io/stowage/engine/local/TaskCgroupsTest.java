package io.stowage.engine.local;

import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The task cgroup's limits as the agent computes them (task_linux.go), and where the cgroup file system is. */
class TaskCgroupsTest {

    private static TaskDefinition td(String json) throws Exception {
        return TaskDefinitionFormat.parse("td.json", json).taskDefinition();
    }

    @Test
    void taskCpuIsAQuotaOfItsVcpusPerPeriodAndMemoryAHardLimit() throws Exception {
        var limits = TaskCgroups.limits(td("""
                {"family": "f", "cpu": "256", "memory": "0.5 GB", "containerDefinitions": [{"name": "a", "image": "x"}]}"""));
        assertThat(limits.cpuQuotaMicros()).isEqualTo(25_000L);
        assertThat(limits.cpuShares()).isNull();
        assertThat(limits.memoryBytes()).isEqualTo(512L * 1048576);
        assertThat(TaskCgroups.limits(td("""
                {"family": "f", "cpu": "2 vCPU", "containerDefinitions": [{"name": "a", "image": "x"}]}""")).cpuQuotaMicros())
                .isEqualTo(200_000L);
    }

    @Test
    void withoutATaskCpuTheContainersSharesAddUpEachAtLeastTwoAndNoMemoryMeansNoLimit() throws Exception {
        var limits = TaskCgroups.limits(td("""
                {"family": "f", "containerDefinitions": [{"name": "a", "image": "x", "cpu": 512},
                  {"name": "b", "image": "x"}, {"name": "c", "image": "x", "cpu": 1}]}"""));
        assertThat(limits.cpuQuotaMicros()).isNull();
        assertThat(limits.cpuShares()).isEqualTo(516L);
        assertThat(limits.memoryBytes()).isNull();
        assertThat(TaskCgroups.limits(td("""
                {"family": "f", "containerDefinitions": [{"name": "a", "image": "x", "cpu": 200000},
                  {"name": "b", "image": "x", "cpu": 200000}]}""")).cpuShares()).isEqualTo(262_144L);
    }

    @Test
    void theParentIsTheAgentsEcsPrefixAndTheTaskId() {
        assertThat(TaskCgroups.parent("0123456789abcdef0123456789abcdef")).isEqualTo("/ecs/0123456789abcdef0123456789abcdef");
    }

    @Test
    void layoutReadsV1HierarchiesByControllerAndRefusesANestedView() {
        List<String> v1 = List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
                "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
                "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids",
                "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw");
        var layout = TaskCgroups.layout(v1, 1);
        assertThat(layout.v1()).containsEntry("cpu", Path.of("/sys/fs/cgroup/cpu,cpuacct"))
                .containsEntry("cpuacct", Path.of("/sys/fs/cgroup/cpu,cpuacct"))
                .containsEntry("memory", Path.of("/sys/fs/cgroup/memory"))
                .containsEntry("name=systemd", Path.of("/sys/fs/cgroup/systemd")).doesNotContainKey("xattr");
        assertThat(layout.roots()).as("each hierarchy the engine makes the task's cgroup in, once").hasSize(4);

        List<String> nested = List.of(
                "32 31 0:29 /docker/abc /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu",
                "35 31 0:32 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory");
        assertThat(TaskCgroups.layout(nested, 1)).as("a container's own view of its cgroups").isNull();

        var v2 = TaskCgroups.layout(List.of("30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"), 2);
        assertThat(v2.v2()).isEqualTo(Path.of("/sys/fs/cgroup"));
        assertThat(v2.roots()).containsExactly(Path.of("/sys/fs/cgroup"));
    }

    @Test
    void whereTaskCgroupsCannotBeMadeTheRunSaysWhy() throws Exception {
        var design = io.stowage.format.design.DesignFormat.parse("d.stowage.json", """
                {"formatVersion": 1, "name": "d", "clusters": [{"id": "c", "name": "c",
                  "instances": [{"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                  "tasks": [{"id": "t", "run": {"taskDefinition": "f"}}]}],
                 "taskDefinitions": [{"family": "f", "memory": "64", "containerDefinitions": [{"name": "a", "image": "x"}]}]}
                """).design();
        var unavailable = TaskCgroups.unavailable("the engine's cgroup driver is systemd");
        assertThat(LocalEngine.deviations(design, LocalRunOptions.defaults(), "net", unavailable))
                .anySatisfy(d -> assertThat(d).contains("not enforced as a task cgroup")
                        .contains("the engine's cgroup driver is systemd"));
        assertThat(LocalEngine.deviations(design, LocalRunOptions.defaults(), "net",
                TaskCgroups.at(new TaskCgroups.Layout(2, Map.of(), Path.of("/sys/fs/cgroup")))))
                .noneSatisfy(d -> assertThat(d).contains("task cgroup"));
    }
}
