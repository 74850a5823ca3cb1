package io.stowage.engine.local;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import io.stowage.engine.watch.RuntimeStore;
import io.stowage.model.agent.TaskOverrides;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonText;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.TaskRef;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskMetadata;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A design running on the local Docker engine, as ECS and its agents would run it: the tasks the placement engine
 * put on the emulated instances, the service schedulers that keep them, and Docker's event stream driving their
 * states. Every call returns at once; work happens on the run's own threads, and what happens is reported to the
 * {@link io.stowage.model.runtime.RuntimeListener} given to {@link LocalEngine#up}. Get one from
 * {@link LocalEngine#up}.
 */
public final class LocalRun implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a lost engine must keep answering before it counts as back. */
    static final Duration STEADY = Duration.ofSeconds(1);

    private final RunContext ctx;
    private final RuntimeStore store;
    private final InstanceBook book;
    private final TaskSetup setup;
    private final String network;
    private final Consumer<String> progress;
    private final Map<String, TaskRunner> runners = new LinkedHashMap<>();
    private final Map<String, TaskState> unplacedTasks = new LinkedHashMap<>();
    private final Map<String, Placement> live = new LinkedHashMap<>();
    private final Map<String, String> taskAddresses = new LinkedHashMap<>();
    private final Map<String, ServiceScheduler> services = new LinkedHashMap<>();
    private final Map<String, Integer> nextNumber = new LinkedHashMap<>();
    private final List<String> deviations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> allStopped = new CompletableFuture<>();
    private final AgentView view;
    private final RunRecorder recorder;
    private final java.util.Set<String> prefetched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile TaskEndpoints endpoints;
    private EventFollower events;
    private volatile StatsSampler stats;
    private volatile boolean stopping;
    private volatile boolean closed;
    private volatile Instant lostAt;
    private volatile RunLock lock;
    private volatile String engineAddress;

    LocalRun(RunContext ctx, RuntimeStore store, TaskSetup setup, String network, Consumer<String> progress) {
        this.ctx = ctx;
        this.store = store;
        this.book = new InstanceBook(ctx.design, ctx.options);
        this.setup = setup;
        this.network = network;
        this.progress = progress;
        this.view = new AgentView(ctx.docker);
        this.recorder = new RunRecorder(ctx.designKey, store);
        store.subscribe(recorder);
        ctx.onConnectionFailure = () -> engineLost("the Docker engine does not answer");
    }

    // ------------------------------------------------------------------ API

    /** Completes when every task placed at the start is RUNNING or STOPPED (or could not be placed). */
    public CompletableFuture<Void> whenStarted() {
        return started;
    }

    /**
     * The tasks of the run's start: those placed then and those that could not be. What {@link #whenStarted}
     * waits for; a service's replacements for them are not (a crash loop would keep {@code up --detach} waiting
     * until the scheduler throttles).
     */
    public Set<String> firstTasks() {
        Set<String> first = firstTasks;
        return first == null ? Set.of() : first;
    }

    /** Completes when the run was stopped and every task is STOPPED. */
    public CompletableFuture<Void> whenStopped() {
        return allStopped;
    }

    /** Calls {@code action} on the run's thread after every change it reports (e.g. to re-read the snapshot). */
    public void onChange(Runnable action) {
        store.subscribe(new io.stowage.model.runtime.RuntimeListener() {
            @Override
            public void taskChanged(TaskState task) {
                action.run();
            }

            @Override
            public void serviceChanged(io.stowage.model.runtime.ServiceState service) {
                action.run();
            }
        });
    }

    /** What is known now. */
    public RuntimeSnapshot snapshot() {
        return store.snapshot();
    }

    /**
     * Writes the run's record now ({@link RunRecord}; it is otherwise written within 100 ms of each change), so that
     * a {@code ps} right after reads what is known now: what the agent does before it says a run has started.
     */
    public void writeRecord() {
        recorder.flush();
    }

    /** Where this run differs from ECS, in words for the user (also reported as events). */
    public List<String> deviations() {
        return List.copyOf(deviations);
    }

    public String designKey() {
        return ctx.designKey;
    }

    // ------------------------------------------------------------------ what the agent's endpoints read

    /** The task a container's metadata endpoint id belongs to, as the agent knows it (any thread). */
    public Optional<TaskMetadata> metadataByEndpointId(String endpointId) {
        return view.byEndpointId(endpointId);
    }

    /** One task as the agent knows it (any thread). */
    public Optional<TaskMetadata> metadata(String taskArn) {
        return view.byArn(taskArn);
    }

    /** Every task of the run as the agent knows it, oldest first (any thread). */
    public List<TaskMetadata> metadata() {
        return view.all();
    }

    /**
     * A running container's last resource use in Docker's stats JSON, as the metadata endpoint serves it; empty when
     * it is not sampled (not running, or no reading yet).
     */
    public Optional<String> containerStats(String dockerId, String dockerName) {
        StatsSampler sampler = stats;
        StatsSampler.Readings readings = sampler == null ? null : sampler.readings(dockerId);
        return readings == null ? Optional.empty() : Optional.of(DockerStatsJson.of(readings, dockerId, dockerName));
    }

    /** The design's emulated container instances, each with the loopback address its agent listens on. */
    public List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (Cluster cluster : ctx.design.clusters()) {
            for (var instance : cluster.instances()) {
                out.add(new Instance(cluster.name(), instance.id(),
                        InstanceBook.instanceArn(cluster.name(), instance.id()),
                        book.address(cluster.id(), instance.id()), instance.agentVersion()));
            }
        }
        return out;
    }

    /**
     * An emulated container instance.
     *
     * @param address      its loopback address, e.g. {@code 127.0.1.1}
     * @param agentVersion the agent version the design gives it, or null
     */
    public record Instance(String cluster, String instanceId, String containerInstanceArn, String address,
                           String agentVersion) {
    }

    /** The network modes the design's tasks use ({@code bridge} when a task definition names none). */
    public java.util.Set<String> networkModes() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        ctx.design.taskDefinitionList().forEach(td -> out.add(td.networkMode() == null ? "bridge" : td.networkMode()));
        return out;
    }

    /** The agent's endpoints serve this run from now on (its tasks' metadata, credentials, introspection). */
    void servedBy(TaskEndpoints value) {
        endpoints = value;
    }

    /** Sets a service's desired count; the scheduler starts or stops tasks to meet it. */
    public void scale(String clusterId, String serviceId, int desiredCount) {
        ctx.onLoop(() -> {
            ServiceScheduler s = services.get(clusterId + "/" + serviceId);
            if (s != null) {
                s.setDesired(desiredCount);
            }
        });
    }

    /**
     * UpdateService with a new revision of the service's task definition and/or deployment configuration: the
     * service's scheduler rolls it out as ECS's rolling update does, within {@code minimumHealthyPercent} and
     * {@code maximumPercent} (null: as they are).
     *
     * @param taskDefinition the new revision's task definition (of the service's family), or null to keep it
     * @param revision       its revision number, or null with a null task definition
     */
    public void deploy(String clusterId, String serviceId, TaskDefinition taskDefinition, Integer revision,
                       Integer minimumHealthyPercent, Integer maximumPercent) {
        ctx.onLoop(() -> {
            ServiceScheduler s = services.get(clusterId + "/" + serviceId);
            if (s != null) {
                s.deploy(taskDefinition, revision, minimumHealthyPercent, maximumPercent);
            }
        });
    }

    /** The design as the run runs it now: the file's, with the services and tasks made through the ECS endpoint. */
    public io.stowage.model.design.Design design() {
        return ctx.design;
    }

    /**
     * CreateService through the ECS endpoint: a new service of one of the design's clusters, running
     * {@code taskDefinition} at {@code revision}; its scheduler places and starts its tasks as it does a design's
     * own. Completes when the service is in the run (its tasks start after).
     */
    public CompletableFuture<Void> createService(String clusterId, Service service, TaskDefinition taskDefinition,
                                                 int revision) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.onLoop(() -> {
            try {
                if (stopping) {
                    throw new IllegalStateException("the run is being stopped");
                }
                TaskDefinition own = ctx.design.taskDefinition(taskDefinition.family()).orElse(null);
                var design = ctx.design.withCluster(cluster(clusterId).withService(service));
                ctx.design = own == null ? design.withTaskDefinition(taskDefinition) : design;
                ServiceScheduler s = new ServiceScheduler(schedulerHost(), cluster(clusterId), service);
                if (own != null && own != taskDefinition) {
                    s.startWith(taskDefinition, revision);
                }
                services.put(clusterId + "/" + service.id(), s);
                s.reconcile();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** DeleteService: the service's tasks are stopped, and it is INACTIVE once they have. */
    public void deleteService(String clusterId, String serviceId) {
        ctx.onLoop(() -> {
            ServiceScheduler s = services.get(clusterId + "/" + serviceId);
            if (s != null) {
                s.delete();
            }
        });
    }

    /** What RunTask started (each task as it is then) and what it could not place. */
    public record RunTaskResult(List<TaskState> tasks, List<PlacementFailure> failures) {
    }

    /**
     * RunTask through the ECS endpoint: {@code count} copies of {@code task} (a new standalone task of one of the
     * design's clusters, whose RunTask input names {@code taskDefinition} at {@code revision}), placed by the
     * placement engine on top of what runs and started by the agent's rules.
     */
    public CompletableFuture<RunTaskResult> runTask(String clusterId, StandaloneTask task, TaskDefinition taskDefinition,
                                                    int revision, int count) {
        CompletableFuture<RunTaskResult> done = new CompletableFuture<>();
        ctx.onLoop(() -> {
            try {
                if (stopping) {
                    throw new IllegalStateException("the run is being stopped");
                }
                TaskDefinition own = ctx.design.taskDefinition(taskDefinition.family()).orElse(null);
                var design = ctx.design.withCluster(cluster(clusterId).withTask(task));
                ctx.design = own == null ? design.withTaskDefinition(taskDefinition) : design;
                TaskDefinition revisionDefinition = own == null || own == taskDefinition ? null : taskDefinition;
                PlacementResult result = placeMore(clusterId, TaskRef.Kind.TASK, task.id(), count, revisionDefinition);
                List<TaskState> started = new ArrayList<>();
                for (Placement p : result.placements()) {
                    started.add(launch(p, null, revisionDefinition, revisionDefinition == null ? null : revision)
                            .state());
                }
                result.failures().forEach(f -> ctx.event(cluster(clusterId).name(), "task " + task.id(),
                        "RunTask failed: " + f.reason() + ": " + f.message()));
                book.report(currentTasks(), ctx.listener);
                done.complete(new RunTaskResult(started, result.failures()));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Stops one task as StopTask does; a service replaces it. */
    public void stopTask(String taskArn) {
        stopTask(taskArn, "Task stopped by user");
    }

    /** Stops one task as StopTask does with its {@code reason} (UserInitiated); a service replaces it. */
    public void stopTask(String taskArn, String reason) {
        ctx.onLoop(() -> {
            TaskRunner r = runners.get(taskArn);
            if (r != null) {
                r.stop(reason, StopCode.USER_INITIATED);
            }
        });
    }

    /** Runs one more copy of a standalone task of the design, as RunTask does. */
    public void runTask(String clusterId, String taskId) {
        ctx.onLoop(() -> {
            PlacementResult result = placeMore(clusterId, TaskRef.Kind.TASK, taskId, 1);
            result.placements().forEach(p -> launch(p, null, null, null));
            result.failures().forEach(f -> ctx.event(cluster(clusterId).name(), "task " + taskId,
                    "RunTask failed: " + f.reason() + ": " + f.message()));
        });
    }

    /**
     * Stops every task, each in reverse dependency order with its containers' stop timeouts, and the service
     * schedulers with them. The containers stay (for their logs) until {@link LocalEngine#down}.
     */
    public CompletableFuture<Void> stopAll(String reason) {
        ctx.onLoop(() -> {
            stopping = true;
            services.values().forEach(ServiceScheduler::stop);
            dropAllUnplaced(reason);
            runners.values().forEach(r -> r.stop(reason, StopCode.USER_INITIATED));
            checkAllStopped();
        });
        return allStopped;
    }

    /**
     * Stops following the engine and lets the design's {@link RunLock} go; whatever runs keeps running (a detached
     * run).
     */
    @Override
    public void close() {
        try {
            // So that a down right after finds the marker to remove.
            marker.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception notMade) {
            // Reported when it failed; nothing to wait for.
        }
        closed = true;
        TaskEndpoints served = endpoints;
        if (served != null) {
            endpoints = null;
            served.detach(this);
        }
        view.forgetAll();
        if (events != null) {
            events.close();
        }
        if (stats != null) {
            stats.close();
        }
        ctx.shutdown();
        recorder.close();
        RunLock held = lock;
        if (held != null) {
            lock = null;
            held.close();
        }
    }

    /** Where the engine is, for the words of an engine-lost line ({@code unix:///var/run/docker.sock}). */
    void engineAddress(String address) {
        this.engineAddress = address;
    }

    /** The design's run lock, held by this run until {@link #close()}. */
    void holding(RunLock runLock) {
        this.lock = runLock;
    }

    // ------------------------------------------------------------------ start

    void start(List<String> startDeviations) {
        deviations.addAll(startDeviations);
        startDeviations.forEach(d -> ctx.event(null, "stowage", "deviation: " + d));
        events = new EventFollower(ctx.docker, ctx.designKey, this::onDockerEvent, this::engineLost);
        events.follow(Instant.now().minusSeconds(1));
        stats = new StatsSampler(ctx.docker, ctx.listener);
        ctx.onLoop(this::placeAll);
        // Also on every task change (below), so a stream ends as its container does; this catches the rest.
        ctx.onLoopEvery(StatsSampler.INTERVAL, this::sampleStats);
    }

    /**
     * Takes the run over from the process that kept it and ended (a killed agent): its tasks rebuilt from what that
     * process recorded ({@code record}) and what Docker's labels and inspect say of their containers, none made
     * again; then supervised as if this process had started them. Blocks for Docker's inventory only.
     */
    void adopt(RunRecord record, List<String> startDeviations) {
        deviations.addAll(startDeviations);
        startDeviations.forEach(d -> ctx.event(null, "stowage", "deviation: " + d));
        events = new EventFollower(ctx.docker, ctx.designKey, this::onDockerEvent, this::engineLost);
        stats = new StatsSampler(ctx.docker, ctx.listener);
        // Docker's events from before the inventory are in it; those after are followed once the tasks are taken over.
        Instant since = Instant.now();
        Map<String, Map<String, InspectContainerResponse>> found = inventory();
        ctx.onLoop(() -> {
            adoptAll(record, found);
            events.follow(since);
        });
        ctx.onLoopEvery(StatsSampler.INTERVAL, this::sampleStats);
    }

    /** Why a task the ended process recorded as not stopped, with no container in Docker, is shown STOPPED. */
    static final String NOT_MADE_REASON = "The Stowage agent that kept the task ended before it made the task's "
            + "containers";

    private void adoptAll(RunRecord record, Map<String, Map<String, InspectContainerResponse>> found) {
        for (Cluster cluster : ctx.design.clusters()) {
            for (Service service : cluster.services()) {
                ServiceScheduler s = new ServiceScheduler(schedulerHost(), cluster, service);
                services.put(cluster.id() + "/" + service.id(), s);
                String name = service.serviceName() == null ? service.id() : service.serviceName();
                record.services().stream().filter(r -> r.serviceName().equals(name)
                        && (r.cluster() == null || r.cluster().equals(cluster.name()))).findFirst().ifPresent(s::restore);
            }
        }
        Map<String, TaskState> recorded = new LinkedHashMap<>();
        record.tasks().forEach(t -> recorded.put(t.taskArn(), t));
        Instant now = Instant.now();
        for (TaskState t : record.tasks()) {
            if (t.isStopped()) {
                ctx.listener.taskChanged(t); // the history stays, as the agent recorded it
            } else if (!found.containsKey(t.taskArn())) {
                ctx.listener.taskChanged((t.stoppedReason() == null ? t.stopping(NOT_MADE_REASON, null) : t)
                        .stopped(now));
            }
        }
        List<String> order = new ArrayList<>(recorded.keySet());
        found.keySet().stream().filter(arn -> !recorded.containsKey(arn)).forEach(order::add);
        Set<String> adopted = new java.util.LinkedHashSet<>();
        for (String arn : order) {
            Map<String, InspectContainerResponse> containers = found.get(arn);
            TaskState was = recorded.get(arn);
            if (containers == null || containers.isEmpty() || was != null && was.isStopped()) {
                continue;
            }
            var first = containers.values().iterator().next();
            Map<String, String> labels = first.getConfig() == null || first.getConfig().getLabels() == null
                    ? Map.of() : first.getConfig().getLabels();
            Placement p = adoptedPlacement(labels, was);
            if (p == null) {
                ctx.event(null, "stowage", "task " + arn.substring(arn.lastIndexOf('/') + 1) + " (" + labels.get(
                        EcsLabels.SOURCE) + ") is not in the design any more; it is left as it is (stowage down "
                        + "removes it)");
                continue;
            }
            TaskRunner runner = register(p, arn, labels.get(EcsLabels.HOST_IP));
            if (p.task().kind() == TaskRef.Kind.SERVICE) {
                ServiceScheduler s = services.get(p.task().clusterId() + "/" + p.task().source());
                if (s != null) {
                    s.adopt(runner);
                }
            }
            adopted.add(arn);
            runner.adopt(was, containers);
        }
        firstTasks = Set.copyOf(adopted);
        ctx.event(null, "stowage", "the run was taken over from the process that kept it (pid " + record.pid()
                + ", ended): " + Counted.of(adopted.size(), "task") + " adopted, no container made again");
        // Tasks that are gone altogether are replaced now, as after any stop.
        services.values().forEach(ServiceScheduler::reconcile);
        book.report(currentTasks(), ctx.listener);
        checkStarted();
    }

    /** Where an adopted task was placed, from its containers' labels; null when the design has it no more. */
    private Placement adoptedPlacement(Map<String, String> labels, TaskState was) {
        String clusterId = labels.get(EcsLabels.CLUSTER_ID);
        String source = labels.get(EcsLabels.SOURCE);
        Cluster cluster = clusterId == null ? null : ctx.design.cluster(clusterId).orElse(null);
        if (cluster == null || source == null || source.indexOf(':') < 0) {
            return null;
        }
        String id = source.substring(source.indexOf(':') + 1);
        TaskRef.Kind kind = source.startsWith("service:") ? TaskRef.Kind.SERVICE : TaskRef.Kind.TASK;
        if (kind == TaskRef.Kind.SERVICE ? cluster.service(id).isEmpty() : cluster.task(id).isEmpty()) {
            return null;
        }
        String instanceId = labels.get(EcsLabels.INSTANCE);
        String zone = was != null ? was.availabilityZone() : cluster.instances().stream()
                .filter(i -> i.id().equals(instanceId)).map(i -> i.availabilityZone()).findFirst().orElse(null);
        int number = nextNumber.getOrDefault(clusterId + "/" + kind + "/" + id, 1);
        String group = labels.getOrDefault(EcsLabels.GROUP, was == null ? null : was.group());
        return new Placement(new TaskRef(clusterId, kind, id, number), group, instanceId, zone);
    }

    /** How many containers' resource use is being sampled now. */
    int sampledContainers() {
        return stats == null ? 0 : stats.sampling();
    }

    /** Points the sampler at the containers that run now (on the state thread). */
    private void sampleStats() {
        if (stats == null || closed || ctx.engineLost) {
            return;
        }
        List<StatsSampler.Target> running = new ArrayList<>();
        for (TaskRunner runner : runners.values()) {
            TaskState t = runner.state();
            for (ContainerState c : t.containers()) {
                if (c.lastStatus() == io.stowage.model.runtime.ContainerStatus.RUNNING && c.runtimeId() != null) {
                    running.add(new StatsSampler.Target(t.taskArn(), c.name(), c.runtimeId()));
                }
            }
        }
        stats.follow(running);
    }

    private PlacementResult initial;
    private volatile String markerId;

    private volatile CompletableFuture<String> marker = CompletableFuture.completedFuture(null);

    /** The marker container of this run: {@code stowage down} removes it first, to stop this run's scheduling. */
    void markerId(String id) {
        markerId = id;
    }

    void marker(CompletableFuture<String> made) {
        marker = made;
    }

    /** Places the design's tasks, before anything starts. */
    void plan() {
        initial = PlacementEngine.place(ctx.design, ctx.options.seed());
    }

    private void placeAll() {
        PlacementResult result = initial != null ? initial : PlacementEngine.place(ctx.design, ctx.options.seed());
        for (Cluster cluster : ctx.design.clusters()) {
            for (Service service : cluster.services()) {
                services.put(cluster.id() + "/" + service.id(), new ServiceScheduler(schedulerHost(), cluster, service));
            }
        }
        for (Placement p : result.placements()) {
            TaskRunner runner = launch(p, null, null, null);
            ServiceScheduler s = p.task().kind() == TaskRef.Kind.SERVICE
                    ? services.get(p.task().clusterId() + "/" + p.task().source()) : null;
            if (s != null) {
                s.adopt(runner);
            }
        }
        for (PlacementFailure f : result.failures()) {
            Cluster cluster = cluster(f.task().clusterId());
            if (f.task().kind() == TaskRef.Kind.SERVICE) {
                ServiceScheduler s = services.get(cluster.id() + "/" + f.task().source());
                Service service = cluster.service(f.task().source()).orElseThrow();
                String arn = newTaskArn(cluster.name());
                showUnplaced(arn, cluster, service);
                s.unplaced(arn, f);
            } else {
                ctx.event(cluster.name(), "task " + f.task().source(), "RunTask failed: " + f.reason() + ": " + f.message());
            }
        }
        services.values().forEach(ServiceScheduler::report);
        Set<String> first = new java.util.HashSet<>(runners.keySet());
        first.addAll(unplacedTasks.keySet());
        firstTasks = Set.copyOf(first);
        book.report(currentTasks(), ctx.listener);
        checkStarted();
    }

    private volatile Set<String> firstTasks;

    private Cluster cluster(String clusterId) {
        return ctx.design.cluster(clusterId).orElseThrow();
    }

    static String newTaskArn(String cluster) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "arn:aws:ecs:local:000000000000:task/" + cluster + "/" + HexFormat.of().formatHex(id);
    }

    TaskRunner launch(Placement p, String taskArn) {
        return launch(p, taskArn, null, null);
    }

    /**
     * Starts a placed task; of {@code revisionDefinition} at {@code revisionNumber} when given (a service's new
     * revision, rolled out through the API), else of the design's task definition.
     */
    TaskRunner launch(Placement p, String taskArn, TaskDefinition revisionDefinition, Integer revisionNumber) {
        TaskRunner runner = register(p, taskArn, null, revisionDefinition, revisionNumber);
        runner.start();
        return runner;
    }

    private TaskRunner register(Placement p, String taskArn, String adoptedHostIp) {
        return register(p, taskArn, adoptedHostIp, null, null);
    }

    /**
     * Makes a placed task's runner and counts it as the run's, not started yet; {@code adoptedHostIp} is where an
     * adopted task's containers already publish (its label), or null for a new task; of {@code revisionDefinition}
     * at {@code revisionNumber} when given, else of the design's task definition.
     */
    private TaskRunner register(Placement p, String taskArn, String adoptedHostIp, TaskDefinition revisionDefinition,
                                Integer revisionNumber) {
        Cluster cluster = cluster(p.task().clusterId());
        boolean isService = p.task().kind() == TaskRef.Kind.SERVICE;
        Service service = isService ? cluster.service(p.task().source()).orElseThrow() : null;
        StandaloneTask task = isService ? null : cluster.task(p.task().source()).orElseThrow();
        TaskDefinitionRef designRef = isService ? service.taskDefinition() : task.taskDefinition();
        TaskDefinitionRef ref = revisionDefinition == null ? designRef
                : new TaskDefinitionRef(revisionDefinition.family(), revisionNumber);
        TaskDefinition td = revisionDefinition != null ? revisionDefinition
                : ctx.design.taskDefinition(ref.family()).orElseThrow();
        if (!isService) {
            td = TaskOverrides.apply(td, task.run().overrides());
        }
        String launchType = isService ? service.launchType() : task.launchType();
        boolean fargate = "FARGATE".equals(launchType);
        String mode = fargate ? "awsvpc" : td.networkMode() == null ? "bridge" : td.networkMode();
        String arn = taskArn != null ? taskArn : newTaskArn(cluster.name());
        String hostIp;
        if ("awsvpc".equals(mode) && adoptedHostIp != null) {
            hostIp = adoptedHostIp;
            book.claimTaskAddress(hostIp);
            taskAddresses.put(arn, hostIp);
        } else if ("awsvpc".equals(mode)) {
            hostIp = ctx.options.publishAllInterfaces() ? null : book.leaseTaskAddress();
            taskAddresses.put(arn, hostIp);
        } else {
            hostIp = p.instanceId() == null ? null : book.hostIp(cluster.id(), p.instanceId());
        }
        String name = isService ? (service.serviceName() == null ? service.id() : service.serviceName()) : td.family();
        boolean activates = isService && (!service.spec().loadBalancers().isEmpty()
                || !service.spec().serviceRegistries().isEmpty());
        TaskPlan plan = new TaskPlan(p.task(), td, ref.revision() == null ? 1 : ref.revision(), hash(td), cluster.id(),
                cluster.name(), arn, p.group(), (isService ? "service:" : "task:") + p.task().source(),
                p.instanceId(), p.instanceId() == null ? null : InstanceBook.instanceArn(cluster.name(), p.instanceId()),
                p.availabilityZone(), fargate ? "FARGATE" : "EC2", mode, hostIp, activates, List.of(name),
                p.instanceId() == null ? null : book.address(cluster.id(), p.instanceId()),
                tags(td, cluster, service, task));
        TaskRunner runner = new TaskRunner(ctx, plan, setup, this::taskChanged);
        runners.put(arn, runner);
        unplacedTasks.remove(arn);
        live.put(arn, p);
        nextNumber.merge(p.task().clusterId() + "/" + p.task().kind() + "/" + p.task().source(),
                p.task().number() + 1, Math::max);
        return runner;
    }

    /**
     * A task's tags as ECS gives them: RunTask's own, then the task definition's or the service's when propagateTags
     * says so, and ECS's managed tags when enableECSManagedTags is on.
     */
    static Map<String, String> tags(TaskDefinition td, Cluster cluster, Service service, StandaloneTask task) {
        Map<String, String> out = new LinkedHashMap<>();
        String propagate = service != null ? service.spec().propagateTags() : task.run().propagateTags();
        boolean managed = Boolean.TRUE.equals(service != null ? service.spec().enableECSManagedTags()
                : task.run().enableECSManagedTags());
        if (managed) {
            out.put("aws:ecs:clusterName", cluster.name());
            if (service != null) {
                out.put("aws:ecs:serviceName", service.serviceName() == null ? service.id() : service.serviceName());
            }
        }
        if ("TASK_DEFINITION".equals(propagate)) {
            td.tags().forEach(t -> out.put(t.key(), t.value()));
        } else if ("SERVICE".equals(propagate) && service != null) {
            service.spec().tags().forEach(t -> out.put(t.key(), t.value()));
        }
        if (task != null) {
            task.run().tags().forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    void showUnplaced(String arn, Cluster cluster, Service service) {
        TaskDefinition td = ctx.design.taskDefinition(service.taskDefinitionFamily()).orElse(null);
        List<ContainerState> containers = td == null ? List.of() : td.containerDefinitions().stream()
                .map(c -> ContainerState.pending(c.name(), c.image(), c.essential() == null || c.essential())).toList();
        TaskState pending = new TaskState(arn, cluster.name(), "service:" + service.serviceName(),
                service.spec().taskDefinition(), null, null, null, service.launchType(), TaskStatus.PENDING,
                TaskStatus.RUNNING, null, null, null, Instant.now(), null, null, containers);
        unplacedTasks.put(arn, pending);
        ctx.listener.taskChanged(pending);
    }

    PlacementResult placeMore(String clusterId, TaskRef.Kind kind, String source, int count) {
        return placeMore(clusterId, kind, source, count, null);
    }

    /**
     * Places {@code count} more tasks on top of the live ones; of {@code revision} (a service's new revision) when
     * given. Live tasks hold the resources and ports of the task definition they run, whichever revision it is.
     */
    PlacementResult placeMore(String clusterId, TaskRef.Kind kind, String source, int count, TaskDefinition revision) {
        List<Placement> holding = new ArrayList<>();
        Map<TaskRef, TaskDefinition> held = new java.util.HashMap<>();
        live.forEach((arn, p) -> {
            if (p.task().clusterId().equals(clusterId)) {
                holding.add(p);
                TaskRunner r = runners.get(arn);
                // A task of a revision made through the ECS endpoint holds its own resources and ports; with a
                // revision placed now (which stands in for its family in the placement's view), every task does.
                if (r != null && (revision != null || p.task().kind() == TaskRef.Kind.SERVICE && r.plan()
                        .taskDefinition() != ctx.design.taskDefinition(r.plan().taskDefinition().family()).orElse(null))) {
                    held.put(p.task(), r.plan().taskDefinition());
                }
            }
        });
        int first = nextNumber.getOrDefault(clusterId + "/" + kind + "/" + source, 1);
        var design = revision == null ? ctx.design : ctx.design.withTaskDefinition(revision);
        return PlacementEngine.placeMore(design, ctx.options.seed(), clusterId, holding, held::get, kind, source,
                count, first);
    }

    private ServiceScheduler.Host schedulerHost() {
        return new ServiceScheduler.Host() {
            public PlacementResult placeMore(String clusterId, TaskRef.Kind kind, String source, int count,
                                             TaskDefinition revision) {
                return LocalRun.this.placeMore(clusterId, kind, source, count, revision);
            }

            public TaskRunner launch(Placement placement, String taskArn, TaskDefinition taskDefinition,
                                     Integer revision) {
                return LocalRun.this.launch(placement, taskArn, taskDefinition, revision);
            }

            public void showUnplaced(String taskArn, Cluster cluster, Service service) {
                LocalRun.this.showUnplaced(taskArn, cluster, service);
            }

            public void dropUnplaced(String taskArn, String reason) {
                TaskState pending = unplacedTasks.remove(taskArn);
                if (pending != null) {
                    ctx.listener.taskChanged(pending.stopping(reason, StopCode.SERVICE_SCHEDULER_INITIATED)
                            .stopped(Instant.now()));
                }
            }

            public List<Placement> livePlacements(String clusterId, TaskRef.Kind kind, String source) {
                return live.values().stream().filter(p -> p.task().clusterId().equals(clusterId)
                        && p.task().kind() == kind && p.task().source().equals(source)).toList();
            }

            public RunContext context() {
                return ctx;
            }
        };
    }

    private static String hash(TaskDefinition td) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(JsonText.compact(td.json()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ changes

    private void taskChanged(TaskRunner runner) {
        TaskState t = runner.state();
        view.publish(runner);
        if (endpoints != null) {
            // Read the Docker facts the metadata endpoint serves before a container asks for them.
            for (ContainerState c : t.containers()) {
                if (c.runtimeId() != null && c.lastStatus() == io.stowage.model.runtime.ContainerStatus.RUNNING
                        && prefetched.add(c.runtimeId())) {
                    ctx.workers.execute(() -> view.prefetch(c.runtimeId()));
                }
            }
        }
        if (t.isStopped() && live.remove(t.taskArn()) != null) {
            book.releaseTaskAddress(taskAddresses.remove(t.taskArn()));
            // Freed capacity may fit a task the scheduler could not place before.
            services.values().forEach(s -> ctx.onLoop(s::capacityFreed));
        }
        for (ServiceScheduler s : services.values()) {
            s.taskChanged(runner);
        }
        book.report(currentTasks(), ctx.listener);
        sampleStats();
        checkStarted();
        checkAllStopped();
    }

    /** Tasks shown PENDING that were never placed end STOPPED with the run, so no view keeps them waiting. */
    private void dropAllUnplaced(String reason) {
        for (TaskState pending : List.copyOf(unplacedTasks.values())) {
            ctx.listener.taskChanged(pending.stopping(reason, StopCode.USER_INITIATED).stopped(Instant.now()));
        }
        unplacedTasks.clear();
    }

    private List<TaskState> currentTasks() {
        List<TaskState> out = new ArrayList<>();
        runners.values().forEach(r -> out.add(r.state()));
        out.addAll(unplacedTasks.values());
        return out;
    }

    private void checkStarted() {
        Set<String> first = firstTasks;
        if (!started.isDone() && first != null && runners.entrySet().stream()
                .filter(e -> first.contains(e.getKey())).map(e -> e.getValue().state())
                .allMatch(t -> t.lastStatus() == TaskStatus.RUNNING || t.isStopped())) {
            started.complete(null);
        }
    }

    private void checkAllStopped() {
        if (stopping && !allStopped.isDone() && runners.values().stream().allMatch(TaskRunner::isStopped)) {
            if (!started.isDone()) {
                started.complete(null);
            }
            allStopped.complete(null);
        }
    }

    private void onDockerEvent(Event event) {
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        String taskArn = attributes.get(EcsLabels.TASK_ARN);
        String container = attributes.get(EcsLabels.CONTAINER_NAME);
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        String actorId = event.getActor().getId() != null ? event.getActor().getId() : event.getId();
        if (attributes.containsKey(EcsLabels.RUN_MARKER) && "destroy".equals(action) && actorId != null
                && actorId.equals(markerId)) {
            ctx.onLoop(this::takenDown);
            return;
        }
        if (taskArn == null || container == null || action == null) {
            return;
        }
        Instant at = event.getTimeNano() != null
                ? Instant.ofEpochSecond(0, event.getTimeNano()) : Instant.ofEpochSecond(event.getTime());
        String id = event.getActor().getId() != null ? event.getActor().getId() : event.getId();
        ctx.onLoop(() -> {
            TaskRunner runner = runners.get(taskArn);
            if (runner != null) {
                runner.onEvent(container, id, action, attributes, at);
            }
        });
    }

    /** {@code stowage down} removed the run marker: it takes the containers down; this run stops scheduling. */
    private void takenDown() {
        if (stopping) {
            return;
        }
        stopping = true;
        services.values().forEach(ServiceScheduler::stop);
        dropAllUnplaced("Task stopped by user");
        ctx.event(null, "stowage", "the design is being taken down (stowage down); scheduling stopped");
        runners.values().forEach(r -> r.stop("Task stopped by user", StopCode.USER_INITIATED));
        checkAllStopped();
    }

    // ------------------------------------------------------------------ engine lost

    private synchronized void engineLost(String reason) {
        if (closed || ctx.engineLost) {
            return;
        }
        if (lostAt != null && answersNow()) {
            // A call made before the engine came back failed late (seen under load after a restart): the engine
            // answers, so it is not lost again; a restart reads "lost" once and "back" once.
            return;
        }
        ctx.engineLost = true;
        lostAt = Instant.now();
        ctx.listener.engineLost(reason + (engineAddress == null ? "" : " (" + engineAddress + ")"));
        Thread reconnect = new Thread(this::reconnect, "stowage-reconnect");
        reconnect.setDaemon(true);
        reconnect.start();
    }

    private boolean answersNow() {
        try {
            ctx.docker.pingCmd().exec();
            return true;
        } catch (RuntimeException gone) {
            return false;
        }
    }

    private void reconnect() {
        Duration wait = Duration.ofMillis(200);
        while (!closed) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                ctx.docker.pingCmd().exec();
                // A restarting daemon answers a ping or two between going and coming back: only one that keeps
                // answering is back, so that a restart reads "lost" once and "back" once, not four times a second.
                awaitSteady();
            } catch (RuntimeException stillGone) {
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : wait.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                return;
            }
            try {
                ensureNetwork();
                Map<String, Map<String, InspectContainerResponse>> found = inventory();
                events.follow(lostAt.minusSeconds(1));
                ctx.onLoop(() -> reconcile(found));
                return;
            } catch (RuntimeException notYet) {
                // The engine answers pings before it can list: try again shortly.
            }
        }
    }

    /** Pings until the engine has answered every ping for {@link #STEADY}; throws when one fails. */
    private void awaitSteady() throws InterruptedException {
        Instant answering = Instant.now();
        while (Duration.between(answering, Instant.now()).compareTo(STEADY) < 0) {
            Thread.sleep(STEADY.toMillis() / 4);
            if (closed) {
                return;
            }
            ctx.docker.pingCmd().exec();
        }
    }

    private void ensureNetwork() {
        try {
            ctx.docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException gone) {
            LocalEngine.createNetwork(ctx.docker, network, ctx.designKey);
            TaskEndpoints served = endpoints;
            if (served != null) {
                // A new network has a new subnet: make the endpoints reachable from it again.
                setup.endpointAccess(served.attach(this, LocalEngine.designNetwork(ctx.docker, network)));
            }
        }
    }

    /** Every container of the design Docker knows, by task and container name. */
    private Map<String, Map<String, InspectContainerResponse>> inventory() {
        Map<String, Map<String, InspectContainerResponse>> out = new LinkedHashMap<>();
        for (var c : ctx.docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, ctx.designKey)).exec()) {
            String arn = c.getLabels().get(EcsLabels.TASK_ARN);
            String name = c.getLabels().get(EcsLabels.CONTAINER_NAME);
            if (arn == null || name == null) {
                continue;
            }
            try {
                out.computeIfAbsent(arn, a -> new LinkedHashMap<>()).put(name, ctx.docker.inspectContainerCmd(c.getId()).exec());
            } catch (NotFoundException gone) {
                // Removed meanwhile.
            }
        }
        return out;
    }

    private void reconcile(Map<String, Map<String, InspectContainerResponse>> found) {
        ctx.engineLost = false;
        for (TaskRunner runner : new ArrayList<>(runners.values())) {
            if (!runner.isStopped()) {
                runner.reconcile(found.getOrDefault(runner.state().taskArn(), Map.of()));
            }
        }
        ctx.listener.engineBack();
        ctx.event(null, "stowage", "the Docker engine answers again; " + Counted.of(runners.size(), "task") + " reconciled");
        services.values().forEach(ServiceScheduler::reconcile);
    }
}
