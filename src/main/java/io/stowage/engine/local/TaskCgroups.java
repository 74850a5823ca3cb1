package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskSize;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The task cgroup the ECS agent makes on Linux with {@code ECS_ENABLE_TASK_CPU_MEM_LIMIT} on (its default;
 * ecs-agent {@code agent/api/task/task_linux.go}, {@code agent/taskresource/cgroup}): {@code /ecs/<task id>} with
 * the task's cpu as a CFS quota over a 100 ms period (without a task cpu, the sum of its containers' shares) and
 * the task's memory as a hard limit, made before the task's containers, which then get it as their cgroup parent,
 * so that all of a task's containers together can use no more than the task's size.
 *
 * <p>Stowage makes it as the agent does, in the cgroup file system, which it can do only for an engine on this
 * machine, with Docker's {@code cgroupfs} driver (cgroup v1 or v2) and the right to write there (root, as the
 * agent runs). Elsewhere (a remote engine, Docker Desktop's VM, the systemd driver, a rootless engine, a user
 * without that right) {@link #unavailableReason()} says why, and the run shows it as a deviation.
 */
final class TaskCgroups {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskCgroups.class);
    /** config.DefaultTaskCgroupV1Prefix. */
    static final String PREFIX = "ecs";
    /** ECS_CGROUP_CPU_PERIOD's default, 100 ms, in microseconds. */
    static final long CPU_PERIOD_MICROS = 100_000;
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");
    private static final java.util.Set<String> V1_CONTROLLERS = java.util.Set.of("cpu", "cpuacct", "cpuset", "memory",
            "devices", "freezer", "net_cls", "blkio", "perf_event", "net_prio", "hugetlb", "pids", "rdma", "misc");
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /**
     * What the agent writes into a task's cgroup (BuildLinuxResourceSpec).
     *
     * @param cpuQuotaMicros the CFS quota per {@link #CPU_PERIOD_MICROS}, or null when the task has no cpu
     * @param cpuShares      without a task cpu: its containers' cpu added up (each at least 2, at most 262144)
     * @param memoryBytes    the task's memory, or null when it has none
     */
    record Limits(Long cpuQuotaMicros, Long cpuShares, Long memoryBytes) {
    }

    /** The cgroup file system as this process sees it: v1's hierarchies by controller, or v2's single one. */
    record Layout(int version, Map<String, Path> v1, Path v2) {
        List<Path> roots() {
            return version == 2 ? List.of(v2) : List.copyOf(new java.util.LinkedHashSet<>(v1.values()));
        }
    }

    private final Layout layout;
    private final String unavailable;

    private TaskCgroups(Layout layout, String unavailable) {
        this.layout = layout;
        this.unavailable = unavailable;
    }

    static TaskCgroups unavailable(String reason) {
        return new TaskCgroups(null, reason);
    }

    static TaskCgroups at(Layout layout) {
        return new TaskCgroups(layout, null);
    }

    /** Null when task cgroups are made; otherwise why not, in words for the user. */
    String unavailableReason() {
        return unavailable;
    }

    boolean available() {
        return unavailable == null;
    }

    /** The cgroup parent the agent gives a task's containers ({@code /ecs/<task id>}). */
    static String parent(String taskId) {
        return "/" + PREFIX + "/" + taskId;
    }

    static Limits limits(TaskDefinition td) {
        Integer units = td.cpu() == null ? null : TaskSize.cpuUnits(td.cpu());
        Long quota = null;
        Long shares = null;
        if (units != null && units > 0) {
            // The agent's task.CPU is in vCPUs (units / 1024); quota = vCPUs × period.
            quota = units * CPU_PERIOD_MICROS / 1024;
        } else {
            long sum = 0;
            for (ContainerDefinition c : td.containerDefinitions()) {
                sum += Math.max(ContainerSpecMapper.MIN_CPU_SHARES, c.cpu() == null ? 0 : c.cpu());
            }
            shares = Math.min(ContainerSpecMapper.MAX_CPU_SHARES, Math.max(ContainerSpecMapper.MIN_CPU_SHARES, sum));
        }
        Integer memory = td.memory() == null ? null : TaskSize.memoryMiB(td.memory());
        return new Limits(quota, shares, memory == null || memory <= 0 ? null : memory * ContainerSpecMapper.MIB);
    }

    /**
     * Whether this process can make task cgroups where the engine will look for them. Blocking (one info call).
     *
     * @param host the engine's address
     */
    static TaskCgroups probe(DockerClient docker, URI host) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return unavailable("Stowage does not run on Linux here, so it cannot make the engine's cgroups");
        }
        if (!onThisMachine(host)) {
            return unavailable("the Docker engine at " + host + " is not on this machine, so Stowage cannot make "
                    + "its cgroups");
        }
        Info info;
        try {
            info = docker.infoCmd().exec();
        } catch (RuntimeException e) {
            return unavailable("the engine did not say how it manages cgroups: " + DockerErrors.message(e));
        }
        if (info.getOsType() != null && !"linux".equalsIgnoreCase(info.getOsType())) {
            return unavailable("the engine runs " + info.getOsType() + " containers");
        }
        String os = info.getOperatingSystem() == null ? "" : info.getOperatingSystem();
        if (os.contains("Docker Desktop")) {
            return unavailable("Docker Desktop runs the engine in a virtual machine whose cgroups Stowage cannot "
                    + "reach");
        }
        if (info.getSecurityOptions() != null && info.getSecurityOptions().stream().anyMatch(o -> o.contains("rootless"))) {
            return unavailable("the engine is rootless, and its cgroups are not this machine's");
        }
        String driver = info.getCGroupDriver();
        if (!"cgroupfs".equals(driver)) {
            return unavailable("the engine's cgroup driver is " + driver + "; Stowage makes task cgroups only with "
                    + "the cgroupfs driver (dockerd --exec-opt native.cgroupdriver=cgroupfs)");
        }
        int version = "2".equals(info.getCGroupVersion()) ? 2 : 1;
        Layout layout;
        try {
            layout = layout(Files.readAllLines(MOUNTINFO), version);
        } catch (IOException e) {
            return unavailable("cannot read " + MOUNTINFO + ": " + e.getMessage());
        }
        if (layout == null) {
            return unavailable("this process does not see the whole cgroup v" + version + " tree with the cpu and "
                    + "memory controllers (" + MOUNTINFO + ")");
        }
        for (Path root : layout.roots()) {
            Path prefix = root.resolve(PREFIX);
            try {
                Files.createDirectories(prefix);
            } catch (AccessDeniedException e) {
                return unavailable("Stowage may not create " + prefix + " (it runs as "
                        + System.getProperty("user.name") + "; the ECS agent runs as root)");
            } catch (IOException e) {
                return unavailable("cannot create " + prefix + ": " + e.getMessage());
            }
        }
        return at(layout);
    }

    private static boolean onThisMachine(URI host) {
        if (host == null) {
            return false;
        }
        if ("unix".equals(host.getScheme())) {
            return Files.exists(Path.of(host.getPath()));
        }
        if ("tcp".equals(host.getScheme()) && host.getHost() != null) {
            try {
                return InetAddress.getByName(host.getHost()).isLoopbackAddress();
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The cgroup mounts of {@code /proc/self/mountinfo} lines: for v1 each hierarchy holding a controller, for v2
     * the unified one; null when the cpu and memory controllers are not all there, or a mount shows only part of
     * the tree (this process in a cgroup namespace of its own).
     */
    static Layout layout(List<String> mountinfo, int version) {
        Map<String, Path> v1 = new LinkedHashMap<>();
        Path v2 = null;
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] mount = halves[0].split(" ");
            String[] fs = halves[1].split(" ");
            if (mount.length < 5 || fs.length < 3 || !"/".equals(mount[3])) {
                continue;
            }
            Path point = Path.of(mount[4].replace("\\040", " "));
            if (version == 1 && "cgroup".equals(fs[0])) {
                for (String option : fs[2].split(",")) {
                    // Named hierarchies (name=systemd) hold no controller, but the engine makes the task's there too.
                    if (V1_CONTROLLERS.contains(option) || option.startsWith("name=")) {
                        v1.putIfAbsent(option, point);
                    }
                }
            } else if (version == 2 && "cgroup2".equals(fs[0])) {
                v2 = point;
            }
        }
        if (version == 2) {
            return v2 == null ? null : new Layout(2, Map.of(), v2);
        }
        return v1.containsKey("cpu") && v1.containsKey("memory") ? new Layout(1, v1, null) : null;
    }

    /**
     * Makes the task's cgroup with its limits (the agent's CgroupResource.Create); an existing one gets them again.
     * Blocking.
     *
     * @return the cgroup parent for the task's containers
     * @throws TaskSetupException with the agent's ResourceInitializationError when it cannot be made
     */
    String create(String taskId, TaskDefinition td) {
        checkId(taskId);
        Limits limits = limits(td);
        try {
            if (layout.version() == 2) {
                Path prefix = layout.v2().resolve(PREFIX);
                enableControllers(layout.v2());
                enableControllers(prefix);
                Path dir = Files.createDirectories(prefix.resolve(taskId));
                if (limits.cpuQuotaMicros() != null) {
                    write(dir, "cpu.max", limits.cpuQuotaMicros() + " " + CPU_PERIOD_MICROS);
                } else {
                    // runc's conversion of shares [2, 262144] to a weight [1, 10000].
                    write(dir, "cpu.weight", String.valueOf(1 + ((limits.cpuShares() - 2) * 9999) / 262142));
                }
                if (limits.memoryBytes() != null) {
                    write(dir, "memory.max", String.valueOf(limits.memoryBytes()));
                }
                enableControllers(dir);
            } else {
                Path cpu = Files.createDirectories(layout.v1().get("cpu").resolve(PREFIX).resolve(taskId));
                if (limits.cpuQuotaMicros() != null) {
                    write(cpu, "cpu.cfs_period_us", String.valueOf(CPU_PERIOD_MICROS));
                    write(cpu, "cpu.cfs_quota_us", String.valueOf(limits.cpuQuotaMicros()));
                } else {
                    write(cpu, "cpu.shares", String.valueOf(limits.cpuShares()));
                }
                Path memory = Files.createDirectories(layout.v1().get("memory").resolve(PREFIX).resolve(taskId));
                try {
                    write(memory, "memory.use_hierarchy", "1");
                } catch (IOException alreadyHierarchical) {
                    // Newer kernels keep every memory cgroup hierarchical and refuse the write; nothing is lost.
                }
                if (limits.memoryBytes() != null) {
                    write(memory, "memory.limit_in_bytes", String.valueOf(limits.memoryBytes()));
                }
            }
        } catch (IOException e) {
            throw new TaskSetupException("ResourceInitializationError: cgroup resource: unable to create cgroup "
                    + parent(taskId) + ": " + e.getMessage());
        }
        return parent(taskId);
    }

    /**
     * Whether the engine put the container in the task's cgroup on this machine: false when its cgroups are not the
     * ones this process sees (an engine in a VM, another cgroup namespace), and so the limits hold nothing.
     */
    boolean holds(String taskId, String dockerId) {
        checkId(taskId);
        Path controller = layout.version() == 2 ? layout.v2() : layout.v1().get("memory");
        return Files.isDirectory(controller.resolve(PREFIX).resolve(taskId).resolve(dockerId));
    }

    /** The task's memory cgroup directory, where its limit and usage are read. */
    Path memoryDirectory(String taskId) {
        checkId(taskId);
        return (layout.version() == 2 ? layout.v2() : layout.v1().get("memory")).resolve(PREFIX).resolve(taskId);
    }

    /** The task's cpu cgroup directory. */
    Path cpuDirectory(String taskId) {
        checkId(taskId);
        return (layout.version() == 2 ? layout.v2() : layout.v1().get("cpu")).resolve(PREFIX).resolve(taskId);
    }

    /**
     * Removes the task's cgroup in every hierarchy (the engine made one in each for its containers) once they have
     * left it (the agent's CgroupResource.Cleanup). Quiet when it is gone or still in use.
     */
    void remove(String taskId) {
        if (layout != null) {
            remove(layout.version() == 2 ? List.of(layout.v2()) : allV1Roots(), taskId);
        }
    }

    /** Removes what a run left of a task's cgroup, wherever this machine has one (down, and up's leftovers). */
    static void removeLeftover(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        List<Path> roots = new ArrayList<>(allV1Roots());
        try {
            Layout v2 = layout(Files.readAllLines(MOUNTINFO), 2);
            if (v2 != null) {
                roots.add(v2.v2());
            }
        } catch (IOException e) {
            return;
        }
        remove(roots, taskId);
    }

    private static void remove(List<Path> roots, String taskId) {
        for (Path root : roots) {
            Path dir = root.resolve(PREFIX).resolve(taskId);
            if (Files.isDirectory(dir)) {
                try {
                    Files.delete(dir); // rmdir: a cgroup's files go with it
                } catch (IOException e) {
                    LOG.debug("task cgroup {} not removed: {}", dir, e.toString());
                }
            }
        }
    }

    private static List<Path> allV1Roots() {
        try {
            Layout v1 = layout(Files.readAllLines(MOUNTINFO), 1);
            return v1 == null ? List.of() : v1.roots();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void enableControllers(Path dir) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        // Not Files.readString: it trusts the size the file system gives, which is 0 or wrong for these files.
        List<String> enabled = List.of(String.join(" ", Files.readAllLines(control)).trim().split("\\s+"));
        for (String controller : List.of("cpu", "memory")) {
            if (!enabled.contains(controller)) {
                Files.writeString(control, "+" + controller);
            }
        }
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    private static void checkId(String taskId) {
        if (taskId == null || !TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("not a task id: " + taskId);
        }
    }
}
