package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.ruleIds;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FargateRulesTest {

    @Test
    void validFargateTaskDefinitionsGiveNoFinding() throws Exception {
        assertThat(validate(file("valid-fargate.json"))).isEmpty();
        assertThat(validate(file("valid-fargate-firelens.json"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"256,512", "256,2048", ".5 vCPU,4 GB", "1024,8192", "2048,16384", "4096,30720", "8 vCPU,60 GB",
            "16384,122880"})
    void validSizes(String cpu, String memory) throws Exception {
        TaskDefinition task = set(set(file("valid-fargate.json"), "cpu", cpu), "memory", memory);
        task = set(task, "containerDefinitions[1].cpu", null);
        task = set(task, "containerDefinitions[1].memoryReservation", null);

        assertThat(ruleIds(validate(task))).doesNotContain("fargate-cpu-memory");
    }

    @ParameterizedTest
    @CsvSource({"256,4096,memory", "512,512,memory", "1024,9216,memory", "8192,18432,memory", "300,1024,cpu",
            "32768,65536,cpu"})
    void invalidSizes(String cpu, String memory, String path) throws Exception {
        TaskDefinition task = set(set(file("valid-fargate.json"), "cpu", cpu), "memory", memory);

        assertThat(ids(validate(task))).contains(tuple("fargate-cpu-memory", path));
    }

    @Test
    void fargateIsChosenByTheContextOrRequiresCompatibilities() throws Exception {
        TaskDefinition ec2 = file("valid-ec2-bridge.json");

        assertThat(ruleIds(validate(ec2))).noneMatch(id -> id.startsWith("fargate-"));
        List<Finding> onFargate = validate(ec2, "FARGATE");
        assertThat(ids(onFargate)).contains(tuple("fargate-cpu-memory", "cpu"), tuple("fargate-cpu-memory", "memory"),
                tuple("fargate-network-mode", "networkMode"), tuple("fargate-unsupported", "containerDefinitions[0].links"),
                tuple("fargate-unsupported", "placementConstraints"), tuple("fargate-log-driver",
                        "containerDefinitions[0].logConfiguration.logDriver"),
                tuple("fargate-volume", "volumes[0].host.sourcePath"));
    }

    @Test
    void hostPortMustEqualContainerPort() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].portMappings[0].hostPort", 80);

        assertThat(find(validate(task), "fargate-host-port", "containerDefinitions[1].portMappings[0].hostPort").message())
                .contains("hostPort 80 must equal containerPort 8080");
    }

    @Test
    void forbiddenParameters() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].privileged", true);
        task = set(task, "containerDefinitions[1].dnsServers", "[\"10.0.0.2\"]");
        task = set(task, "containerDefinitions[1].linuxParameters.sharedMemorySize", 64);
        task = set(task, "containerDefinitions[1].linuxParameters.capabilities.add", "[\"SYS_PTRACE\", \"NET_ADMIN\"]");
        task = set(task, "ipcMode", "task");
        task = set(task, "pidMode", "host");

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).contains(tuple("fargate-unsupported", "containerDefinitions[1].privileged"),
                tuple("fargate-unsupported", "containerDefinitions[1].dnsServers"),
                tuple("fargate-unsupported", "containerDefinitions[1].linuxParameters.sharedMemorySize"),
                tuple("fargate-capabilities", "containerDefinitions[1].linuxParameters.capabilities.add[1]"),
                tuple("fargate-unsupported", "ipcMode"), tuple("fargate-unsupported", "pidMode"));
        assertThat(ids(findings)).doesNotContain(
                tuple("fargate-capabilities", "containerDefinitions[1].linuxParameters.capabilities.add[0]"));
    }

    @Test
    void whatTheCurrentApiAllowsOnFargateIsNotReported() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "pidMode", "task");
        task = set(task, "containerDefinitions[1].systemControls", "[{\"namespace\": \"net.ipv4.tcp_keepalive_time\","
                + " \"value\": \"60\"}]");
        task = set(task, "containerDefinitions[1].privileged", false);

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void timeoutsAndLogDriversAndVolumes() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].stopTimeout", 300);
        task = set(task, "containerDefinitions[0].logConfiguration", "{\"logDriver\": \"gelf\"}");
        task = set(task, "volumes", "[{\"name\": \"scratch\", \"dockerVolumeConfiguration\": {\"scope\": \"task\"}}]");

        assertThat(ids(validate(task))).contains(tuple("fargate-timeout", "containerDefinitions[1].stopTimeout"),
                tuple("fargate-log-driver", "containerDefinitions[0].logConfiguration.logDriver"),
                tuple("fargate-volume", "volumes[0].dockerVolumeConfiguration"));
    }

    @Test
    void windowsOnFargateNeedsAtLeastOneVcpu() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "runtimePlatform.operatingSystemFamily",
                "WINDOWS_SERVER_2022_CORE");
        task = set(task, "containerDefinitions[1].linuxParameters", null);
        task = set(task, "containerDefinitions[1].ulimits", null);
        task = set(task, "containerDefinitions[1].readonlyRootFilesystem", null);

        assertThat(ids(validate(task))).containsExactly(tuple("fargate-windows-cpu", "cpu"));
        assertThat(validate(set(set(task, "cpu", "1024"), "memory", "2048"))).isEmpty();
    }
}
