package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.ruleIds;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ResourceRulesTest {

    @Test
    void containerLevelMemoryWithoutTaskMemoryIsFineOnEc2() throws Exception {
        assertThat(validate(file("valid-ec2-bridge.json"))).isEmpty();
    }

    @Test
    void onEc2EachContainerNeedsMemoryWhenTheTaskHasNone() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].memoryReservation", null);

        assertThat(ids(validate(task))).contains(tuple("memory-required", "containerDefinitions[1]"));
        assertThat(ruleIds(validate(set(task, "memory", "1 GB")))).doesNotContain("memory-required");
    }

    @Test
    void memoryReservationStaysBelowMemory() throws Exception {
        TaskDefinition above = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].memoryReservation", 1024);
        TaskDefinition equal = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].memoryReservation", 512);

        assertThat(find(validate(above), "memory-reservation", "containerDefinitions[0].memoryReservation").isError())
                .isTrue();
        assertThat(find(validate(equal), "memory-reservation", "containerDefinitions[0].memoryReservation").isError())
                .isFalse();
    }

    @Test
    void containersFitIntoTheTaskMemoryAndCpu() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[0].memory", 4096);
        task = set(task, "containerDefinitions[1].memoryReservation", 1800);
        task = set(task, "containerDefinitions[1].cpu", 512);

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).contains(tuple("container-memory-task", "containerDefinitions[0].memory"),
                tuple("memory-sum", "memory"), tuple("cpu-sum", "cpu"));
        assertThat(find(findings, "memory-sum", "memory").message()).contains("2824 MiB").contains("2048 MiB");
        assertThat(find(findings, "cpu-sum", "cpu").message()).contains("1280 CPU units");
    }

    @Test
    void taskSizesAcceptVcpuAndGbForms() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "cpu", "1 vCPU");
        task = set(task, "memory", "2GB");

        assertThat(validate(task)).isEmpty();
        assertThat(ids(validate(set(task, "cpu", "one")))).contains(tuple("task-cpu", "cpu"));
        assertThat(ids(validate(set(task, "memory", "2 TB")))).contains(tuple("task-memory", "memory"));
        assertThat(ids(validate(set(task, "cpu", "64")))).contains(tuple("task-cpu", "cpu"));
    }

    @Test
    void containerMemoryBelowDockersMinimumIsAWarning() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[0].memoryReservation", 4);

        Finding finding = find(validate(task), "memory-minimum", "containerDefinitions[0].memoryReservation");

        assertThat(finding.isError()).isFalse();
        assertThat(finding.message()).contains("6 MiB");
    }

    @Test
    void gpuCountsAndEphemeralStorageAreValid() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[0].resourceRequirements",
                "[{\"type\": \"GPU\", \"value\": \"one\"}]");
        task = set(task, "ephemeralStorage", "{\"sizeInGiB\": 20}");

        assertThat(ids(validate(task))).contains(
                tuple("resource-requirements", "containerDefinitions[0].resourceRequirements[0].value"),
                tuple("ephemeral-storage", "ephemeralStorage.sizeInGiB"));
    }
}
