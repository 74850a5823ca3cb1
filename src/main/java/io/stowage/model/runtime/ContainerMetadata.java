package io.stowage.model.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container of a task as the ECS agent knows it, for its task metadata endpoint: what {@link ContainerState}
 * has, plus the agent's statuses and the container's Docker facts. Facts Docker has not been asked for yet
 * (image id, networks, volumes, creation time) are null or empty.
 *
 * @param name          the container definition's name ({@code ~internal~ecs~pause} for the awsvpc pause container)
 * @param endpointId    the id in its {@code ECS_CONTAINER_METADATA_URI(_V4)}, or null for an internal container
 * @param dockerId      the Docker container id, or null before it was created
 * @param dockerName    the Docker container name
 * @param image         the image the task definition names
 * @param imageId       the image's id ({@code sha256:...}), or null
 * @param labels        the Docker labels of the container
 * @param desiredStatus the agent's desired status of it
 * @param knownStatus   the agent's status of it ({@code NONE, PULLED, CREATED, RUNNING, RESOURCES_PROVISIONED,
 *                      STOPPED})
 * @param exitCode      its exit code once stopped, or null
 * @param cpu           its cpu units as the agent gives them (at least 2)
 * @param memoryMiB     its hard memory limit in MiB (0 for none)
 * @param createdAt     when Docker created it, or null
 * @param startedAt     when it started, or null
 * @param finishedAt    when it stopped, or null
 * @param type          {@code NORMAL}, {@code CNI_PAUSE} for the awsvpc pause container, or
 *                      {@code NAMESPACE_PAUSE} for the one holding a task's shared PID/IPC namespaces
 * @param health        its health, or null when it has no health check
 * @param healthSince   when its health last changed, or null
 * @param ports         the ports it publishes
 * @param networks      the networks it is attached to, as Docker reports them
 * @param volumes       its mounts
 * @param logDriver     the log driver it runs with, or null
 * @param logOptions    that driver's options
 * @param containerArn  its container ARN
 * @param restartCount  restarts by its restart policy, or null without a policy
 */
public record ContainerMetadata(String name, String endpointId, String dockerId, String dockerName, String image,
                                String imageId, Map<String, String> labels, String desiredStatus, String knownStatus,
                                Integer exitCode, double cpu, long memoryMiB, Instant createdAt, Instant startedAt,
                                Instant finishedAt, String type, HealthStatus health, Instant healthSince,
                                List<NetworkBinding> ports, List<Network> networks, List<Volume> volumes,
                                String logDriver, Map<String, String> logOptions, String containerArn,
                                Integer restartCount) {
    public static final String NORMAL = "NORMAL";
    public static final String CNI_PAUSE = "CNI_PAUSE";
    public static final String NAMESPACE_PAUSE = "NAMESPACE_PAUSE";

    public ContainerMetadata {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        networks = networks == null ? List.of() : List.copyOf(networks);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
    }

    public boolean internal() {
        return CNI_PAUSE.equals(type) || NAMESPACE_PAUSE.equals(type);
    }

    /** The awsvpc pause container, which holds the task's network. */
    public boolean cniPause() {
        return CNI_PAUSE.equals(type);
    }

    /** With what Docker's inspect says of it. */
    public ContainerMetadata withFacts(ContainerFacts facts) {
        if (facts == null) {
            return this;
        }
        return new ContainerMetadata(name, endpointId, dockerId, dockerName, image, facts.imageId(), facts.labels(),
                desiredStatus, knownStatus, exitCode, cpu, memoryMiB, facts.createdAt(), startedAt, finishedAt, type,
                health, healthSince, ports, facts.networks(), facts.volumes(), facts.logDriver(), facts.logOptions(),
                containerArn, restartCount);
    }

    /**
     * A network the container is attached to.
     *
     * @param networkMode   the Docker network's name, or {@code awsvpc}
     * @param ipv4Addresses its addresses there
     * @param macAddress    its interface's MAC address, or null
     * @param ipv4SubnetCidrBlock the network's subnet, or null
     * @param gatewayIpv4   the network's gateway, or null
     */
    public record Network(String networkMode, List<String> ipv4Addresses, String macAddress,
                          String ipv4SubnetCidrBlock, String gatewayIpv4) {
        public Network {
            ipv4Addresses = ipv4Addresses == null ? List.of() : List.copyOf(ipv4Addresses);
        }
    }

    /** A mount: the Docker volume's name (null for a bind mount), the host source and the container path. */
    public record Volume(String dockerName, String source, String destination) {
    }

    /**
     * What Docker's inspect says of a container and does not change while it lives.
     */
    public record ContainerFacts(String imageId, Instant createdAt, Map<String, String> labels,
                                 List<Network> networks, List<Volume> volumes, String logDriver,
                                 Map<String, String> logOptions) {
        public ContainerFacts {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            networks = networks == null ? List.of() : List.copyOf(networks);
            volumes = volumes == null ? List.of() : List.copyOf(volumes);
            logOptions = logOptions == null ? Map.of() : Map.copyOf(logOptions);
        }
    }
}
