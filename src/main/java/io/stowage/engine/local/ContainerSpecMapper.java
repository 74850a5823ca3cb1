package io.stowage.engine.local;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.VolumesFrom;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.agent.EnvironmentFiles;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.KernelCapabilities;
import io.stowage.model.ecs.LinuxParameters;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.MountPoint;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.SystemControl;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskSize;
import io.stowage.model.ecs.Tmpfs;
import io.stowage.model.ecs.VolumeFrom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one container definition of a task into the ContainerCreate request the ECS backend and agent together
 * would send (ecs-semantics §1): a pure function of the task definition and the {@link TaskLaunch}, so that every
 * rule is tested without an engine. Where the local run must differ from ECS, the spec says so in its
 * {@linkplain ContainerSpec#deviations() deviations}.
 */
public final class ContainerSpecMapper {
    public static final int MIN_CPU_SHARES = 2;
    public static final int MAX_CPU_SHARES = 262_144;
    public static final long MIB = 1_048_576L;
    /** The agent's floor for a container's hard memory limit on Linux. */
    public static final long MIN_MEMORY_BYTES = 4 * MIB;
    /** ECS_CONTAINER_STOP_TIMEOUT's default, used when a container has no stopTimeout. */
    public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 30;
    static final long SECOND_NS = 1_000_000_000L;
    public static final int DEFAULT_HEALTH_INTERVAL = 30;
    public static final int DEFAULT_HEALTH_TIMEOUT = 5;
    public static final int DEFAULT_HEALTH_RETRIES = 3;
    /** Log drivers that work without a remote endpoint; others are replaced by json-file locally. */
    static final Set<String> LOCAL_LOG_DRIVERS = Set.of("json-file", "local", "none");
    static final String METADATA_ADDRESS = TaskEndpoints.EndpointAccess.ECS_BASE;
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String CREDENTIALS_RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    /** Docker's form for a namespace (network, PID, IPC) taken from another container. */
    static final String CONTAINER_PREFIX = "container:";

    private ContainerSpecMapper() {
    }

    public static ContainerSpec map(TaskDefinition td, ContainerDefinition c, TaskLaunch launch) {
        String name = c.name();
        List<String> deviations = new ArrayList<>();
        HostConfig host = HostConfig.newHostConfig();

        host.withCpuShares(cpuShares(c.cpu()));
        if (launch.cgroupParent() != null) {
            host.withCgroupParent(launch.cgroupParent());
        }
        Long memory = memoryBytes(c.memory());
        if (memory != null) {
            host.withMemory(memory);
        }
        if (c.memoryReservation() != null && c.memoryReservation() > 0) {
            host.withMemoryReservation(c.memoryReservation() * MIB);
        }

        host.withNetworkMode(networkMode(launch));
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        if (!launch.awsvpc()) {
            ports(c, launch, exposed, bindings);
        }
        if ("bridge".equals(launch.networkMode())) {
            host.withPortBindings(bindings);
        }

        host.withBinds(binds(td, c, launch));
        List<VolumesFrom> volumesFrom = new ArrayList<>();
        for (VolumeFrom from : c.volumesFrom()) {
            String source = launch.dockerNames().get(from.sourceContainer());
            if (source == null) {
                throw new TaskSetupException("CannotCreateContainerError: volumesFrom: no container "
                        + from.sourceContainer() + " in the task");
            }
            volumesFrom.add(VolumesFrom.parse(source + (Boolean.TRUE.equals(from.readOnly()) ? ":ro" : ":rw")));
        }
        if (!volumesFrom.isEmpty()) {
            host.withVolumesFrom(volumesFrom);
        }
        List<Link> links = links(c, launch);
        if (!links.isEmpty()) {
            host.withLinks(links);
        }

        // The backend always renders these, empty when the definition has none (ecs-semantics §1.2 fixtures).
        host.withUlimits(c.ulimits().stream()
                .map(u -> new Ulimit(u.name(), (long) nz(u.softLimit()), (long) nz(u.hardLimit()))).toList());
        linuxParameters(c.linuxParameters(), memory, host, deviations);

        if (c.privileged() != null) {
            host.withPrivileged(c.privileged());
        }
        if (c.readonlyRootFilesystem() != null) {
            host.withReadonlyRootfs(c.readonlyRootFilesystem());
        }
        String hostname = c.hostname();
        if (launch.awsvpc()) {
            if (hostname != null || !c.dnsServers().isEmpty() || !c.dnsSearchDomains().isEmpty()
                    || !c.extraHosts().isEmpty()) {
                deviations.add(name + ": hostname, DNS and extra hosts are not supported with awsvpc and are left out");
            }
            hostname = null;
        } else {
            if (!c.dnsServers().isEmpty()) {
                host.withDns(c.dnsServers());
            }
            if (!c.dnsSearchDomains().isEmpty()) {
                host.withDnsSearch(c.dnsSearchDomains());
            }
            if (!c.extraHosts().isEmpty()) {
                host.withExtraHosts(c.extraHosts().stream().map(h -> h.hostname() + ":" + h.ipAddress())
                        .toArray(String[]::new));
            }
        }
        if (!c.dockerSecurityOptions().isEmpty()) {
            host.withSecurityOpts(c.dockerSecurityOptions());
        }
        if (!c.systemControls().isEmpty()) {
            Map<String, String> sysctls = new LinkedHashMap<>();
            for (SystemControl s : c.systemControls()) {
                sysctls.put(s.namespace(), s.value());
            }
            host.withSysctls(sysctls);
        }
        // task.go shouldOverridePIDMode / shouldOverrideIPCMode: host and none as they are; task joins the
        // namespace pause container's.
        if ("host".equals(td.pidMode())) {
            host.withPidMode("host");
        } else if ("task".equals(td.pidMode())) {
            host.withPidMode(CONTAINER_PREFIX + namespacePause(launch));
        }
        if ("host".equals(td.ipcMode()) || "none".equals(td.ipcMode())) {
            host.withIpcMode(td.ipcMode());
        } else if ("task".equals(td.ipcMode())) {
            host.withIpcMode(CONTAINER_PREFIX + namespacePause(launch));
        }
        host.withLogConfig(logConfig(name, c.logConfiguration(), deviations));

        Map<String, String> labels = new LinkedHashMap<>(c.dockerLabels());
        labels.putAll(EcsLabels.agent(launch, name));
        labels.putAll(EcsLabels.stowage(launch));
        labels.putAll(EcsLabels.endpointIds(launch, name));

        return new ContainerSpec(name, launch.dockerNames().get(name), c.image(),
                c.json().has("command") ? c.command() : null,
                c.json().has("entryPoint") ? c.entryPoint() : null,
                environment(c, launch), labels, exposed, healthCheck(c.healthCheck()), c.user(),
                c.workingDirectory(), hostname, c.pseudoTerminal(), c.interactive(), c.disableNetworking(),
                "bridge".equals(launch.networkMode()) ? launch.aliases() : List.of(), host,
                stopTimeout(c.stopTimeout()), c.essential() == null || c.essential(), deviations);
    }

    /**
     * The awsvpc pause container: it holds the task's network namespace on the design network, and publishes the
     * task's ports (host port = container port, as awsvpc requires) on the task's own address.
     */
    public static ContainerSpec pause(TaskDefinition td, TaskLaunch launch, String image) {
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ContainerDefinition c : td.containerDefinitions()) {
            for (PortMapping pm : c.portMappings()) {
                for (int port : containerPorts(pm)) {
                    ExposedPort e = new ExposedPort(port, protocol(pm.protocol()));
                    exposed.add(e);
                    bindings.bind(e, Ports.Binding.bindIpAndPort(launch.hostIp() == null ? "" : launch.hostIp(), port));
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(EcsLabels.agent(launch, ContainerNames.PAUSE));
        labels.putAll(EcsLabels.stowage(launch));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(launch.designNetwork())
                .withPortBindings(bindings).withCpuShares(MIN_CPU_SHARES);
        if (launch.cgroupParent() != null) {
            host.withCgroupParent(launch.cgroupParent()); // the agent's internal containers are the task's too
        }
        return new ContainerSpec(ContainerNames.PAUSE, launch.dockerNames().get(ContainerNames.PAUSE), image, null,
                null, List.of(), labels, exposed, null, null, null, null, null, null, null, launch.aliases(), host,
                DEFAULT_STOP_TIMEOUT_SECONDS, true, List.of());
    }

    /** Whether the agent adds a namespace pause container to the task: pidMode or ipcMode {@code task}. */
    public static boolean sharesNamespaces(TaskDefinition td) {
        return "task".equals(td.pidMode()) || "task".equals(td.ipcMode());
    }

    private static String namespacePause(TaskLaunch launch) {
        if (launch.namespacePauseContainerId() == null) {
            throw new TaskSetupException("CannotCreateContainerError: the task's namespace pause container "
                    + ContainerNames.NAMESPACE_PAUSE + " is not there");
        }
        return launch.namespacePauseContainerId();
    }

    /**
     * The namespace pause container of a task with pidMode or ipcMode {@code task} (task.go
     * addNamespaceSharingProvisioningDependency): it holds the PID and IPC namespaces the task's containers join,
     * its IPC namespace {@code shareable} when ipcMode is {@code task}. It takes no part in the task's network.
     */
    public static ContainerSpec namespacePause(TaskDefinition td, TaskLaunch launch, String image) {
        Map<String, String> labels = new LinkedHashMap<>(EcsLabels.agent(launch, ContainerNames.NAMESPACE_PAUSE));
        labels.putAll(EcsLabels.stowage(launch));
        HostConfig host = HostConfig.newHostConfig().withNetworkMode("none").withCpuShares(MIN_CPU_SHARES);
        if ("task".equals(td.ipcMode())) {
            host.withIpcMode("shareable");
        }
        if (launch.cgroupParent() != null) {
            host.withCgroupParent(launch.cgroupParent());
        }
        return new ContainerSpec(ContainerNames.NAMESPACE_PAUSE, launch.dockerNames().get(ContainerNames.NAMESPACE_PAUSE),
                image, null, null, List.of(), labels, List.of(), null, null, null, null, null, null, null, List.of(),
                host, DEFAULT_STOP_TIMEOUT_SECONDS, true, List.of());
    }

    static int cpuShares(Integer cpu) {
        int value = cpu == null ? 0 : cpu;
        return Math.min(MAX_CPU_SHARES, Math.max(MIN_CPU_SHARES, value));
    }

    /** Null (no limit) for an unset or zero memory. */
    static Long memoryBytes(Integer memoryMiB) {
        if (memoryMiB == null || memoryMiB <= 0) {
            return null;
        }
        return Math.max(MIN_MEMORY_BYTES, memoryMiB * MIB);
    }

    static int stopTimeout(Integer seconds) {
        if (seconds == null || seconds == 0) {
            return DEFAULT_STOP_TIMEOUT_SECONDS;
        }
        return Math.max(1, seconds);
    }

    private static String networkMode(TaskLaunch launch) {
        return switch (launch.networkMode()) {
            case "host" -> "host";
            case "none" -> "none";
            case "awsvpc" -> CONTAINER_PREFIX + launch.pauseContainerId();
            default -> launch.designNetwork();
        };
    }

    private static void ports(ContainerDefinition c, TaskLaunch launch, List<ExposedPort> exposed, Ports bindings) {
        String ip = launch.hostIp() == null ? "" : launch.hostIp();
        for (PortMapping pm : c.portMappings()) {
            String protocol = protocol(pm.protocol()).name().toLowerCase();
            for (int port : containerPorts(pm)) {
                ExposedPort e = new ExposedPort(port, protocol(pm.protocol()));
                exposed.add(e);
                Integer hostPort = pm.hostPort() != null && pm.hostPort() != 0 && pm.containerPortRange() == null
                        ? pm.hostPort() : launch.dynamicHostPorts().get(TaskLaunch.portKey(c.name(), port, protocol));
                bindings.bind(e, hostPort == null ? Ports.Binding.bindIp(ip) : Ports.Binding.bindIpAndPort(ip, hostPort));
            }
        }
    }

    static List<Integer> containerPorts(PortMapping pm) {
        if (pm.containerPort() != null) {
            return List.of(pm.containerPort());
        }
        String range = pm.containerPortRange();
        if (range != null && range.matches("\\d+-\\d+")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[1]);
            List<Integer> out = new ArrayList<>();
            for (int p = from; p <= to; p++) {
                out.add(p);
            }
            return out;
        }
        return List.of();
    }

    static InternetProtocol protocol(String protocol) {
        return "udp".equalsIgnoreCase(protocol) ? InternetProtocol.UDP : InternetProtocol.TCP;
    }

    private static List<Bind> binds(TaskDefinition td, ContainerDefinition c, TaskLaunch launch) {
        List<Bind> out = new ArrayList<>();
        for (MountPoint mp : c.mountPoints()) {
            String volume = mp.sourceVolume();
            if (volume == null || td.volumes().stream().noneMatch(v -> volume.equals(v.name()))) {
                throw new TaskSetupException("Invalid volume referenced: " + volume);
            }
            String source = launch.volumeSources().get(volume);
            String path = mp.containerPath();
            if (source == null || source.isEmpty() || path == null || path.isEmpty()) {
                throw new TaskSetupException("Unable to resolve volume mounts; invalid path");
            }
            out.add(Bind.parse(source + ":" + path + (Boolean.TRUE.equals(mp.readOnly()) ? ":ro" : "")));
        }
        return out;
    }

    private static List<Link> links(ContainerDefinition c, TaskLaunch launch) {
        List<Link> out = new ArrayList<>();
        for (String link : c.links()) {
            String[] parts = link.split(":", -1);
            if (parts.length > 2) {
                throw new TaskSetupException("Invalid link format");
            }
            String target = launch.dockerNames().get(parts[0]);
            if (target == null) {
                throw new TaskSetupException("could not find container for link " + parts[0]);
            }
            out.add(new Link(target, parts.length == 2 ? parts[1] : parts[0]));
        }
        return out;
    }

    private static void linuxParameters(LinuxParameters lp, Long memory, HostConfig host, List<String> deviations) {
        KernelCapabilities caps = lp == null ? null : lp.capabilities();
        host.withCapAdd(capabilities(caps == null ? List.of() : caps.add()));
        host.withCapDrop(capabilities(caps == null ? List.of() : caps.drop()));
        if (lp == null) {
            return;
        }
        if (lp.initProcessEnabled() != null) {
            host.withInit(lp.initProcessEnabled());
        }
        List<Device> devices = new ArrayList<>();
        for (io.stowage.model.ecs.Device d : lp.devices()) {
            String perms = d.permissions().isEmpty() ? "rwm" : String.join("", d.permissions().stream()
                    .map(p -> p.substring(0, 1).toLowerCase()).toList());
            devices.add(new Device(perms, d.containerPath() == null ? d.hostPath() : d.containerPath(), d.hostPath()));
        }
        if (!devices.isEmpty()) {
            host.withDevices(devices);
        }
        if (lp.sharedMemorySize() != null) {
            host.withShmSize(lp.sharedMemorySize() * MIB);
        }
        if (!lp.tmpfs().isEmpty()) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            for (Tmpfs t : lp.tmpfs()) {
                List<String> options = new ArrayList<>(t.mountOptions());
                if (t.size() != null) {
                    options.add("size=" + t.size() + "m");
                }
                tmpfs.put(t.containerPath(), String.join(",", options));
            }
            host.withTmpFs(tmpfs);
        }
        if (lp.maxSwap() != null) {
            if (memory != null) {
                host.withMemorySwap(memory + lp.maxSwap() * MIB);
            } else {
                deviations.add("maxSwap is left out: it needs a hard memory limit on the container");
            }
            host.withMemorySwappiness((long) (lp.swappiness() == null ? 60 : lp.swappiness()));
        }
    }

    private static Capability[] capabilities(List<String> names) {
        List<Capability> out = new ArrayList<>();
        for (String name : names) {
            String plain = name.startsWith("CAP_") ? name.substring(4) : name;
            try {
                out.add(Capability.valueOf(plain));
            } catch (IllegalArgumentException unknown) {
                throw new TaskSetupException("CannotCreateContainerError: unknown capability " + name);
            }
        }
        return out.toArray(Capability[]::new);
    }

    private static LogConfig logConfig(String container, LogConfiguration log, List<String> deviations) {
        if (log == null || log.logDriver() == null) {
            return new LogConfig(LogConfig.LoggingType.JSON_FILE);
        }
        String driver = log.logDriver();
        if (!LOCAL_LOG_DRIVERS.contains(driver)) {
            deviations.add(container + ": log driver " + driver + " needs its remote endpoint; json-file is used "
                    + "locally (stowage logs reads it)");
            return new LogConfig(LogConfig.LoggingType.JSON_FILE);
        }
        Map<String, String> options = new LinkedHashMap<>(log.options());
        if ("non-blocking".equals(options.get("mode"))) {
            options.putIfAbsent("max-buffer-size", "10m");
        }
        LogConfig.LoggingType type = switch (driver) {
            case "none" -> LogConfig.LoggingType.NONE;
            case "local" -> LogConfig.LoggingType.LOCAL;
            default -> LogConfig.LoggingType.JSON_FILE;
        };
        return new LogConfig(type, options.isEmpty() ? null : options);
    }

    static HealthCheck healthCheck(io.stowage.model.ecs.HealthCheck hc) {
        if (hc == null) {
            return null;
        }
        List<String> test = new ArrayList<>(hc.command());
        if (test.isEmpty() || !Set.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
            test.add(0, "CMD");
        }
        HealthCheck out = new HealthCheck().withTest(test)
                .withInterval(seconds(hc.interval(), DEFAULT_HEALTH_INTERVAL))
                .withTimeout(seconds(hc.timeout(), DEFAULT_HEALTH_TIMEOUT))
                .withRetries(hc.retries() == null ? DEFAULT_HEALTH_RETRIES : hc.retries());
        if (hc.startPeriod() != null) {
            out.withStartPeriod(hc.startPeriod() * SECOND_NS);
        }
        return out;
    }

    private static long seconds(Integer value, int fallback) {
        return (value == null ? fallback : value) * SECOND_NS;
    }

    private static List<String> environment(ContainerDefinition c, TaskLaunch launch) {
        Map<String, String> env = EnvironmentFiles.merge(c.environment(),
                launch.environmentFiles().getOrDefault(c.name(), List.of()));
        env.putAll(launch.secrets().getOrDefault(c.name(), Map.of()));
        // The region, unless the task definition or its environment files name one (task.go ApplyRegionToContainer);
        // the image's ENV is checked once the image is there (withoutRegionIfImageHasOne).
        if (launch.region() != null && !env.containsKey(AWS_REGION) && !env.containsKey(AWS_DEFAULT_REGION)) {
            env.put(AWS_REGION, launch.region());
            env.put(AWS_DEFAULT_REGION, launch.region());
        }
        String id = launch.metadataIds().get(c.name());
        String base = launch.endpointBase() == null ? METADATA_ADDRESS : launch.endpointBase();
        if (id != null) {
            env.put("ECS_CONTAINER_METADATA_URI", base + "/v3/" + id);
            env.put("ECS_CONTAINER_METADATA_URI_V4", base + "/v4/" + id);
            env.put("ECS_AGENT_URI", base + "/api/" + id);
        }
        if (launch.credentialsId() != null) {
            // One id per task, for every container of it (task.go initializeCredentialsEndpoint). The SDKs put the
            // relative URI after 169.254.170.2; anywhere else needs the full URI.
            String path = "/v2/credentials/" + launch.credentialsId();
            if (METADATA_ADDRESS.equals(base)) {
                env.put(CREDENTIALS_RELATIVE_URI, path);
            } else {
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", base + path);
            }
        }
        env.putIfAbsent("AWS_EXECUTION_ENV", "FARGATE".equals(launch.launchType()) ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2");
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /**
     * The spec without the injected {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} when the image's own ENV sets
     * either (the agent reads the image's managed keys before it creates the container).
     */
    public static ContainerSpec withoutRegionIfImageHasOne(ContainerSpec spec, TaskLaunch launch, List<String> imageEnv) {
        if (launch.region() == null || imageEnv == null || imageEnv.stream().noneMatch(e ->
                e.startsWith(AWS_REGION + "=") || e.startsWith(AWS_DEFAULT_REGION + "="))) {
            return spec;
        }
        String injected = launch.region();
        List<String> env = spec.env().stream().filter(e -> !e.equals(AWS_REGION + "=" + injected)
                && !e.equals(AWS_DEFAULT_REGION + "=" + injected)).toList();
        return spec.withEnv(env);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    /** The agent refuses a task whose container asks for more memory than the task (ecs-semantics §1.1). */
    public static void checkTaskMemory(TaskDefinition td) {
        Integer taskMemory = td.memory() == null ? null : TaskSize.memoryMiB(td.memory());
        if (taskMemory == null) {
            return;
        }
        for (ContainerDefinition c : td.containerDefinitions()) {
            if (c.memory() != null && c.memory() > taskMemory) {
                throw new TaskSetupException("container memory limit(" + c.memory() * MIB
                        + ") greater than task memory limit(" + taskMemory * MIB + ")");
            }
        }
    }
}
