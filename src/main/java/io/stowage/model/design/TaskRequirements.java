package io.stowage.model.design;

import io.stowage.model.ecs.TaskSize;
import java.util.function.Function;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.ResourceRequirement;
import io.stowage.model.ecs.RuntimePlatform;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one task of a task definition reserves on an EC2 container instance, computed as the ECS scheduler does
 * (ecs-semantics §4.2, mirrored by the agent's {@code Task.ToHostResources()}): CPU is the task {@code cpu} if
 * set, else the sum of container {@code cpu}; memory is the task {@code memory} if set, else the sum per
 * container of {@code memoryReservation} if positive, else {@code memory}; ports are the static host ports of
 * bridge and host mode (awsvpc tasks bind none on the host).
 *
 * @param cpu             CPU units
 * @param memoryMiB       MiB
 * @param gpus            GPUs (container {@code resourceRequirements} of type GPU)
 * @param hostPorts       static host ports
 * @param cpuArchitecture {@code x86_64} or {@code arm64}, from {@code runtimePlatform}
 * @param osType          {@code linux} or {@code windows}, from {@code runtimePlatform}
 * @param assumptions     what had to be assumed because the task definition does not say, as sentences
 */
public record TaskRequirements(int cpu, int memoryMiB, int gpus, Set<HostPort> hostPorts, String cpuArchitecture,
                               String osType, List<String> assumptions) {
    /** Memory assumed for a container that states none, when the task states none either: a conservative guess. */
    public static final int DEFAULT_CONTAINER_MEMORY_MIB = 512;

    public TaskRequirements {
        hostPorts = Set.copyOf(hostPorts);
        assumptions = List.copyOf(assumptions);
    }

    public static TaskRequirements of(TaskDefinition td) {
        List<String> assumptions = new ArrayList<>();
        List<ContainerDefinition> containers = td.containerDefinitions();
        Integer taskCpu = parseSize(td.cpu(), TaskSize::cpuUnits, "cpu", assumptions);
        Integer taskMemory = parseSize(td.memory(), TaskSize::memoryMiB, "memory", assumptions);
        int cpu = taskCpu != null ? taskCpu : containers.stream()
                .mapToInt(c -> c.cpu() == null ? 0 : Math.max(0, c.cpu())).sum();
        int memory = taskMemory != null ? taskMemory : containerMemory(containers, assumptions);
        int gpus = 0;
        for (ContainerDefinition container : containers) {
            for (ResourceRequirement requirement : container.resourceRequirements()) {
                if ("GPU".equals(requirement.type()) && requirement.value() != null
                        && requirement.value().strip().matches("[0-9]{1,4}")) {
                    gpus += Integer.parseInt(requirement.value().strip());
                }
            }
        }
        RuntimePlatform platform = td.runtimePlatform();
        String architecture = platform != null && "ARM64".equals(platform.cpuArchitecture())
                ? InstanceType.ARM64 : InstanceType.X86_64;
        String os = platform != null && platform.operatingSystemFamily() != null
                && platform.operatingSystemFamily().startsWith("WINDOWS")
                ? ContainerInstance.WINDOWS : ContainerInstance.LINUX;
        return new TaskRequirements(cpu, memory, gpus, hostPorts(td, assumptions), architecture, os, assumptions);
    }

    private static int containerMemory(List<ContainerDefinition> containers, List<String> assumptions) {
        int sum = 0;
        for (int i = 0; i < containers.size(); i++) {
            ContainerDefinition container = containers.get(i);
            Integer reservation = container.memoryReservation();
            Integer limit = container.memory();
            if (reservation != null && reservation > 0) {
                sum += reservation;
            } else if (limit != null && limit > 0) {
                sum += limit;
            } else {
                sum += DEFAULT_CONTAINER_MEMORY_MIB;
                String name = container.name() == null || container.name().isBlank()
                        ? "containerDefinitions[" + i + "]" : container.name();
                assumptions.add("container " + name + " states no memory and the task none either; assumed "
                        + DEFAULT_CONTAINER_MEMORY_MIB + " MiB (ECS requires one of them on EC2)");
            }
        }
        return sum;
    }

    /**
     * Static host ports: in host mode every mapping binds its host port, which defaults to the container port;
     * in bridge mode (the Linux default) and Windows' default (NAT) mode only mappings with a hostPort above 0
     * do, the others get a dynamic port (ecs-semantics §1.3, §4.2). awsvpc and none bind nothing on the host.
     */
    private static Set<HostPort> hostPorts(TaskDefinition td, List<String> assumptions) {
        String mode = td.networkMode() == null ? "bridge" : td.networkMode();
        if (!mode.equals("bridge") && !mode.equals("host") && !mode.equals("default")) {
            return Set.of();
        }
        Set<HostPort> ports = new LinkedHashSet<>();
        for (ContainerDefinition container : td.containerDefinitions()) {
            for (PortMapping mapping : container.portMappings()) {
                Integer port = mapping.hostPort();
                if (mode.equals("host") && (port == null || port == 0)) {
                    port = mapping.containerPort();
                }
                if (port == null || port <= 0) {
                    continue;
                }
                String protocol = mapping.protocol() == null ? "tcp" : mapping.protocol().toLowerCase(Locale.ROOT);
                if (!ports.add(new HostPort(protocol, port))) {
                    assumptions.add("host port " + port + "/" + protocol + " is bound twice within the task, "
                            + "which no instance can satisfy");
                }
            }
        }
        return ports;
    }

    /**
     * A task-level size as {@link TaskSize} reads it ("1 vCPU", "2GB", "512"). Null when absent; a template
     * placeholder or other text reads as absent, with an assumption noted.
     */
    static Integer parseSize(String text, Function<String, Integer> reader, String what, List<String> assumptions) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Integer size = reader.apply(text);
        if (size == null) {
            assumptions.add("task " + what + " \"" + text + "\" is not a size; sized as if it were absent");
        }
        return size;
    }
}
