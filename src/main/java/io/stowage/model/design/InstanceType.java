package io.stowage.model.design;

import java.util.Objects;

/**
 * An EC2 instance type as ECS sees it when the agent registers the instance.
 *
 * @param name         e.g. {@code t3.medium}
 * @param vcpus        virtual CPUs
 * @param memoryMiB    installed memory as EC2 advertises it (GiB × 1024)
 * @param architecture the {@code ecs.cpu-architecture} attribute value: {@code x86_64} or {@code arm64}
 * @param gpus         NVIDIA GPUs the agent registers as the GPU resource (0 for most types)
 */
public record InstanceType(String name, int vcpus, int memoryMiB, String architecture, int gpus) {
    public static final String X86_64 = "x86_64";
    public static final String ARM64 = "arm64";

    public InstanceType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** CPU units the agent registers: one vCPU is 1024 units (ecs-semantics §4.1, {@code numCPU × 1024}). */
    public int registeredCpu() {
        return vcpus * 1024;
    }

    /**
     * Memory the agent registers, which is less than the installed memory because the kernel and platform keep
     * some (ecs-semantics §4.1: {@code floor(MemTotal/MiB) − ECS_RESERVED_MEMORY}). AWS publishes no table of
     * MemTotal per type, only the example "an m4.large has 8 GiB installed and registers 7985 MiB" (Developer
     * Guide, memory-management); this scales that ratio, so values are estimates that real instances match
     * within a few tens of MiB. An instance in a design can override it.
     */
    public int registeredMemoryMiB() {
        return (int) (memoryMiB * 7985L / 8192L);
    }
}
