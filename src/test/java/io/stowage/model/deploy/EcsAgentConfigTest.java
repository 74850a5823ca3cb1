package io.stowage.model.deploy;

import io.stowage.model.design.ContainerInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EcsAgentConfigTest {

    @Test
    void linuxUserDataJoinsTheClusterWithTheDesignsAttributesAndPorts() {
        ContainerInstance instance = ContainerInstance.of("i-0a1b2c3d", "t3.medium", "us-east-1a")
                .withAttributes(Map.of("team", "blue"))
                .withReservedPorts(List.of(22, 8080), List.of(53));

        assertThat(EcsAgentConfig.userData("demo", instance)).isEqualTo("""
                #!/bin/bash
                cat >> /etc/ecs/ecs.config <<'STOWAGE'
                ECS_CLUSTER=demo
                ECS_INSTANCE_ATTRIBUTES={"stowage.instance":"i-0a1b2c3d","team":"blue"}
                ECS_RESERVED_PORTS=[22,8080]
                ECS_RESERVED_PORTS_UDP=[53]
                STOWAGE
                """);
    }

    @Test
    void defaultReservedPortsAreLeftToTheAgent() {
        ContainerInstance instance = ContainerInstance.of("i-1", "t3.medium", "us-east-1a");

        assertThat(EcsAgentConfig.lines("demo", instance)).containsExactly("ECS_CLUSTER=demo",
                "ECS_INSTANCE_ATTRIBUTES={\"stowage.instance\":\"i-1\"}");
    }

    @Test
    void windowsInstancesInitialiseTheAgentWithPowerShell() {
        ContainerInstance instance = ContainerInstance.of("i-1", "m5.large", "us-east-1a")
                .withOsType(ContainerInstance.WINDOWS);

        assertThat(EcsAgentConfig.userData("demo", instance)).startsWith("<powershell>\n")
                .contains("Initialize-ECSAgent -Cluster 'demo' -EnableTaskIAMRole");
        assertThat(EcsAgentConfig.amiParameter(instance))
                .isEqualTo("/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id");
    }

    @Test
    void theAmiFollowsArchitectureAndGpus() {
        assertThat(EcsAgentConfig.amiParameter(ContainerInstance.of("i-1", "m7g.large", "us-east-1a")))
                .isEqualTo("/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
        assertThat(EcsAgentConfig.amiParameter(ContainerInstance.of("i-1", "g4dn.xlarge", "us-east-1a")))
                .isEqualTo("/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id");
    }

    @Test
    void attachingRewritesOnlyTheLinesItOwns() {
        List<String> commands = EcsAgentConfig.attachCommands("demo", ContainerInstance.of("i-1", "t3.medium",
                "us-east-1a"));

        assertThat(commands.get(2)).isEqualTo("touch /etc/ecs/ecs.config && grep -Ev"
                + " '^ECS_CLUSTER=|^ECS_INSTANCE_ATTRIBUTES=|^ECS_RESERVED_PORTS=|^ECS_RESERVED_PORTS_UDP=' /etc/ecs/ecs.config > /etc/ecs/ecs.config.new || true");
        assertThat(commands).last().isEqualTo("systemctl start --no-block ecs");
    }
}
