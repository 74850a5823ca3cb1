package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.TaskMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's tasks as the agent's endpoints read them, from any thread: the tasks by ARN and by their containers'
 * metadata endpoint ids (published by the run's state thread as tasks change), with the Docker facts of each
 * container (image id, networks, mounts, creation time) read once from Docker's inspect and kept.
 */
final class AgentView {
    private final DockerClient docker;
    private final Map<String, TaskRunner> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> taskByEndpointId = new ConcurrentHashMap<>();
    private final Map<String, ContainerMetadata.ContainerFacts> facts = new ConcurrentHashMap<>();

    AgentView(DockerClient docker) {
        this.docker = docker;
    }

    /** On the state thread, after a task changed. */
    void publish(TaskRunner runner) {
        tasks.put(runner.plan().taskArn(), runner);
        runner.endpointIds().values().forEach(id -> taskByEndpointId.put(id, runner.plan().taskArn()));
    }

    void forgetAll() {
        tasks.clear();
        taskByEndpointId.clear();
        facts.clear();
    }

    Optional<TaskMetadata> byEndpointId(String endpointId) {
        String arn = taskByEndpointId.get(endpointId);
        return arn == null ? Optional.empty() : byArn(arn);
    }

    Optional<TaskMetadata> byArn(String taskArn) {
        TaskRunner runner = tasks.get(taskArn);
        TaskMetadata m = runner == null ? null : runner.metadata();
        return m == null ? Optional.empty() : Optional.of(withFacts(m));
    }

    List<TaskMetadata> all() {
        List<TaskMetadata> out = new ArrayList<>();
        for (TaskRunner runner : tasks.values()) {
            TaskMetadata m = runner.metadata();
            if (m != null) {
                out.add(withFacts(m));
            }
        }
        out.sort((a, b) -> a.state().createdAt() == null || b.state().createdAt() == null ? 0
                : a.state().createdAt().compareTo(b.state().createdAt()));
        return out;
    }

    /** Reads a container's facts ahead of the first request for them (on a worker). */
    void prefetch(String dockerId) {
        facts(dockerId);
    }

    private TaskMetadata withFacts(TaskMetadata m) {
        List<ContainerMetadata> out = new ArrayList<>(m.containers().size());
        ContainerMetadata.Network awsvpc = null;
        if ("awsvpc".equals(m.networkMode())) {
            for (ContainerMetadata c : m.containers()) {
                if (c.cniPause() && c.dockerId() != null) {
                    var pause = facts(c.dockerId());
                    if (pause != null && !pause.networks().isEmpty()) {
                        var n = pause.networks().get(0);
                        awsvpc = new ContainerMetadata.Network("awsvpc", n.ipv4Addresses(), n.macAddress(),
                                n.ipv4SubnetCidrBlock(), n.gatewayIpv4());
                    }
                }
            }
        }
        for (ContainerMetadata c : m.containers()) {
            ContainerMetadata.ContainerFacts f = c.dockerId() == null ? null : facts(c.dockerId());
            ContainerMetadata merged = c.withFacts(f);
            if (awsvpc != null && f != null) {
                merged = merged.withFacts(new ContainerMetadata.ContainerFacts(f.imageId(), f.createdAt(), f.labels(),
                        List.of(awsvpc), f.volumes(), f.logDriver(), f.logOptions()));
            }
            out.add(merged);
        }
        return m.withContainers(out);
    }

    private ContainerMetadata.ContainerFacts facts(String dockerId) {
        ContainerMetadata.ContainerFacts known = facts.get(dockerId);
        if (known != null) {
            return known;
        }
        try {
            InspectContainerResponse inspect = docker.inspectContainerCmd(dockerId).exec();
            ContainerMetadata.ContainerFacts read = read(inspect);
            // Docker gives a container its addresses when it starts: before that, nothing is kept.
            if (inspect.getState() != null && DockerTimes.parse(inspect.getState().getStartedAt()) != null) {
                facts.put(dockerId, read);
            }
            return read;
        } catch (NotFoundException gone) {
            return null;
        } catch (RuntimeException engineAway) {
            return null; // served without them; asked again next time
        }
    }

    static ContainerMetadata.ContainerFacts read(InspectContainerResponse inspect) {
        List<ContainerMetadata.Network> networks = new ArrayList<>();
        var settings = inspect.getNetworkSettings();
        if (settings != null && settings.getNetworks() != null) {
            for (Map.Entry<String, ContainerNetwork> e : settings.getNetworks().entrySet()) {
                ContainerNetwork n = e.getValue();
                String ip = n.getIpAddress() == null ? "" : n.getIpAddress();
                networks.add(new ContainerMetadata.Network(e.getKey(), List.of(ip), blank(n.getMacAddress()),
                        cidr(ip, n.getIpPrefixLen()), blank(n.getGateway())));
            }
        }
        List<ContainerMetadata.Volume> volumes = new ArrayList<>();
        if (inspect.getMounts() != null) {
            for (var mount : inspect.getMounts()) {
                volumes.add(new ContainerMetadata.Volume(blank(mount.getName()), mount.getSource(),
                        mount.getDestination() == null ? null : mount.getDestination().getPath()));
            }
        }
        var log = inspect.getHostConfig() == null ? null : inspect.getHostConfig().getLogConfig();
        Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null ? Map.of()
                : inspect.getConfig().getLabels();
        return new ContainerMetadata.ContainerFacts(inspect.getImageId(), DockerTimes.parse(inspect.getCreated()),
                labels, networks, volumes, log == null || log.getType() == null ? null : log.getType().getType(),
                log == null || log.getConfig() == null ? Map.of() : log.getConfig());
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The subnet of an address with its prefix length ({@code 172.18.0.5}, 16 → {@code 172.18.0.0/16}). */
    static String cidr(String ip, Integer prefix) {
        if (ip == null || ip.isEmpty() || prefix == null || prefix <= 0 || prefix > 32 || ip.contains(":")) {
            return null;
        }
        String[] octets = ip.split("\\.");
        if (octets.length != 4) {
            return null;
        }
        long value = 0;
        for (String o : octets) {
            value = value << 8 | Integer.parseInt(o);
        }
        long mask = prefix == 32 ? 0xffffffffL : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        long net = value & mask;
        return (net >> 24 & 255) + "." + (net >> 16 & 255) + "." + (net >> 8 & 255) + "." + (net & 255) + "/" + prefix;
    }

}
