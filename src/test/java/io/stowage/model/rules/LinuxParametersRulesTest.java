package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LinuxParametersRulesTest {
    private static final String LINUX = "containerDefinitions[0].linuxParameters";

    @Test
    void validKernelSettingsGiveNoFinding() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), LINUX, "{\"capabilities\": {\"add\": [\"NET_ADMIN\"],"
                + " \"drop\": [\"ALL\"]}, \"maxSwap\": 512, \"swappiness\": 10, \"sharedMemorySize\": 128,"
                + " \"tmpfs\": [{\"containerPath\": \"/run\", \"size\": 64, \"mountOptions\": [\"rw\", \"mode=1777\"]}]}");
        task = set(task, "containerDefinitions[0].systemControls", "[{\"namespace\": \"kernel.shmmax\", \"value\": \"1\"}]");

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void capabilitiesAreKnownNames() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), LINUX + ".capabilities.add",
                "[\"CAP_NET_ADMIN\", \"SUPERPOWER\"]");

        assertThat(find(validate(task), "linux-capabilities", LINUX + ".capabilities.add[0]").isError()).isFalse();
        assertThat(find(validate(task), "linux-capabilities", LINUX + ".capabilities.add[1]").isError()).isTrue();
    }

    @Test
    void swapTmpfsAndSharedMemoryValues() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), LINUX, "{\"swappiness\": 101, \"sharedMemorySize\": 0,"
                + " \"tmpfs\": [{\"containerPath\": \"run\", \"size\": 0, \"mountOptions\": [\"fast\"]}]}");

        assertThat(ids(validate(task))).contains(tuple("linux-swap", LINUX + ".swappiness"),
                tuple("linux-shared-memory", LINUX + ".sharedMemorySize"),
                tuple("tmpfs", LINUX + ".tmpfs[0].containerPath"), tuple("tmpfs", LINUX + ".tmpfs[0].size"),
                tuple("tmpfs", LINUX + ".tmpfs[0].mountOptions[0]"));
        assertThat(find(validate(set(task, LINUX + ".swappiness", 60)), "linux-swap", LINUX + ".swappiness").isError())
                .isFalse();
    }

    @Test
    void ulimitSoftLimitIsAtMostTheHardLimit() throws Exception {
        TaskDefinition task = set(file("valid-ec2-bridge.json"), "containerDefinitions[1].ulimits[0].softLimit", 70000);
        task = set(task, "containerDefinitions[1].ulimits[1]", "{\"name\": \"nofile\", \"softLimit\": 1, \"hardLimit\": 2}");

        assertThat(ids(validate(task))).contains(tuple("ulimit-limits", "containerDefinitions[1].ulimits[0].softLimit"),
                tuple("ulimit-duplicate", "containerDefinitions[1].ulimits[1].name"));
    }

    @Test
    void sysctlsMustBeNamespacedAndFitTheNamespaceModes() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[0].systemControls",
                "[{\"namespace\": \"vm.swappiness\", \"value\": \"1\"}, {\"namespace\": \"net.core.somaxconn\", \"value\": \"1\"},"
                        + " {\"namespace\": \"kernel.sem\", \"value\": \"1 1 1 1\"}]");
        task = set(set(task, "networkMode", "host"), "ipcMode", "host");

        assertThat(ids(validate(task))).contains(
                tuple("system-controls", "containerDefinitions[0].systemControls[0].namespace"),
                tuple("system-controls", "containerDefinitions[0].systemControls[1].namespace"),
                tuple("system-controls", "containerDefinitions[0].systemControls[2].namespace"));
    }
}
