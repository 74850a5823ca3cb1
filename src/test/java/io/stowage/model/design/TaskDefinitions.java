package io.stowage.model.design;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.RuntimePlatform;
import io.stowage.model.ecs.TaskDefinition;

import java.util.List;

/** Small task definitions for tests, built with the typed views. */
final class TaskDefinitions {
    private TaskDefinitions() {
    }

    static ContainerDefinition container(String name, Integer memory) {
        return ContainerDefinition.EMPTY.withName(name).withImage("busybox").withMemory(memory);
    }

    static TaskDefinition ec2(String family, ContainerDefinition... containers) {
        return TaskDefinition.EMPTY.withFamily(family).withContainerDefinitions(List.of(containers));
    }

    /** A bridge-mode task binding the host port to the same container port. */
    static TaskDefinition bindingHostPort(String family, int port) {
        return ec2(family, container(family, 128).withPortMappings(List.of(
                PortMapping.EMPTY.withContainerPort(port).withHostPort(port))));
    }

    static TaskDefinition fargate(String family) {
        return TaskDefinition.EMPTY.withFamily(family).withNetworkMode("awsvpc")
                .withRequiresCompatibilities(List.of("FARGATE")).withCpu("256").withMemory("512")
                .withContainerDefinitions(List.of(container(family, null)));
    }

    static TaskDefinition arm(String family) {
        return ec2(family, container(family, 256))
                .withRuntimePlatform(RuntimePlatform.EMPTY.withCpuArchitecture("ARM64").withOperatingSystemFamily("LINUX"));
    }
}
