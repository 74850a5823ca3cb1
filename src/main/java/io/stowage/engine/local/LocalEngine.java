package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import io.stowage.engine.watch.RuntimeStore;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs designs on one local Docker engine the way ECS and its agent would: {@link #up} starts a design and
 * returns the {@link LocalRun} that supervises it; {@link #ps}, {@link #down} and {@link #logs} work on what a
 * design left running, found by label, with or without the process that started it. FX-free and blocking where
 * it says so; the desktop calls it from workers.
 */
public final class LocalEngine {
    private final DockerConnection connection;

    public LocalEngine(DockerConnection connection) {
        this.connection = connection;
    }

    public DockerConnection connection() {
        return connection;
    }

    /**
     * The key Stowage labels a design's run with (containers, volumes, network, record, lock): taken from the
     * design's identity ({@link Design#id()}), which moves and renames keep, so that a moved design still finds its
     * run; a design from before designs had one keeps the key of its file's path ({@link #designKey(String, Path)})
     * until its next save gives it an identity.
     */
    public static String designKey(Design design, Path designFile) {
        String id = design.id();
        if (id == null) {
            return designKey(design.name(), designFile);
        }
        String key = id.toLowerCase(Locale.ROOT);
        if (key.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return key;
        }
        // A hand-written identity: what it says, as far as Docker's names allow, and a hash so two never meet.
        String readable = key.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return (readable.isEmpty() ? "design" : readable.substring(0, Math.min(readable.length(), 30))) + "-"
                + sha256Prefix(id);
    }

    /**
     * The key of a design without an identity (the only key before designs had one): its name, and a hash of the
     * file's absolute path, so two designs of the same name do not meet. A moved file gets another key, so it
     * is looked for too when a design's run is taken down ({@code stowage down}).
     */
    public static String designKey(String designName, Path designFile) {
        String name = designName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (name.isEmpty()) {
            name = "design";
        }
        if (name.length() > 30) {
            name = name.substring(0, 30);
        }
        return name + "-" + sha256Prefix(designFile.toAbsolutePath().normalize().toString());
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a design: removes what an earlier run of it left (never running two copies), creates its network,
     * places its tasks and starts them; the run holds the design's {@link RunLock} until it is closed, so that a
     * second {@code up} of the design is refused while this one runs. Blocks only for the engine checks and that cleanup; tasks start on the
     * run's threads, reported to {@code listener} as they go.
     *
     * @param progress hears what is being done, in words (pulls, builds, leftovers removed)
     * @throws io.stowage.engine.EngineUnavailableException when no engine answers
     * @throws RunLock.RunLockedException when another process (or another run of this one) keeps the design's run
     */
    public LocalRun up(Design design, String designKey, LocalRunOptions options, RuntimeListener listener,
                       Consumer<String> progress) {
        return up(design, RunLock.acquire(designKey), options, listener, progress);
    }

    /**
     * As {@link #up(Design, String, LocalRunOptions, RuntimeListener, Consumer)}, with the design's run lock
     * already taken by the caller (the agent, which takes it before answering the command that hands it a run).
     * The run owns the lock from here: {@link LocalRun#close()} lets it go, and so does a failure to start.
     *
     * @throws RunLock.RunLockedException (from the other overload) when another process keeps the design's run
     */
    public LocalRun up(Design design, RunLock lock, LocalRunOptions options, RuntimeListener listener,
                       Consumer<String> progress) {
        return holding(lock, () -> start(design, lock.designKey(), options, listener, progress));
    }

    /**
     * Takes over a design's run whose keeper ended without taking it down (the agent killed): what its record
     * ({@link RunRecord}) and Docker's labels say of its tasks becomes a {@link LocalRun} again, attached to the
     * containers that exist (none is made again, nothing an earlier run left is removed) and supervised from now on;
     * the endpoints serve its tasks under the ids their containers hold. The caller holds the design's lock (free
     * since its keeper ended); the run owns it from here, as with {@link #up(Design, RunLock, LocalRunOptions,
     * RuntimeListener, Consumer)}.
     */
    public LocalRun adopt(Design design, RunLock lock, LocalRunOptions options, RuntimeListener listener,
                          Consumer<String> progress) {
        return holding(lock, () -> resume(design, lock.designKey(), options, listener, progress));
    }

    /** The run made by {@code making} owns {@code lock} from here; if it cannot be made, the lock is let go. */
    private static LocalRun holding(RunLock lock, java.util.function.Supplier<LocalRun> making) {
        try {
            LocalRun run = making.get();
            run.holding(lock);
            return run;
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private LocalRun resume(Design design, String designKey, LocalRunOptions options, RuntimeListener listener,
                            Consumer<String> progress) {
        connection.ping();
        DockerClient docker = connection.client();
        LocalDesignSettings settings = LocalDesignSettings.of(design, options.designDirectory());
        if (settings.publishAllInterfaces() && !options.publishAllInterfaces()) {
            options = options.withPublishAllInterfaces(true);
        }
        if (settings.taskRoleUserFallback() && !options.agent().userFallback()) {
            options = options.withAgent(options.agent().withUserFallback(true));
        }
        RunRecord record = RunRecord.read(designKey).orElse(new RunRecord(designKey, 0, null, List.of(), List.of()));
        String network = networkName(designKey);
        createNetwork(docker, network, designKey);
        RuntimeStore store = new RuntimeStore();
        store.subscribe(listener);
        RegistryAuth auth = new RegistryAuth(options.dockerConfigDir(), options.registryLogin(), options.secrets());
        ImageService images = new ImageService(docker, options.pullBehavior(), auth, settings.builds(), progress);
        RunContext ctx = new RunContext(docker, design, designKey, options, store, images);
        TaskCgroups cgroups = TaskCgroups.probe(docker, connection.host());
        TaskSetup setup = new TaskSetup(docker, designKey, options, settings.environmentFiles(), network, cgroups);
        LocalRun run = new LocalRun(ctx, store, setup, network, progress);
        run.engineAddress(String.valueOf(connection.host()));
        List<String> deviations = new ArrayList<>(settings.problems());
        deviations.addAll(deviations(design, options, network, cgroups));
        TaskEndpoints endpoints = options.agent().endpoints();
        if (endpoints != null) {
            TaskEndpoints.EndpointAccess access = endpoints.attach(run, designNetwork(docker, network));
            setup.endpointAccess(access);
            run.servedBy(endpoints);
            deviations.addAll(access.deviations());
        }
        String marker = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.RUN_MARKER, designKey)).exec().stream()
                .map(Container::getId).findFirst().orElse(null);
        if (marker != null) {
            run.markerId(marker);
            run.marker(CompletableFuture.completedFuture(marker));
        } else {
            makeMarker(docker, designKey, run, progress);
        }
        run.adopt(record, deviations);
        return run;
    }

    private static void makeMarker(DockerClient docker, String designKey, LocalRun run, Consumer<String> progress) {
        CompletableFuture<String> marker = CompletableFuture.supplyAsync(() -> {
            String pauseImage = PauseImage.ensure(docker, System.getProperty("os.arch"));
            return docker.createContainerCmd(pauseImage).withName("stowage-run-" + designKey)
                    .withLabels(Map.of(EcsLabels.DESIGN, designKey, EcsLabels.RUN_MARKER, designKey))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        }).whenComplete((id, e) -> {
            if (e != null) {
                progress.accept("the run marker could not be made (stowage down will not stop this run's "
                        + "scheduler): " + DockerErrors.message(e));
            } else {
                run.markerId(id);
            }
        });
        run.marker(marker);
    }

    private LocalRun start(Design design, String designKey, LocalRunOptions options, RuntimeListener listener,
                           Consumer<String> progress) {
        connection.ping();
        DockerClient docker = connection.client();
        LocalDesignSettings settings = LocalDesignSettings.of(design, options.designDirectory());
        if (settings.publishAllInterfaces() && !options.publishAllInterfaces()) {
            options = options.withPublishAllInterfaces(true);
        }
        if (settings.taskRoleUserFallback() && !options.agent().userFallback()) {
            options = options.withAgent(options.agent().withUserFallback(true));
        }
        options.secrets().warnings().forEach(progress::accept);
        // What an earlier run left goes first (never two copies of a design); the network is made meanwhile.
        String network = networkName(designKey);
        var leftovers = CompletableFuture.supplyAsync(() -> Cleanup.down(docker, designKey, design, false,
                m -> progress.accept("leftovers of an earlier run: " + m)));
        var networkReady = CompletableFuture.runAsync(() -> createNetwork(docker, network, designKey));
        RuntimeStore store = new RuntimeStore();
        store.subscribe(listener);
        RegistryAuth auth = new RegistryAuth(options.dockerConfigDir(), options.registryLogin(), options.secrets());
        ImageService images = new ImageService(docker, options.pullBehavior(), auth, settings.builds(), progress);
        RunContext ctx = new RunContext(docker, design, designKey, options, store, images);
        TaskCgroups cgroups = TaskCgroups.probe(docker, connection.host());
        TaskSetup setup = new TaskSetup(docker, designKey, options, settings.environmentFiles(), network, cgroups);
        LocalRun run = new LocalRun(ctx, store, setup, network, progress);
        run.engineAddress(String.valueOf(connection.host()));
        // Placement is pure: worked out while the engine removes leftovers.
        run.plan();
        Removed removed = join(leftovers);
        join(networkReady);
        RunContext.trace("up: leftovers removed, network ready");
        List<String> deviations = new ArrayList<>(settings.problems());
        deviations.addAll(deviations(design, options, network, cgroups));
        TaskEndpoints endpoints = options.agent().endpoints();
        if (endpoints != null) {
            TaskEndpoints.EndpointAccess access = endpoints.attach(run, designNetwork(docker, network));
            setup.endpointAccess(access);
            run.servedBy(endpoints);
            deviations.addAll(access.deviations());
        }
        if (removed.containers() > 0) {
            progress.accept("removed " + Counted.of(removed.containers(), "container") + " an earlier run left");
        }
        // The marker only matters to a later stowage down: made beside the tasks, not before them.
        makeMarker(docker, designKey, run, progress);
        run.start(deviations);
        return run;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** What runs for a design now, read from Docker by label; {@code design} (may be null) names the containers' order. */
    public RuntimeSnapshot ps(String designKey, Design design) {
        connection.ping();
        return RecordedTasks.merge(TaskReader.read(connection.client(), designKey, design),
                RunRecord.read(designKey).orElse(null));
    }

    /** Removes every container, task-scoped volume and network of the design. */
    public Removed down(String designKey, Design design, Consumer<String> progress) {
        connection.ping();
        Removed removed = Cleanup.down(connection.client(), designKey, design, true, progress);
        RunRecord.delete(designKey);
        return removed;
    }

    /**
     * Streams the logs of a design's containers named {@code container}: a container definition name (every
     * task's container of that name), {@code <task id prefix>/<name>}, or a Docker name or id.
     *
     * @param follow keep streaming until closed
     * @param lines  hears each line, prefixed with {@code service-or-family/task} when several containers match
     * @return a handle: close it to stop following; {@link LogStream#await()} waits for the end
     * @throws IllegalArgumentException when nothing of the design matches
     */
    public LogStream logs(String designKey, String container, boolean follow, Consumer<String> lines) {
        return logs(designKey, container, -1, follow, lines);
    }

    /** As {@link #logs(String, String, boolean, Consumer)}, starting with each container's last {@code tail} lines (all when negative). */
    public LogStream logs(String designKey, String container, int tail, boolean follow, Consumer<String> lines) {
        connection.ping();
        DockerClient docker = connection.client();
        List<Container> matches = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, designKey)).exec()) {
            String name = c.getLabels().get(EcsLabels.CONTAINER_NAME);
            String arn = c.getLabels().get(EcsLabels.TASK_ARN);
            if (name == null || arn == null) {
                continue;
            }
            String taskId = arn.substring(arn.lastIndexOf('/') + 1);
            int slash = container.indexOf('/');
            boolean byTask = slash > 0 && taskId.startsWith(container.substring(0, slash))
                    && name.equals(container.substring(slash + 1));
            boolean byDocker = c.getId().startsWith(container)
                    || List.of(c.getNames()).contains("/" + container);
            if (name.equals(container) || byTask || byDocker) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no container " + container + " in the design's local run");
        }
        matches.sort((a, b) -> Long.compare(a.getCreated(), b.getCreated()));
        List<Closeable> streams = new ArrayList<>();
        List<ResultCallback.Adapter<Frame>> callbacks = new ArrayList<>();
        for (Container c : matches) {
            String arn = c.getLabels().get(EcsLabels.TASK_ARN);
            String group = c.getLabels().getOrDefault(EcsLabels.GROUP, "");
            String who = group.startsWith("service:") ? group.substring(8) : c.getLabels().get(EcsLabels.FAMILY);
            String prefix = matches.size() == 1 ? ""
                    : who + "/" + arn.substring(arn.lastIndexOf('/') + 1, Math.min(arn.length(), arn.lastIndexOf('/') + 9))
                    + " | ";
            var command = docker.logContainerCmd(c.getId()).withStdOut(true).withStdErr(true).withFollowStream(follow);
            if (tail >= 0) {
                command.withTail(tail);
            }
            var callback = command.exec(new LineCallback(prefix, lines));
            streams.add(callback);
            callbacks.add(callback);
        }
        return new LogStream(streams, callbacks);
    }

    /**
     * Pushes a local image to its registry, with the credentials a run would pull it with (config.json and its
     * credential helpers, or ECR's login). Blocking.
     *
     * @throws ImageException with the registry's answer when the push fails
     */
    public void push(String image, LocalRunOptions options, Consumer<String> progress) {
        connection.ping();
        RegistryAuth auth = new RegistryAuth(options.dockerConfigDir(), options.registryLogin(), options.secrets());
        new ImageService(connection.client(), options.pullBehavior(), auth, Map.of(), progress).push(image, null);
    }

    /**
     * Builds the images a design builds (the entries' {@code imageBuilds}, and {@code localRun.builds}), as
     * {@code up} would before starting tasks.
     * Blocking.
     */
    public void build(Design design, LocalRunOptions options, Consumer<String> progress) {
        connection.ping();
        LocalDesignSettings settings = LocalDesignSettings.of(design, options.designDirectory());
        RegistryAuth auth = new RegistryAuth(options.dockerConfigDir(), options.registryLogin(), options.secrets());
        ImageService images = new ImageService(connection.client(), options.pullBehavior(), auth, settings.builds(),
                progress);
        settings.builds().keySet().forEach(image -> images.ensure(image, null));
    }

    static String networkName(String designKey) {
        return "stowage-" + designKey;
    }

    static void createNetwork(DockerClient docker, String network, String designKey) {
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException missing) {
            docker.createNetworkCmd().withName(network).withDriver("bridge")
                    .withLabels(Map.of(EcsLabels.DESIGN, designKey)).exec();
        }
    }

    /** The design network's id, subnet and gateway, as the agent's endpoints need them to be reached from it. */
    static TaskEndpoints.DesignNetwork designNetwork(DockerClient docker, String network) {
        var inspected = docker.inspectNetworkCmd().withNetworkId(network).exec();
        String subnet = null;
        String gateway = null;
        if (inspected.getIpam() != null && inspected.getIpam().getConfig() != null) {
            for (var config : inspected.getIpam().getConfig()) {
                if (config.getSubnet() != null && !config.getSubnet().contains(":")) {
                    subnet = config.getSubnet();
                    gateway = config.getGateway();
                    break;
                }
            }
        }
        String os;
        try {
            os = docker.infoCmd().exec().getOperatingSystem();
        } catch (RuntimeException unknown) {
            os = null;
        }
        return new TaskEndpoints.DesignNetwork(inspected.getName(), inspected.getId(), subnet, gateway, os);
    }

    /** Where a local run of this design differs from ECS, said once at the start. */
    static List<String> deviations(Design design, LocalRunOptions options, String network, TaskCgroups cgroups) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Cluster cluster : design.clusters()) {
            for (ContainerInstance instance : cluster.instances()) {
                n++;
                out.add("instance " + instance.id() + " of cluster " + cluster.name()
                        + " is emulated on this Docker engine with its registered capacity; its host ports are "
                        + "published on " + (options.publishAllInterfaces() ? "all interfaces (0.0.0.0)"
                        : options.instanceAddressBase() + "." + n));
            }
        }
        Map<String, Boolean> modes = new LinkedHashMap<>();
        boolean taskSize = false;
        boolean taskRole = false;
        for (TaskDefinition td : design.taskDefinitionList()) {
            modes.put(td.networkMode() == null ? "bridge" : td.networkMode(), true);
            taskSize |= td.cpu() != null || td.memory() != null;
            taskRole |= td.taskRoleArn() != null;
        }
        if (modes.containsKey("bridge")) {
            out.add("bridge-mode tasks join the Docker network " + network + " instead of docker0, so they also "
                    + "reach each other by service name");
        }
        if (modes.containsKey("host")) {
            out.add("host-mode tasks share this machine's network: instances cannot keep their ports apart");
        }
        if (modes.containsKey("awsvpc") || design.clusters().stream().anyMatch(Cluster::hasFargate)) {
            out.add(options.publishAllInterfaces()
                    ? "awsvpc tasks get no address of their own in place of an ENI: with --publish-all the pause "
                    + "container publishes their ports on all interfaces (0.0.0.0)"
                    : "awsvpc tasks get a loopback address of their own (" + options.taskAddressBase()
                    + ".N) in place of an ENI; the pause container publishes their ports there");
        }
        if (taskSize && !cgroups.available()) {
            out.add("task-level cpu and memory are reserved for placement but not enforced as a task cgroup: "
                    + cgroups.unavailableReason());
        }
        if (options.agent().endpoints() == null) {
            out.add("the container metadata endpoint (169.254.170.2)" + (taskRole ? " and task-role credentials are"
                    : " is") + " not served by this run (no local agent); ECS_CONTAINER_METADATA_URI and the other "
                    + "variables are set as ECS sets them" + (taskRole ? ", but no task gets credentials" : ""));
        }
        out.add("stopped tasks' containers are kept until stowage down (ECS removes them after 3 hours)");
        return out;
    }

    /** Collects frames into lines. */
    private static final class LineCallback extends ResultCallback.Adapter<Frame> {
        private final String prefix;
        private final Consumer<String> lines;
        private final StringBuilder partial = new StringBuilder();

        LineCallback(String prefix, Consumer<String> lines) {
            this.prefix = prefix;
            this.lines = lines;
        }

        @Override
        public void onNext(Frame frame) {
            partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                lines.accept(prefix + partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        }

        @Override
        public void onComplete() {
            if (partial.length() > 0) {
                lines.accept(prefix + partial);
                partial.setLength(0);
            }
            super.onComplete();
        }
    }
}
