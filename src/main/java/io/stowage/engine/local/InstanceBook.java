package io.stowage.engine.local;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.TaskRequirements;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulated container instances of a design on the one Docker engine: each has its own loopback address
 * ({@code <base>.N}; Linux routes all of 127/8 to the loopback interface), so that two instances can both publish
 * host port 80 as they could on ECS, and its own registered capacity. awsvpc tasks get an address of their own
 * from a second block, as each would get an ENI. Touched on the run's state thread only.
 */
final class InstanceBook {
    private final Design design;
    private final LocalRunOptions options;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final BitSet taskAddresses = new BitSet(256);

    InstanceBook(Design design, LocalRunOptions options) {
        this.design = design;
        this.options = options;
        int n = 0;
        for (Cluster cluster : design.clusters()) {
            for (ContainerInstance instance : cluster.instances()) {
                addresses.put(key(cluster.id(), instance.id()), options.instanceAddressBase() + "." + (++n));
            }
        }
        taskAddresses.set(0);
    }

    static String key(String clusterId, String instanceId) {
        return clusterId + "/" + instanceId;
    }

    /** Where the instance's host ports are published, or null when every interface is used. */
    String hostIp(String clusterId, String instanceId) {
        return options.publishAllInterfaces() ? null : addresses.get(key(clusterId, instanceId));
    }

    String address(String clusterId, String instanceId) {
        return addresses.get(key(clusterId, instanceId));
    }

    /** An address for an awsvpc task, as its ENI's; null when the block is used up. */
    String leaseTaskAddress() {
        int next = taskAddresses.nextClearBit(1);
        if (next > 254) {
            return null;
        }
        taskAddresses.set(next);
        return options.taskAddressBase() + "." + next;
    }

    /** An adopted awsvpc task keeps the address its pause container publishes on. */
    void claimTaskAddress(String address) {
        if (address != null && address.startsWith(options.taskAddressBase() + ".")) {
            try {
                taskAddresses.set(Integer.parseInt(address.substring(options.taskAddressBase().length() + 1)));
            } catch (NumberFormatException notOurs) {
                // Not one of the block's: nothing to hold.
            }
        }
    }

    void releaseTaskAddress(String address) {
        if (address != null && address.startsWith(options.taskAddressBase() + ".")) {
            taskAddresses.clear(Integer.parseInt(address.substring(options.taskAddressBase().length() + 1)));
        }
    }

    static String instanceArn(String cluster, String instanceId) {
        return "arn:aws:ecs:local:000000000000:container-instance/" + cluster + "/" + instanceId;
    }

    /** Reports every instance of the design with what the given tasks reserve on it. */
    void report(Collection<TaskState> tasks, RuntimeListener listener) {
        for (Cluster cluster : design.clusters()) {
            for (ContainerInstance instance : cluster.instances()) {
                listener.instanceChanged(state(cluster, instance, tasks));
            }
        }
    }

    InstanceState state(Cluster cluster, ContainerInstance instance, Collection<TaskState> tasks) {
        int cpu = 0;
        int memory = 0;
        int running = 0;
        int pending = 0;
        List<TaskState> on = new ArrayList<>();
        for (TaskState t : tasks) {
            if (cluster.name().equals(t.cluster()) && instance.id().equals(t.instanceId())) {
                on.add(t);
            }
        }
        for (TaskState t : on) {
            if (t.isStopped()) {
                continue;
            }
            var td = design.taskDefinition(t.family()).orElse(null);
            if (td != null) {
                TaskRequirements needs = TaskRequirements.of(td);
                cpu += needs.cpu();
                memory += needs.memoryMiB();
            }
            if (t.desiredStatus() == TaskStatus.RUNNING) {
                running++;
            }
            if (t.lastStatus() == TaskStatus.PENDING) {
                pending++;
            }
        }
        return new InstanceState(cluster.name(), instance.id(), instanceArn(cluster.name(), instance.id()),
                instance.id(), "ACTIVE", instance.agentConnected(), "stowage-local", running, pending,
                instance.registeredCpu(), instance.registeredMemoryMiB(), instance.registeredCpu() - cpu,
                instance.registeredMemoryMiB() - memory);
    }
}
