package io.stowage.model.placement;

import io.stowage.model.design.HostPort;

import java.util.List;

/**
 * A container instance after placement: what it registered, what the placed tasks reserve, the host ports in
 * use (the agent's reserved ports plus the tasks' static ports) and its tasks.
 */
public record InstanceUsage(String clusterId, String instanceId, String availabilityZone, int registeredCpu,
                            int reservedCpu, int registeredMemoryMiB, int reservedMemoryMiB, List<HostPort> ports,
                            List<TaskRef> tasks) {
    public InstanceUsage {
        ports = List.copyOf(ports);
        tasks = List.copyOf(tasks);
    }

    public int runningTasksCount() {
        return tasks.size();
    }

    public int remainingCpu() {
        return registeredCpu - reservedCpu;
    }

    public int remainingMemoryMiB() {
        return registeredMemoryMiB - reservedMemoryMiB;
    }
}
