package io.stowage.format.design;

import java.util.Set;

/** Member names of the design file, in the order they are written (see docs/design-file.md). */
final class DesignKeys {
    static final String FORMAT_VERSION = "formatVersion";
    static final String NAME = "name";
    static final String CLUSTERS = "clusters";
    static final String TASK_DEFINITIONS = "taskDefinitions";
    static final String LAYOUT = "layout";

    static final String ID = "id";
    static final String INSTANCES = "instances";
    static final String FARGATE = "fargate";
    static final String SERVICES = "services";
    static final String TASKS = "tasks";

    static final String INSTANCE_TYPE = "instanceType";
    static final String AVAILABILITY_ZONE = "availabilityZone";
    static final String REGISTERED_CPU = "registeredCpu";
    static final String REGISTERED_MEMORY = "registeredMemoryMiB";
    static final String REGISTERED_GPUS = "registeredGpus";
    static final String OS_TYPE = "osType";
    static final String CPU_ARCHITECTURE = "cpuArchitecture";
    static final String ATTRIBUTES = "attributes";
    static final String AGENT_CONNECTED = "agentConnected";
    static final String AGENT_VERSION = "agentVersion";
    static final String RESERVED_PORTS = "reservedPorts";
    static final String RESERVED_UDP_PORTS = "reservedUdpPorts";

    static final String AVAILABILITY_ZONES = "availabilityZones";
    static final String SERVICE = "service";
    static final String RUN = "run";

    static final String X = "x";
    static final String Y = "y";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";

    static final Set<String> TOP = Set.of(FORMAT_VERSION, ID, NAME, CLUSTERS, TASK_DEFINITIONS, LAYOUT);
    static final Set<String> CLUSTER_KEYS = Set.of(ID, NAME, INSTANCES, FARGATE, SERVICES, TASKS);
    static final Set<String> INSTANCE_KEYS = Set.of(ID, INSTANCE_TYPE, AVAILABILITY_ZONE, REGISTERED_CPU,
            REGISTERED_MEMORY, REGISTERED_GPUS, OS_TYPE, CPU_ARCHITECTURE, ATTRIBUTES, AGENT_CONNECTED, AGENT_VERSION,
            RESERVED_PORTS, RESERVED_UDP_PORTS);
    static final Set<String> FARGATE_KEYS = Set.of(AVAILABILITY_ZONES);
    static final Set<String> SERVICE_KEYS = Set.of(ID, SERVICE);
    static final Set<String> TASK_KEYS = Set.of(ID, RUN);
    static final Set<String> BOUNDS_KEYS = Set.of(X, Y, WIDTH, HEIGHT);

    private DesignKeys() {
    }
}
