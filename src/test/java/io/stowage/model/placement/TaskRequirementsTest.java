package io.stowage.model.placement;

import io.stowage.model.design.HostPort;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.HealthCheck;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.Secret;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskDefinitionPlacementConstraint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Task reservations (ecs-semantics §4.2, §5.7) and the attributes a task definition requires (§4.1). */
class TaskRequirementsTest {
    static ContainerDefinition c(String name) {
        return ContainerDefinition.EMPTY.withName(name).withImage("busybox");
    }

    @Test
    void taskLevelSizesWinAndAcceptUnits() {
        TaskDefinition td = TaskDefinition.EMPTY.withFamily("t").withCpu("1 vCPU").withMemory("2 GB")
                .withContainerDefinitions(List.of(c("a").withCpu(100).withMemory(100)));
        TaskRequirements r = TaskRequirements.of(td);
        assertThat(r.cpu()).isEqualTo(1024);
        assertThat(r.memoryMiB()).isEqualTo(2048);
        assertThat(r.requiredAttributes()).extracting(RequiredAttribute::name)
                .contains("ecs.capability.task-cpu-mem-limit");
    }

    @Test
    void containerSumsUseMemoryReservationBeforeMemory() {
        TaskDefinition td = TaskDefinition.EMPTY.withFamily("t").withContainerDefinitions(List.of(
                c("a").withCpu(256).withMemory(512).withMemoryReservation(128), c("b").withCpu(128).withMemory(300)));
        TaskRequirements r = TaskRequirements.of(td);
        assertThat(r.cpu()).isEqualTo(384);
        assertThat(r.memoryMiB()).isEqualTo(428);
    }

    @Test
    void staticHostPortsOutsideAwsvpc() {
        ContainerDefinition web = c("web").withMemory(64).withPortMappings(List.of(
                PortMapping.EMPTY.withContainerPort(80).withHostPort(8080),
                PortMapping.EMPTY.withContainerPort(53).withHostPort(53).withProtocol("udp"),
                PortMapping.EMPTY.withContainerPort(3000).withHostPort(0)));
        TaskDefinition bridge = TaskDefinition.EMPTY.withFamily("t").withContainerDefinitions(List.of(web));
        assertThat(TaskRequirements.of(bridge).hostPorts())
                .containsExactlyInAnyOrder(new HostPort("tcp", 8080), new HostPort("udp", 53));
        ContainerDefinition hostMode = c("web").withMemory(64).withPortMappings(List.of(
                PortMapping.EMPTY.withContainerPort(80)));
        assertThat(TaskRequirements.of(bridge.withNetworkMode("host").withContainerDefinitions(List.of(hostMode)))
                .hostPorts()).containsExactly(new HostPort("tcp", 80));
        TaskRequirements awsvpc = TaskRequirements.of(bridge.withNetworkMode("awsvpc"));
        assertThat(awsvpc.hostPorts()).isEmpty();
        assertThat(awsvpc.requiredAttributes()).extracting(RequiredAttribute::name).contains("ecs.capability.task-eni");
    }

    @Test
    void requiredAttributesFollowTheFeaturesUsed() {
        ContainerDefinition app = c("app").withMemory(64)
                .withHealthCheck(HealthCheck.EMPTY.withCommand(List.of("CMD", "true")))
                .withDependsOn(List.of(ContainerDependency.EMPTY.withContainerName("init").withCondition("SUCCESS")))
                .withSecrets(List.of(Secret.EMPTY.withName("DB").withValueFrom(
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")))
                .withLogConfiguration(LogConfiguration.EMPTY.withLogDriver("awslogs"));
        TaskDefinition td = TaskDefinition.EMPTY.withFamily("t").withContainerDefinitions(List.of(app, c("init")))
                .withPlacementConstraints(List.of(TaskDefinitionPlacementConstraint.EMPTY.withType("memberOf")
                        .withExpression("attribute:ecs.os-type == linux")));
        TaskRequirements r = TaskRequirements.of(td);
        assertThat(r.requiredAttributes()).extracting(RequiredAttribute::name).containsExactlyInAnyOrder(
                "ecs.capability.container-health-check", "ecs.capability.container-ordering",
                "ecs.capability.secrets.asm.environment-variables",
                "com.amazonaws.ecs.capability.logging-driver.awslogs");
        assertThat(r.constraints()).containsExactly("attribute:ecs.os-type == linux");
    }
}
