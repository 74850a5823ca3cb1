package io.stowage.model.design;

import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EC2 container instance: the machine plus the ECS agent that registers it with a cluster. The values are the
 * ones the agent registers (ecs-semantics §4.1), which placement later compares task reservations against.
 *
 * @param id                  the design's id for it, also its {@code ec2InstanceId} in placement expressions, e.g. {@code i-1}
 * @param instanceType        e.g. {@code t3.medium} (the {@code ecs.instance-type} attribute)
 * @param availabilityZone    e.g. {@code us-east-1a} (the {@code ecs.availability-zone} attribute)
 * @param registeredCpu       CPU units: vCPUs × 1024
 * @param registeredMemoryMiB memory the agent registers (less than installed; see {@link InstanceType#registeredMemoryMiB()})
 * @param registeredGpus      GPUs registered as the GPU resource
 * @param osType              {@code linux} or {@code windows} (the {@code ecs.os-type} attribute)
 * @param cpuArchitecture     {@code x86_64} or {@code arm64} (the {@code ecs.cpu-architecture} attribute)
 * @param attributes          custom attributes (ECS_INSTANCE_ATTRIBUTES), name → value
 * @param agentConnected      whether the agent is connected; only connected instances accept tasks (§4.2)
 * @param agentVersion        the agent version for {@code agentVersion} expressions, or null when unspecified
 * @param reservedPorts       TCP host ports the agent reserves (ECS_RESERVED_PORTS; a value replaces the default list)
 * @param reservedUdpPorts    UDP host ports the agent reserves (ECS_RESERVED_PORTS_UDP)
 * @param extras              members of the file this build does not know, kept for writing back
 */
public record ContainerInstance(String id, String instanceType, String availabilityZone, int registeredCpu,
                                int registeredMemoryMiB, int registeredGpus, String osType, String cpuArchitecture,
                                Map<String, String> attributes, boolean agentConnected, String agentVersion,
                                List<Integer> reservedPorts, List<Integer> reservedUdpPorts, JsonObject extras) {
    public static final String LINUX = "linux";
    public static final String WINDOWS = "windows";
    /** The agent's Linux default for ECS_RESERVED_PORTS (agent config, ecs-semantics §4.1 and §6). */
    public static final List<Integer> DEFAULT_RESERVED_PORTS = List.of(22, 2375, 2376, 51678, 51679);
    /** The agent's Windows default for ECS_RESERVED_PORTS (ecs-semantics §4.1). */
    public static final List<Integer> DEFAULT_WINDOWS_RESERVED_PORTS =
            List.of(53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679);

    public ContainerInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(cpuArchitecture, "cpuArchitecture");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        reservedPorts = List.copyOf(reservedPorts);
        reservedUdpPorts = List.copyOf(reservedUdpPorts);
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    /**
     * A Linux instance of a catalogue type, registered as the agent would register it by default.
     *
     * @throws IllegalArgumentException if the type is not in {@link InstanceTypes}
     */
    public static ContainerInstance of(String id, String instanceType, String availabilityZone) {
        InstanceType type = InstanceTypes.find(instanceType).orElseThrow(() ->
                new IllegalArgumentException("unknown instance type " + instanceType + "; give its CPU and memory"));
        return new ContainerInstance(id, type.name(), availabilityZone, type.registeredCpu(),
                type.registeredMemoryMiB(), type.gpus(), LINUX, type.architecture(), Map.of(), true, null,
                DEFAULT_RESERVED_PORTS, List.of(), JsonObject.EMPTY);
    }

    /** The ports this instance's agent reserves by default for its OS. */
    public List<Integer> defaultReservedPorts() {
        return WINDOWS.equals(osType) ? DEFAULT_WINDOWS_RESERVED_PORTS : DEFAULT_RESERVED_PORTS;
    }

    public ContainerInstance withId(String value) {
        return new ContainerInstance(value, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, cpuArchitecture, attributes, agentConnected, agentVersion, reservedPorts,
                reservedUdpPorts, extras);
    }

    /**
     * This instance as another type. For a catalogue type the registered CPU, memory, GPUs and architecture
     * follow the new type, since they describe the machine; for a type not in the catalogue they stay as they are.
     */
    public ContainerInstance withInstanceType(String value) {
        var type = InstanceTypes.find(value);
        return new ContainerInstance(id, value, availabilityZone,
                type.map(InstanceType::registeredCpu).orElse(registeredCpu),
                type.map(InstanceType::registeredMemoryMiB).orElse(registeredMemoryMiB),
                type.map(InstanceType::gpus).orElse(registeredGpus), osType,
                type.map(InstanceType::architecture).orElse(cpuArchitecture), attributes, agentConnected,
                agentVersion, reservedPorts, reservedUdpPorts, extras);
    }

    public ContainerInstance withAvailabilityZone(String value) {
        return new ContainerInstance(id, instanceType, value, registeredCpu, registeredMemoryMiB, registeredGpus,
                osType, cpuArchitecture, attributes, agentConnected, agentVersion, reservedPorts, reservedUdpPorts,
                extras);
    }

    public ContainerInstance withRegisteredResources(int cpu, int memoryMiB, int gpus) {
        return new ContainerInstance(id, instanceType, availabilityZone, cpu, memoryMiB, gpus, osType,
                cpuArchitecture, attributes, agentConnected, agentVersion, reservedPorts, reservedUdpPorts, extras);
    }

    /** This instance with another OS; the reserved ports follow when they were the old OS's default. */
    public ContainerInstance withOsType(String value) {
        List<Integer> ports = reservedPorts.equals(defaultReservedPorts())
                ? (WINDOWS.equals(value) ? DEFAULT_WINDOWS_RESERVED_PORTS : DEFAULT_RESERVED_PORTS)
                : reservedPorts;
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, value, cpuArchitecture, attributes, agentConnected, agentVersion, ports,
                reservedUdpPorts, extras);
    }

    public ContainerInstance withCpuArchitecture(String value) {
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, value, attributes, agentConnected, agentVersion, reservedPorts,
                reservedUdpPorts, extras);
    }

    public ContainerInstance withAttributes(Map<String, String> value) {
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, cpuArchitecture, value, agentConnected, agentVersion, reservedPorts,
                reservedUdpPorts, extras);
    }

    public ContainerInstance withAgent(boolean connected, String version) {
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, cpuArchitecture, attributes, connected, version, reservedPorts,
                reservedUdpPorts, extras);
    }

    public ContainerInstance withReservedPorts(List<Integer> tcp, List<Integer> udp) {
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, cpuArchitecture, attributes, agentConnected, agentVersion, tcp, udp, extras);
    }

    public ContainerInstance withExtras(JsonObject value) {
        return new ContainerInstance(id, instanceType, availabilityZone, registeredCpu, registeredMemoryMiB,
                registeredGpus, osType, cpuArchitecture, attributes, agentConnected, agentVersion, reservedPorts,
                reservedUdpPorts, value);
    }
}
