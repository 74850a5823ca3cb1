package io.stowage.model.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses EC2 container instances on which a set of tasks can all be placed at once: as few instances as the
 * static host ports allow (two tasks binding the same host port need two instances), of the smallest catalogue
 * type that holds them, one type per kind of machine (architecture, OS, GPU). It packs first-fit by decreasing
 * memory, checking CPU, memory, GPUs and ports as the scheduler's first placement step does (ecs-semantics §5.1).
 */
final class CapacityPlanner {
    static final List<String> ZONES = List.of("us-east-1a", "us-east-1b");

    /** One task to place: a name for notes and what it reserves. */
    record Demand(String name, TaskRequirements requirements) {
    }

    /** The instances chosen and what could not be satisfied. */
    record Plan(List<ContainerInstance> instances, List<String> notes) {
    }

    private record MachineKind(String architecture, String osType, boolean gpu) {
    }

    private CapacityPlanner() {
    }

    static Plan plan(List<Demand> demands) {
        Map<MachineKind, List<Demand>> byKind = new LinkedHashMap<>();
        for (Demand demand : demands) {
            TaskRequirements r = demand.requirements();
            String architecture = r.osType().equals(ContainerInstance.WINDOWS) ? InstanceType.X86_64 : r.cpuArchitecture();
            byKind.computeIfAbsent(new MachineKind(architecture, r.osType(), r.gpus() > 0), k -> new ArrayList<>())
                    .add(demand);
        }
        List<ContainerInstance> instances = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        byKind.forEach((kind, group) -> planKind(kind, group, instances, notes));
        return new Plan(instances, notes);
    }

    private static void planKind(MachineKind kind, List<Demand> group, List<ContainerInstance> out, List<String> notes) {
        List<InstanceType> types = InstanceTypes.smallestFirst(kind.architecture(), kind.gpu());
        InstanceType largest = types.get(types.size() - 1);
        List<Demand> placeable = new ArrayList<>();
        for (Demand demand : group) {
            warnAboutReservedPorts(demand, kind, notes);
            if (fits(demand.requirements(), largest)) {
                placeable.add(demand);
            } else {
                notes.add(demand.name() + " needs " + describe(demand.requirements()) + ", more than the largest "
                        + "catalogue type " + largest.name() + " registers; added a " + largest.name()
                        + " instance for it, where it cannot be placed until you choose a larger type");
                add(out, largest, kind);
            }
        }
        if (placeable.isEmpty()) {
            return;
        }
        placeable.sort(Comparator.comparingInt((Demand d) -> d.requirements().memoryMiB())
                .thenComparingInt(d -> d.requirements().cpu()).reversed());
        for (int count = minimumInstances(placeable); count <= placeable.size(); count++) {
            for (InstanceType type : types) {
                if (packs(placeable, type, count)) {
                    for (int i = 0; i < count; i++) {
                        add(out, type, kind);
                    }
                    return;
                }
            }
        }
        throw new IllegalStateException("one task per largest instance always packs");
    }

    /** The most tasks that bind one host port: that many instances at least. */
    private static int minimumInstances(List<Demand> demands) {
        Map<HostPort, Integer> binders = new HashMap<>();
        int most = 1;
        for (Demand demand : demands) {
            for (HostPort port : demand.requirements().hostPorts()) {
                most = Math.max(most, binders.merge(port, 1, Integer::sum));
            }
        }
        return most;
    }

    private static boolean packs(List<Demand> demands, InstanceType type, int count) {
        int[] cpu = new int[count];
        int[] memory = new int[count];
        int[] gpus = new int[count];
        List<Set<HostPort>> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cpu[i] = type.registeredCpu();
            memory[i] = type.registeredMemoryMiB();
            gpus[i] = type.gpus();
            ports.add(new HashSet<>());
        }
        for (Demand demand : demands) {
            TaskRequirements r = demand.requirements();
            boolean placed = false;
            for (int i = 0; i < count && !placed; i++) {
                if (r.cpu() <= cpu[i] && r.memoryMiB() <= memory[i] && r.gpus() <= gpus[i]
                        && ports.get(i).stream().noneMatch(r.hostPorts()::contains)) {
                    cpu[i] -= r.cpu();
                    memory[i] -= r.memoryMiB();
                    gpus[i] -= r.gpus();
                    ports.get(i).addAll(r.hostPorts());
                    placed = true;
                }
            }
            if (!placed) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(TaskRequirements r, InstanceType type) {
        return r.cpu() <= type.registeredCpu() && r.memoryMiB() <= type.registeredMemoryMiB() && r.gpus() <= type.gpus();
    }

    private static void warnAboutReservedPorts(Demand demand, MachineKind kind, List<String> notes) {
        List<Integer> reserved = kind.osType().equals(ContainerInstance.WINDOWS)
                ? ContainerInstance.DEFAULT_WINDOWS_RESERVED_PORTS : ContainerInstance.DEFAULT_RESERVED_PORTS;
        for (HostPort port : demand.requirements().hostPorts()) {
            if (port.protocol().equals("tcp") && reserved.contains(port.port())) {
                notes.add(demand.name() + " binds host port " + port + ", which the ECS agent reserves by default "
                        + "(ECS_RESERVED_PORTS); change the instance's reserved ports or the mapping");
            }
        }
    }

    private static void add(List<ContainerInstance> out, InstanceType type, MachineKind kind) {
        int number = out.size() + 1;
        ContainerInstance instance = ContainerInstance.of("i-" + number, type.name(), ZONES.get((number - 1) % ZONES.size()));
        if (kind.osType().equals(ContainerInstance.WINDOWS)) {
            instance = instance.withOsType(ContainerInstance.WINDOWS);
        }
        out.add(instance);
    }

    private static String describe(TaskRequirements r) {
        return r.cpu() + " CPU units, " + r.memoryMiB() + " MiB" + (r.gpus() > 0 ? ", " + r.gpus() + " GPU" : "");
    }
}
