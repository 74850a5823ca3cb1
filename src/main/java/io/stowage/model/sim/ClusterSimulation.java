package io.stowage.model.sim;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.InstanceUsage;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.ScaleIn;
import io.stowage.model.placement.TaskRef;
import io.stowage.model.placement.TaskRequirements;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.model.agent.AgentStatus;
import io.stowage.model.agent.TaskStateMachine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A design's clusters played over time on a virtual clock, as ECS's control plane and agents would run them
 * (ecs-semantics §3, §5): every placement by the {@link PlacementEngine}, every task by the agent's rules
 * ({@link SimulatedTask}), and the service scheduler in between: it keeps each service at its desired count,
 * replaces stopped and unhealthy tasks (after the health-check grace period), backs off when tasks keep failing
 * to start, rolls a new revision out within {@code minimumHealthyPercent} and {@code maximumPercent}
 * ({@link DeploymentRules}), trips the deployment circuit breaker at ECS's threshold and rolls back, runs one
 * task of a DAEMON service per instance, replaces the service tasks of a DRAINING instance within the same
 * settings (standalone tasks stay), replaces the tasks of a lost instance, and scales in in the strategy's order
 * ({@link ScaleIn}).
 *
 * <p>Nothing here reads a wall clock: {@link #runUntil}, {@link #step} and {@link #jump} move the clock, and the
 * same design, seed and actions always give the same timeline. What it observes is kept as the runtime model
 * ({@link #snapshot}: DescribeTasks/DescribeServices shapes) and as a timeline of events in ECS's words
 * ({@link #events}).
 */
public final class ClusterSimulation {
    /** Virtual time zero. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * A task without an essential container health check counts as healthy this long after it reaches RUNNING
     * (Developer Guide, deployment-type-ecs: "the service scheduler will wait for 40 seconds").
     */
    public static final Duration HEALTHY_WITHOUT_CHECK_AFTER = Duration.ofSeconds(40);
    /** The longest the scheduler waits between start attempts of a service whose tasks keep failing (§5.5). */
    public static final Duration MAX_START_BACKOFF = Duration.ofMinutes(15);
    /** Consecutive failed starts after which the service says it is unable to start tasks [I]. */
    static final int UNABLE_TO_START_AFTER = 3;
    private static final String ACCOUNT = "000000000000";
    private static final String REGION = "us-east-1";

    private Design design;
    private final long seed;
    private final Random ids;
    private final BiFunction<String, String, ContainerBehaviour> behaviours;
    private Instant now = START;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, SimService> services = new LinkedHashMap<>(); // by cluster/serviceId
    private final List<SimTask> tasks = new ArrayList<>();
    private final List<SimTask> live = new ArrayList<>();
    private final Set<String> draining = new HashSet<>(); // cluster/instance
    private final Set<String> lost = new HashSet<>();
    private final Map<String, Integer> revisions = new HashMap<>(); // family -> latest revision
    private final TreeMap<Instant, List<Consumer<ClusterSimulation>>> scheduled = new TreeMap<>();
    private final TreeSet<Instant> wakeups = new TreeSet<>();
    private final List<SimulationEvent> events = new ArrayList<>();
    private final List<Consumer<SimulationEvent>> listeners = new ArrayList<>();
    private final List<RuntimeListener> runtimeListeners = new ArrayList<>();
    private final Map<String, Object> reported = new HashMap<>();
    private long placements;
    private int scheduledOrder;

    /** A simulation where every container does what {@link ContainerBehaviour#DEFAULT} says. */
    public ClusterSimulation(Design design, long seed) {
        this(design, seed, (source, container) -> null);
    }

    /**
     * @param behaviours per service (or standalone task) id and container name, what it does; null for the
     *                   default
     */
    public ClusterSimulation(Design design, long seed, BiFunction<String, String, ContainerBehaviour> behaviours) {
        this.design = design;
        this.seed = seed;
        this.ids = new Random(seed);
        this.behaviours = behaviours;
        for (TaskDefinition td : design.taskDefinitionList()) {
            revisions.put(td.family(), 1);
        }
        for (Cluster c : design.clusters()) {
            clusters.put(c.id(), c);
            for (Service s : c.services()) {
                SimService sim = new SimService(c.id(), clusterName(c), s, container -> behaviours.apply(s.id(), container));
                services.put(c.id() + "/" + s.id(), sim);
                TaskDefinition td = design.taskDefinition(s.taskDefinitionFamily()).orElse(null);
                if (td != null) {
                    sim.deployments.add(new SimDeployment(deploymentId(), td, taskDefinitionArn(td.family(), 1),
                            sim.behaviours, now, null));
                }
            }
        }
        startDesign();
        settle();
    }

    public void addListener(Consumer<SimulationEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Reports what the simulation observes as an engine does (the live view's {@link RuntimeListener}): first the
     * state so far, then each task, instance and service change and each timeline line as it happens, with
     * virtual times ({@link #START} plus the elapsed time). Calls come on the thread that moves the clock.
     */
    public void addRuntimeListener(RuntimeListener listener) {
        runtimeListeners.add(listener);
        reported.clear();
        tasks().forEach(listener::taskChanged);
        reportChanges();
    }

    private void reportTask(SimTask t) {
        if (!runtimeListeners.isEmpty()) {
            TaskState state = taskState(t);
            runtimeListeners.forEach(l -> l.taskChanged(state));
        }
    }

    /** Reports the services and instances whose observed state changed since they were last reported. */
    private void reportChanges() {
        if (runtimeListeners.isEmpty()) {
            return;
        }
        for (SimService s : services.values()) {
            ServiceState state = serviceState(s);
            if (!state.equals(reported.put("service " + s.clusterId + "/" + s.service.id(), state))) {
                runtimeListeners.forEach(l -> l.serviceChanged(state));
            }
        }
        for (InstanceState state : instances()) {
            if (!state.equals(reported.put("instance " + state.key(), state))) {
                runtimeListeners.forEach(l -> l.instanceChanged(state));
            }
        }
    }

    // ------------------------------------------------------------------ the clock

    public Instant now() {
        return now;
    }

    public Duration elapsed() {
        return Duration.between(START, now);
    }

    /** Plays everything that happens up to {@code until} (virtual time since the start); the clock ends there. */
    public void runUntil(Duration until) {
        Instant end = START.plus(until);
        while (true) {
            Instant next = nextTime();
            if (next == null || next.isAfter(end)) {
                break;
            }
            now = next.isAfter(now) ? next : now.plusMillis(1);
            settle();
        }
        if (end.isAfter(now)) {
            now = end;
        }
    }

    /** Moves the clock by {@code by}, playing what happens on the way. */
    public void jump(Duration by) {
        runUntil(elapsed().plus(by));
    }

    /** Moves the clock to the next moment something happens; false when nothing will happen by itself. */
    public boolean step() {
        Instant next = nextTime();
        if (next == null) {
            return false;
        }
        now = next.isAfter(now) ? next : now.plusMillis(1);
        settle();
        return true;
    }

    /** When something next happens by itself, or empty when nothing will until an action is taken. */
    public Optional<Duration> nextEventAt() {
        Instant next = nextTime();
        return next == null ? Optional.empty() : Optional.of(Duration.between(START, next));
    }

    private Instant nextTime() {
        Instant next = null;
        if (!scheduled.isEmpty()) {
            next = scheduled.firstKey();
        }
        while (!wakeups.isEmpty() && !wakeups.first().isAfter(now)) {
            wakeups.pollFirst();
        }
        if (!wakeups.isEmpty() && (next == null || wakeups.first().isBefore(next))) {
            next = wakeups.first();
        }
        for (SimTask t : live) {
            Instant at = t.dirty ? now : t.nextAt;
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    /** Runs {@code action} when the clock reaches {@code at} (virtual time since the start). */
    public void schedule(Duration at, Consumer<ClusterSimulation> action) {
        Instant when = START.plus(at);
        if (when.isBefore(now)) {
            when = now;
        }
        scheduled.computeIfAbsent(when, x -> new ArrayList<>()).add(action);
        scheduledOrder++;
    }

    // ------------------------------------------------------------------ actions (a scenario's, or the UI's)

    /**
     * Updates the service to a new revision of its family, as UpdateService with a newly registered task
     * definition: a new PRIMARY deployment rolls out. Returns the new revision's task definition ARN.
     *
     * @param behaviours what the new revision's containers do, by container name (missing: the service's)
     */
    public String deploy(String serviceId, TaskDefinition taskDefinition, Map<String, ContainerBehaviour> behaviours) {
        return deploy(serviceId, taskDefinition, behaviours, null, null);
    }

    /**
     * As {@link #deploy(String, TaskDefinition, Map)}, with the update also setting the deployment configuration's
     * {@code minimumHealthyPercent} and {@code maximumPercent} (null: unchanged), as UpdateService can.
     */
    public String deploy(String serviceId, TaskDefinition taskDefinition, Map<String, ContainerBehaviour> behaviours,
                         Integer minimumHealthyPercent, Integer maximumPercent) {
        SimService s = service(serviceId);
        if (minimumHealthyPercent != null) {
            s.minimumHealthyPercent = minimumHealthyPercent;
        }
        if (maximumPercent != null) {
            s.maximumPercent = maximumPercent;
        }
        String family = s.service.taskDefinitionFamily();
        if (taskDefinition.family() != null && family != null && !family.equals(taskDefinition.family())) {
            throw new IllegalArgumentException("service " + s.name + " runs family " + family
                    + ", not " + taskDefinition.family());
        }
        TaskDefinition td = taskDefinition.family() == null ? taskDefinition.withFamily(family) : taskDefinition;
        int revision = revisions.merge(td.family(), 1, Integer::sum);
        String arn = taskDefinitionArn(td.family(), revision);
        Map<String, ContainerBehaviour> own = behaviours == null ? Map.of() : Map.copyOf(behaviours);
        Function<String, ContainerBehaviour> b = name -> own.containsKey(name) ? own.get(name) : s.behaviours.apply(name);
        SimDeployment d = new SimDeployment(deploymentId(), td, arn, b, now, null);
        for (SimDeployment old : s.deployments) {
            old.status = SimDeployment.ACTIVE;
        }
        s.deployments.add(0, d);
        s.consecutiveFailedStarts = 0;
        s.startsAllowedAt = null;
        s.steady = false;
        s.lastPlacementMessage = null;
        timeline(s.clusterName, "scenario", "update service " + s.name + " to " + td.family() + ":" + revision
                + " (deployment " + d.id + "; minimumHealthyPercent " + s.minimumHealthyPercent + ", maximumPercent "
                + s.maximumPercent + ")");
        settle();
        return arn;
    }

    /** UpdateService with a new desired count. */
    public void scale(String serviceId, int desiredCount) {
        SimService s = service(serviceId);
        if (s.daemon) {
            throw new IllegalArgumentException("service " + s.name + " is a DAEMON service: it runs one task per instance");
        }
        s.desired = Math.max(0, desiredCount);
        s.steady = false;
        s.consecutiveFailedStarts = 0;
        s.startsAllowedAt = null;
        timeline(s.clusterName, "scenario", "set service " + s.name + " desired count to " + s.desired);
        settle();
    }

    /** UpdateContainerInstancesState DRAINING. */
    public void drain(String instanceId) {
        String key = instanceKey(instanceId);
        if (lost.contains(key)) {
            throw new IllegalArgumentException("instance " + instanceId + " was terminated");
        }
        draining.add(key);
        timeline(clusterName(key), "instance " + instanceId, "set to DRAINING");
        for (SimService s : services.values()) {
            if (s.clusterId.equals(clusterIdOf(key))) {
                s.dirty = true; // only those with tasks there stop being steady
            }
        }
        settle();
    }

    /** The EC2 instance is terminated: its agent disconnects and its tasks are gone. */
    public void terminate(String instanceId) {
        String key = instanceKey(instanceId);
        lost.add(key);
        draining.remove(key);
        timeline(clusterName(key), "instance " + instanceId, "terminated: its agent disconnected");
        for (SimTask t : new ArrayList<>(live)) {
            if (instanceId.equals(t.instanceId()) && t.clusterId.equals(clusterIdOf(key))) {
                t.lostReason = "Host EC2 (instance " + instanceId + ") terminated.";
                t.lostCode = StopCode.TERMINATION_NOTICE;
                t.lostAt = now;
                t.stoppedByScheduler = true;
                observe(t);
            }
        }
        for (SimService s : services.values()) {
            if (s.clusterId.equals(clusterIdOf(key))) {
                s.dirty = true; // only those with tasks there stop being steady
            }
        }
        settle();
    }

    /** One running task of the service has its container killed from outside with {@code exitCode}. */
    public void kill(String serviceId, String container, int exitCode) {
        kill(serviceId, container, exitCode, null);
    }

    /**
     * As {@link #kill(String, String, int)}, in the running task with ARN {@code taskArn} (null: the first running
     * one); when that task no longer runs, the timeline says so and nothing happens.
     */
    public void kill(String serviceId, String container, int exitCode, String taskArn) {
        SimService s = service(serviceId);
        SimTask victim = s.alive.stream().filter(t -> t.active() && t.status() == TaskStatus.RUNNING)
                .filter(t -> taskArn == null || taskArn.equals(t.arn)).findFirst()
                .orElse(null);
        if (victim == null) {
            timeline(s.clusterName, "scenario", "kill " + container + " of service " + s.name + ": no running task");
            return;
        }
        if (victim.play.machine().find(container).isEmpty()) {
            throw new IllegalArgumentException("service " + s.name + "'s task has no container " + container);
        }
        timeline(s.clusterName, "scenario", "kill container " + container + " of task " + victim.shortId()
                + " with exit code " + exitCode);
        victim.play.kill(container, exitCode, now);
        victim.dirty = true;
        settle();
    }

    /** The container's health check fails from now on, in every running task of the service. */
    public void makeUnhealthy(String serviceId, String container) {
        SimService s = service(serviceId);
        timeline(s.clusterName, "scenario", "container " + container + " of service " + s.name + " turns unhealthy");
        for (SimTask t : s.alive) {
            if (t.active()) {
                t.play.makeUnhealthy(container);
                t.dirty = true;
            }
        }
        settle();
    }

    // ------------------------------------------------------------------ what it observes

    /** The timeline so far, oldest first. */
    public List<SimulationEvent> events() {
        return List.copyOf(events);
    }

    /** Whether every service is at its desired count, healthy, with its deployment completed. */
    public boolean allSteady() {
        return services.values().stream().allMatch(s -> s.steady);
    }

    public boolean steady(String serviceId) {
        return service(serviceId).steady;
    }

    /** Deployments the circuit breaker failed so far (rolled back or not). */
    public int failedDeployments() {
        return services.values().stream().mapToInt(s -> s.failedDeployments).sum();
    }

    public int rolledBackDeployments() {
        return services.values().stream().mapToInt(s -> s.rolledBack).sum();
    }

    /** Every task so far (stopped ones too), in the order they were started. */
    public List<TaskState> tasks() {
        return tasks.stream().map(this::taskState).toList();
    }

    public List<ServiceState> services() {
        return services.values().stream().map(this::serviceState).toList();
    }

    public ServiceState serviceState(String serviceId) {
        return serviceState(service(serviceId));
    }

    public List<InstanceState> instances() {
        List<InstanceState> out = new ArrayList<>();
        for (Cluster c : clusters.values()) {
            for (ContainerInstance i : c.instances()) {
                out.add(instanceState(c, i));
            }
        }
        return out;
    }

    /** What the live view shows: tasks, instances, services and the latest events. */
    public RuntimeSnapshot snapshot() {
        RuntimeSnapshot snap = RuntimeSnapshot.EMPTY;
        Map<String, TaskState> taskMap = new LinkedHashMap<>();
        for (TaskState t : tasks()) {
            taskMap.put(t.taskArn(), t);
        }
        Map<String, InstanceState> instanceMap = new LinkedHashMap<>();
        for (InstanceState i : instances()) {
            instanceMap.put(i.key(), i);
        }
        Map<String, ServiceState> serviceMap = new LinkedHashMap<>();
        for (ServiceState s : services()) {
            serviceMap.put(s.key(), s);
        }
        List<ClusterEvent> feed = events.stream().map(e -> new ClusterEvent(START.plus(e.at()), e.cluster(),
                e.source(), e.message())).toList();
        return new RuntimeSnapshot(taskMap, instanceMap, serviceMap, feed, snap.engineLost());
    }

    // ------------------------------------------------------------------ the start

    private void startDesign() {
        PlacementResult initial = PlacementEngine.place(design, seed);
        Map<String, List<Placement>> perService = new LinkedHashMap<>();
        for (Placement p : initial.placements()) {
            Cluster c = clusters.get(p.task().clusterId());
            if (p.task().kind() == TaskRef.Kind.SERVICE) {
                SimService s = services.get(c.id() + "/" + p.task().source());
                if (s == null || s.deployments.isEmpty()) {
                    continue;
                }
                perService.computeIfAbsent(c.id() + "/" + p.task().source(), x -> new ArrayList<>()).add(p);
            } else {
                StandaloneTask st = c.task(p.task().source()).orElse(null);
                TaskDefinition td = st == null ? null : design.taskDefinition(st.taskDefinitionFamily()).orElse(null);
                if (td != null) {
                    SimTask t = newTask(c, null, st.id(), null, td, taskDefinitionArn(td.family(), 1), st.launchType(), p,
                            name -> behaviours.apply(st.id(), name));
                    timeline(clusterName(c), "task " + t.shortId(), "RunTask: PENDING on " + where(p)
                            + " (" + td.family() + ":1)");
                }
            }
        }
        for (Map.Entry<String, List<Placement>> e : perService.entrySet()) {
            SimService s = services.get(e.getKey());
            List<SimTask> started = new ArrayList<>();
            for (Placement p : e.getValue()) {
                started.add(startServiceTask(s, s.primary(), p));
            }
            s.nextNumber = e.getValue().stream().mapToInt(p -> p.task().number()).max().orElse(0) + 1;
            serviceEvent(s, "has started " + started.size() + " tasks: " + taskList(started) + ".");
        }
        for (PlacementFailure f : initial.failures()) {
            SimService s = f.task().kind() == TaskRef.Kind.SERVICE
                    ? services.get(f.task().clusterId() + "/" + f.task().source()) : null;
            if (s != null) {
                placementFailed(s, f.message());
                s.nextNumber = Math.max(s.nextNumber, f.task().number() + 1);
            } else {
                timeline(clusterName(clusters.get(f.task().clusterId())), "task " + f.task().source(),
                        "RunTask failed: " + f.reason() + ": " + f.message());
            }
        }
        for (SimService s : services.values()) {
            if (s.deployments.isEmpty()) {
                serviceEvent(s, "was unable to place a task because its task definition "
                        + s.service.taskDefinitionFamily() + " is not in the design.");
            }
        }
    }

    // ------------------------------------------------------------------ the loop

    private void settle() {
        try {
            settleRounds();
        } finally {
            reportChanges();
        }
    }

    private void settleRounds() {
        for (int round = 0; round < 100; round++) {
            boolean changed = runDueActions();
            changed |= advanceTasks();
            for (SimService s : services.values()) {
                if (!s.deployments.isEmpty() && (s.dirty || !s.steady || timerDue(s))) {
                    s.dirty = false;
                    changed |= s.daemon ? reconcileDaemon(s) : reconcileReplica(s);
                }
            }
            changed |= advanceTasks();
            if (!changed) {
                return;
            }
        }
    }

    /** A task of the cluster stopped: services waiting for room there may place now. */
    private void capacityFreed(String clusterId) {
        for (SimService s : services.values()) {
            if (s.clusterId.equals(clusterId) && !s.steady) {
                s.dirty = true;
            }
        }
    }

    /** Whether one of the service's own timers (40 s healthy, grace period, backoff) is due. */
    private boolean timerDue(SimService s) {
        if (s.wakeAt != null && !s.wakeAt.isAfter(now)) {
            s.wakeAt = null;
            return true;
        }
        return false;
    }

    private void wakeAt(SimService s, Instant at) {
        wakeups.add(at);
        if (s.wakeAt == null || at.isBefore(s.wakeAt) || !s.wakeAt.isAfter(now)) {
            s.wakeAt = at;
        }
    }

    private boolean runDueActions() {
        boolean any = false;
        while (!scheduled.isEmpty() && !scheduled.firstKey().isAfter(now)) {
            List<Consumer<ClusterSimulation>> due = scheduled.pollFirstEntry().getValue();
            for (Consumer<ClusterSimulation> action : due) {
                action.accept(this);
                any = true;
            }
        }
        return any;
    }

    private boolean advanceTasks() {
        boolean any = false;
        for (int round = 0; round < 100; round++) {
            boolean changed = false;
            for (SimTask t : new ArrayList<>(live)) {
                if (t.dirty || t.nextAt != null && !t.nextAt.isAfter(now)) {
                    t.dirty = false;
                    t.play.advance(now);
                    t.nextAt = t.play.nextEventAt().orElse(null);
                    changed |= observe(t);
                    if (t.nextAt != null && !t.nextAt.isAfter(now)) {
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
            any = true;
        }
        return any;
    }

    /** Reports what changed in a task; handles its end. Returns whether anything did. */
    private boolean observe(SimTask t) {
        TaskStatus status = t.status();
        HealthStatus health = t.lostAt == null ? t.play.machine().health() : t.lastHealth;
        boolean changed = false;
        String cluster = clusterName(clusters.get(t.clusterId));
        if (status != t.lastSeen) {
            changed = true;
            TaskStatus before = t.lastSeen;
            t.lastSeen = status;
            if (status == TaskStatus.STOPPED) {
                String reason = t.lostAt != null ? t.lostReason : t.play.machine().stoppedReason();
                String code = t.lostAt != null ? t.lostCode : t.play.machine().stopCode();
                timeline(cluster, "task " + t.shortId(), "STOPPED" + (reason == null ? "" : ": " + reason)
                        + (code == null ? "" : " (" + code + ")") + exits(t));
                live.remove(t);
                if (t.service != null) {
                    t.service.alive.remove(t);
                    taskStopped(t.service, t, before);
                }
                capacityFreed(t.clusterId);
            } else if (before != null) {
                timeline(cluster, "task " + t.shortId(), status.name());
            }
        }
        if (changed && t.service != null) {
            t.service.dirty = true;
        }
        if (changed || health != t.lastHealth) {
            reportTask(t);
        }
        if (health != t.lastHealth && status != TaskStatus.STOPPED) {
            if (t.service != null) {
                t.service.dirty = true;
            }
            changed = true;
            t.lastHealth = health;
            if (health != null && health != HealthStatus.UNKNOWN) {
                timeline(cluster, "task " + t.shortId(), "health " + health.name());
            }
        }
        return changed;
    }

    private String exits(SimTask t) {
        if (t.lostAt != null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (TaskStateMachine.Container c : t.play.machine().containers()) {
            if (c.exitCode() != null) {
                parts.add(c.name() + " exit " + c.exitCode());
            } else if (c.reason() != null) {
                parts.add(c.name() + ": " + c.reason());
            }
        }
        return parts.isEmpty() ? "" : "; " + String.join(", ", parts);
    }

    // ------------------------------------------------------------------ the service scheduler

    private boolean reconcileReplica(SimService s) {
        boolean changed = checkHealth(s);
        SimDeployment primary = s.primary();
        int desired = s.desired;
        // PENDING tasks on a draining instance stop at once; RUNNING ones are replaced below.
        for (SimTask t : s.alive) {
            if (t.active() && t.status() != TaskStatus.RUNNING && isDraining(t)) {
                stopByScheduler(s, List.of(t), "Container instance " + t.instanceId() + " is DRAINING");
                changed = true;
            }
        }
        List<SimTask> incoming = new ArrayList<>();
        List<SimTask> outgoing = new ArrayList<>();
        for (SimTask t : s.alive) {
            if (t.active()) {
                (t.taskDefinitionArn.equals(primary.taskDefinitionArn) && !isDraining(t) ? incoming : outgoing).add(t);
            }
        }
        if (incoming.size() > desired) {
            List<SimTask> victims = scaleInOrder(s, incoming, desired);
            stopByScheduler(s, victims, "Scaling activity initiated by (deployment " + primary.id + ")");
            incoming.removeAll(victims);
            changed = true;
        }
        int healthyOld = (int) outgoing.stream().filter(this::countsHealthy).count();
        int healthy = (int) incoming.stream().filter(this::countsHealthy).count() + healthyOld;
        int mayStop = DeploymentRules.healthyOldToStop(desired, s.minimumHealthyPercent, healthy, healthyOld);
        List<SimTask> toStop = new ArrayList<>();
        for (SimTask t : outgoing) {
            if (!countsHealthy(t)) {
                toStop.add(t);
            }
        }
        for (SimTask t : outgoing) {
            if (countsHealthy(t) && mayStop > 0) {
                toStop.add(t);
                mayStop--;
            }
        }
        if (!toStop.isEmpty()) {
            stopByScheduler(s, toStop, isDraining(toStop.get(0)) && toStop.get(0).deployment == primary
                    ? "Container instance " + toStop.get(0).instanceId() + " is DRAINING"
                    : "Scaling activity initiated by (deployment " + primary.id + ")");
            changed = true;
        }
        int alive = (int) s.alive.stream().filter(SimTask::alive).count();
        int start = DeploymentRules.newToStart(desired, s.maximumPercent, incoming.size(), alive);
        if (start > 0 && canStart(s, primary)) {
            changed |= placeAndStart(s, primary, start, null);
        }
        changed |= checkDeployment(s);
        return changed;
    }

    private boolean reconcileDaemon(SimService s) {
        boolean changed = checkHealth(s);
        SimDeployment primary = s.primary();
        Cluster c = clusters.get(s.clusterId);
        List<ContainerInstance> eligible = new ArrayList<>();
        for (ContainerInstance i : c.instances()) {
            String key = c.id() + "/" + i.id();
            if (!lost.contains(key) && !draining.contains(key) && i.agentConnected()) {
                eligible.add(i);
            }
        }
        s.desired = eligible.size();
        int minimumHealthy = DeploymentRules.minimumHealthyTasks(s.desired, s.minimumHealthyPercent);
        int healthy = (int) s.alive.stream().filter(t -> t.active() && countsHealthy(t)).count();
        int mayStop = healthy - minimumHealthy;
        for (SimTask t : new ArrayList<>(s.alive)) {
            if (!t.active() || t.instanceId() == null) {
                continue;
            }
            if (isDraining(t)) {
                // Daemon tasks are the last to leave a draining instance (Developer Guide, container-instance-draining).
                boolean othersLeft = live.stream().anyMatch(o -> o != t && o.service != null && !o.service.daemon
                        && t.instanceId().equals(o.instanceId()) && o.clusterId.equals(t.clusterId));
                if (!othersLeft) {
                    stopByScheduler(s, List.of(t), "Container instance " + t.instanceId() + " is DRAINING");
                    changed = true;
                }
            } else if (!t.taskDefinitionArn.equals(primary.taskDefinitionArn)) {
                boolean counts = countsHealthy(t);
                if (!counts || mayStop > 0) {
                    stopByScheduler(s, List.of(t), "Scaling activity initiated by (deployment " + primary.id + ")");
                    mayStop -= counts ? 1 : 0;
                    changed = true;
                }
            }
        }
        if (!canStart(s, primary)) {
            changed |= checkDeployment(s);
            return changed;
        }
        for (ContainerInstance i : eligible) {
            boolean has = s.alive.stream().anyMatch(t -> t.alive() && i.id().equals(t.instanceId()));
            if (!has) {
                changed |= placeAndStart(s, primary, 1, i);
            }
        }
        changed |= checkDeployment(s);
        return changed;
    }

    /** Stops service tasks that report UNHEALTHY once their grace period is over (§5.5). */
    private boolean checkHealth(SimService s) {
        boolean changed = false;
        for (SimTask t : new ArrayList<>(s.alive)) {
            if (!t.active()) {
                continue;
            }
            if (!t.everCountedHealthy && countsHealthy(t)) {
                t.everCountedHealthy = true;
                t.deployment.everHealthy = true;
                t.deployment.failedTasks = 0;
                changed = true;
            } else if (!t.everCountedHealthy && t.status() == TaskStatus.RUNNING && !t.hasHealthCheck()) {
                wakeAt(s, t.play.machine().startedAt().plus(HEALTHY_WITHOUT_CHECK_AFTER));
            }
            if (t.status() == TaskStatus.RUNNING && t.play.machine().health() == HealthStatus.UNHEALTHY) {
                Instant graceEnds = t.play.machine().startedAt().plus(s.gracePeriod);
                if (now.isBefore(graceEnds)) {
                    wakeAt(s, graceEnds);
                } else {
                    t.failedHealth = true;
                    stopByScheduler(s, List.of(t), "Task failed container health checks");
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Whether a task counts toward minimumHealthyPercent: RUNNING and HEALTHY, or RUNNING 40 s without checks. */
    private boolean countsHealthy(SimTask t) {
        if (!t.active() || t.status() != TaskStatus.RUNNING) {
            return false;
        }
        if (t.hasHealthCheck()) {
            return t.play.machine().health() == HealthStatus.HEALTHY;
        }
        return !now.isBefore(t.play.machine().startedAt().plus(HEALTHY_WITHOUT_CHECK_AFTER));
    }

    private boolean canStart(SimService s, SimDeployment primary) {
        if (SimDeployment.FAILED.equals(primary.rolloutState)) {
            return false; // the circuit breaker stopped this deployment and there was nothing to roll back to
        }
        if (s.startsAllowedAt != null && now.isBefore(s.startsAllowedAt)) {
            wakeAt(s, s.startsAllowedAt);
            return false;
        }
        return true;
    }

    private boolean placeAndStart(SimService s, SimDeployment d, int count, ContainerInstance only) {
        Cluster c = clusters.get(s.clusterId);
        List<ContainerInstance> usable = new ArrayList<>();
        for (ContainerInstance i : c.instances()) {
            String key = c.id() + "/" + i.id();
            if (!lost.contains(key) && !draining.contains(key) && (only == null || only.id().equals(i.id()))) {
                usable.add(i);
            }
        }
        Design view = design.withCluster(c.withInstances(usable)).withTaskDefinition(d.taskDefinition);
        List<Placement> held = new ArrayList<>();
        Map<TaskRef, TaskDefinition> heldDefinitions = new HashMap<>();
        for (SimTask t : live) {
            if (t.clusterId.equals(c.id())) {
                held.add(t.placement);
                heldDefinitions.put(t.placement.task(), t.taskDefinition);
            }
        }
        PlacementResult r = PlacementEngine.placeMore(view, seed + (++placements), c.id(), held,
                heldDefinitions::get, TaskRef.Kind.SERVICE, s.service.id(), count, s.nextNumber);
        s.nextNumber += Math.max(count, r.placements().size() + r.failures().size());
        List<SimTask> started = new ArrayList<>();
        for (Placement p : r.placements()) {
            started.add(startServiceTask(s, d, p));
        }
        if (!started.isEmpty()) {
            serviceEvent(s, "has started " + started.size() + " tasks: " + taskList(started) + ".");
            s.lastPlacementMessage = null;
        }
        for (PlacementFailure f : r.failures()) {
            placementFailed(s, f.message());
            break;
        }
        return !started.isEmpty();
    }

    private void placementFailed(SimService s, String message) {
        if (!message.equals(s.lastPlacementMessage)) {
            s.lastPlacementMessage = message;
            serviceEventVerbatim(s, message);
        }
    }

    private List<SimTask> scaleInOrder(SimService s, List<SimTask> incoming, int desired) {
        Cluster c = clusters.get(s.clusterId);
        Design view = design.withTaskDefinition(s.primary().taskDefinition);
        List<Placement> held = new ArrayList<>();
        Map<TaskRef, TaskDefinition> heldDefinitions = new HashMap<>();
        for (SimTask t : live) {
            if (t.clusterId.equals(c.id())) {
                held.add(t.placement);
                heldDefinitions.put(t.placement.task(), t.taskDefinition);
            }
        }
        List<InstanceUsage> usage = PlacementEngine.placeMore(view, seed, c.id(), held, heldDefinitions::get,
                TaskRef.Kind.SERVICE, s.service.id(), 0, s.nextNumber).instances();
        Map<TaskRef, SimTask> byRef = new HashMap<>();
        List<Placement> mine = new ArrayList<>();
        for (SimTask t : incoming) {
            byRef.put(t.placement.task(), t);
            mine.add(t.placement);
        }
        PlacementResult now = new PlacementResult(mine, List.of(), usage, Map.of());
        List<SimTask> out = new ArrayList<>();
        for (Placement p : ScaleIn.order(view, now, c.id(), s.service.id(), desired, seed + (++placements))) {
            out.add(byRef.get(p.task()));
        }
        return out;
    }

    private void stopByScheduler(SimService s, List<SimTask> victims, String reason) {
        List<SimTask> stopped = new ArrayList<>();
        for (SimTask t : victims) {
            if (t.active()) {
                t.stoppedByScheduler = true;
                t.play.stop(reason, StopCode.SERVICE_SCHEDULER_INITIATED);
                t.dirty = true;
                stopped.add(t);
            }
        }
        if (!stopped.isEmpty()) {
            s.steady = false;
            serviceEvent(s, "has stopped " + stopped.size() + " running tasks: " + taskList(stopped) + ".");
        }
    }

    /** A task of the service reached STOPPED: throttling and the circuit breaker count it. */
    private void taskStopped(SimService s, SimTask t, TaskStatus before) {
        s.steady = false;
        boolean neverRan = t.play.machine().startedAt() == null;
        boolean failed = t.failedHealth || !t.stoppedByScheduler && !t.everCountedHealthy;
        if (!t.stoppedByScheduler && neverRan) {
            s.consecutiveFailedStarts++;
            long seconds = Math.min(MAX_START_BACKOFF.getSeconds(), 5L << Math.min(20, s.consecutiveFailedStarts - 1));
            s.startsAllowedAt = now.plusSeconds(seconds);
            wakeAt(s, s.startsAllowedAt);
            if (s.consecutiveFailedStarts == UNABLE_TO_START_AFTER) {
                serviceEvent(s, "is unable to consistently start tasks successfully. For more information, see the "
                        + "Troubleshooting section of the Amazon ECS Developer Guide.");
            }
        } else if (!neverRan) {
            s.consecutiveFailedStarts = 0; // a task that reached RUNNING does not throttle (§5.5)
        }
        SimDeployment d = t.deployment;
        if (failed && !d.everHealthy && SimDeployment.IN_PROGRESS.equals(d.rolloutState)) {
            d.failedTasks++;
            d.updatedAt = now;
            int threshold = DeploymentRules.circuitBreakerThreshold(s.daemon ? Math.max(1, s.desired) : s.desired);
            if (s.circuitBreaker && d == s.primary() && d.failedTasks >= threshold) {
                tripCircuitBreaker(s, d);
            }
        }
    }

    private void tripCircuitBreaker(SimService s, SimDeployment d) {
        d.rolloutState = SimDeployment.FAILED;
        d.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        d.updatedAt = now;
        s.failedDeployments++;
        serviceEvent(s, "(deployment " + d.id + ") deployment failed: tasks failed to start.");
        SimDeployment back = s.lastCompleted;
        if (s.rollback && back != null && back != d) {
            SimDeployment rollback = new SimDeployment(deploymentId(), back.taskDefinition, back.taskDefinitionArn,
                    back.behaviours, now, "ECS deployment circuit breaker: rolling back to deploymentId "
                    + back.id + ".");
            for (SimDeployment old : s.deployments) {
                old.status = SimDeployment.ACTIVE;
            }
            s.deployments.add(0, rollback);
            for (SimTask t : s.alive) { // tasks of the revision rolled back to belong to the rollback now
                if (t.active() && t.taskDefinitionArn.equals(back.taskDefinitionArn)) {
                    t.deployment = rollback;
                }
            }
            s.rolledBack++;
            s.consecutiveFailedStarts = 0;
            s.startsAllowedAt = null;
            serviceEvent(s, "(deployment " + d.id + ") rolling back to deployment " + back.id + ".");
        }
    }

    /** Completes the primary deployment when its tasks are all in, retires the others, and notes a steady state. */
    private boolean checkDeployment(SimService s) {
        SimDeployment primary = s.primary();
        boolean changed = false;
        for (SimDeployment d : new ArrayList<>(s.deployments)) {
            if (d != primary && s.alive.stream().noneMatch(t -> t.alive() && t.deployment == d
                    && !t.taskDefinitionArn.equals(primary.taskDefinitionArn))) {
                s.deployments.remove(d); // INACTIVE: no tasks of it are left
                changed = true;
            }
        }
        List<SimTask> active = s.alive.stream().filter(SimTask::active).toList();
        boolean othersLeft = s.alive.stream().anyMatch(t -> t.alive()
                && (!t.taskDefinitionArn.equals(primary.taskDefinitionArn) || isDraining(t)));
        long healthyIn = active.stream().filter(t -> t.taskDefinitionArn.equals(primary.taskDefinitionArn)
                && !isDraining(t) && countsHealthy(t)).count();
        if (SimDeployment.IN_PROGRESS.equals(primary.rolloutState) && !othersLeft && healthyIn == s.desired
                && s.deployments.size() == 1) {
            primary.rolloutState = SimDeployment.COMPLETED;
            if (primary.rolloutStateReason == null) { // a rollback keeps saying what it rolled back to
                primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            }
            primary.updatedAt = now;
            s.lastCompleted = primary;
            serviceEvent(s, "(deployment " + primary.id + ") deployment completed.");
            changed = true;
        }
        boolean steady = SimDeployment.COMPLETED.equals(primary.rolloutState) && s.deployments.size() == 1
                && active.size() == s.desired && healthyIn == s.desired
                && s.alive.stream().noneMatch(SimTask::stopping);
        if (steady && !s.steady) {
            serviceEvent(s, "has reached a steady state.");
            changed = true;
        }
        s.steady = steady;
        return changed;
    }

    // ------------------------------------------------------------------ tasks

    private SimTask startServiceTask(SimService s, SimDeployment d, Placement p) {
        Cluster c = clusters.get(s.clusterId);
        return newTask(c, s, null, d, d.taskDefinition, d.taskDefinitionArn, s.service.launchType(), p, d.behaviours);
    }

    private SimTask newTask(Cluster c, SimService s, String standaloneId, SimDeployment d, TaskDefinition td,
                            String tdArn, String launchType, Placement p, Function<String, ContainerBehaviour> b) {
        String id = hex32();
        String arn = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task/" + clusterName(c) + "/" + id;
        SimulatedTask play = new SimulatedTask(td, withDesignDefaults(td, b));
        SimTask t = new SimTask(arn, id, c.id(), s, standaloneId, d, td, tdArn,
                launchType == null ? "EC2" : launchType, play, p, now);
        t.lastSeen = TaskStatus.PENDING;
        tasks.add(t);
        live.add(t);
        if (s != null) {
            s.tasks.add(t);
        }
        play.advance(now);
        t.nextAt = play.nextEventAt().orElse(null);
        if (s != null) {
            s.alive.add(t);
            s.dirty = true;
        }
        reportTask(t);
        return t;
    }

    /**
     * What a container does when the scenario does not say: the default, except that a container another one
     * waits for with {@code SUCCESS} or {@code COMPLETE} (an init container) exits 0 after a second, as it is meant
     * to [I].
     */
    private static Function<String, ContainerBehaviour> withDesignDefaults(TaskDefinition td,
                                                                           Function<String, ContainerBehaviour> b) {
        Set<String> completes = new HashSet<>();
        for (ContainerDefinition d : td.containerDefinitions()) {
            for (var dep : d.dependsOn()) {
                if ("SUCCESS".equals(dep.condition()) || "COMPLETE".equals(dep.condition())) {
                    completes.add(dep.containerName());
                }
            }
        }
        if (completes.isEmpty()) {
            return b;
        }
        return name -> {
            ContainerBehaviour own = b.apply(name);
            return own != null ? own : completes.contains(name)
                    ? ContainerBehaviour.DEFAULT.withExit(0, Duration.ofSeconds(1)) : null;
        };
    }

    private boolean isDraining(SimTask t) {
        return t.instanceId() != null && draining.contains(t.clusterId + "/" + t.instanceId());
    }

    // ------------------------------------------------------------------ what it says

    private void serviceEvent(SimService s, String sentence) {
        serviceEventVerbatim(s, "(" + s.subject() + ") " + sentence);
    }

    private void serviceEventVerbatim(SimService s, String message) {
        s.events.add(new ServiceEvent(hex32().substring(0, 8) + "-" + s.events.size(), now, message));
        timeline(s.clusterName, s.subject(), message);
    }

    private void timeline(String cluster, String source, String message) {
        SimulationEvent e = new SimulationEvent(elapsed(), cluster, source, message);
        events.add(e);
        for (Consumer<SimulationEvent> l : listeners) {
            l.accept(e);
        }
        if (!runtimeListeners.isEmpty()) {
            ClusterEvent feed = new ClusterEvent(now, cluster, source, message);
            runtimeListeners.forEach(l -> l.event(feed));
        }
    }

    private static String taskList(List<SimTask> list) {
        StringBuilder b = new StringBuilder();
        for (SimTask t : list) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append("(task ").append(t.id).append(')');
        }
        return b.toString();
    }

    private static String where(Placement p) {
        return p.fargate() ? "FARGATE" + (p.availabilityZone() == null ? "" : " (" + p.availabilityZone() + ")")
                : p.instanceId();
    }

    private TaskState taskState(SimTask t) {
        TaskStateMachine m = t.play.machine();
        Map<String, String> images = new HashMap<>();
        for (ContainerDefinition d : t.taskDefinition.containerDefinitions()) {
            if (d.name() != null) {
                images.put(d.name(), d.image());
            }
        }
        List<ContainerState> containers = new ArrayList<>();
        for (TaskStateMachine.Container c : m.containers()) {
            ContainerStatus st = c.isStopped() || t.lostAt != null ? ContainerStatus.STOPPED
                    : c.known() == AgentStatus.RUNNING ? ContainerStatus.RUNNING : ContainerStatus.PENDING;
            containers.add(new ContainerState(c.name(), null, images.get(c.name()), st, c.exitCode(), c.reason(),
                    c.health(), c.essential(), List.of(), c.startedAt(),
                    c.finishedAt() != null ? c.finishedAt() : t.lostAt, c.restartCount()));
        }
        Cluster c = clusters.get(t.clusterId);
        String group = t.service != null ? TaskState.SERVICE_GROUP_PREFIX + t.service.name
                : TaskState.FAMILY_GROUP_PREFIX + t.taskDefinition.family();
        String instanceArn = t.instanceId() == null ? null
                : "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":container-instance/" + clusterName(c) + "/" + t.instanceId();
        boolean gone = t.lostAt != null;
        return new TaskState(t.arn, clusterName(c), group, t.taskDefinitionArn, instanceArn, t.instanceId(),
                t.placement.availabilityZone(), t.launchType, t.status(),
                gone ? TaskStatus.STOPPED : m.desiredStatus(), gone ? t.lastHealth : m.health(),
                gone ? t.lostReason : m.stoppedReason(), gone ? t.lostCode : m.stopCode(), t.createdAt,
                m.startedAt(), gone ? t.lostAt : m.stoppedAt(), containers);
    }

    private ServiceState serviceState(SimService s) {
        List<SimTask> alive = s.alive.stream().filter(SimTask::alive).toList();
        int running = (int) alive.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
        int pending = (int) alive.stream().filter(t -> t.status() == TaskStatus.PENDING).count();
        List<ServiceDeployment> deployments = new ArrayList<>();
        for (SimDeployment d : s.deployments) {
            List<SimTask> mine = alive.stream().filter(t -> t.deployment == d).toList();
            deployments.add(new ServiceDeployment(d.id, d.status, d.taskDefinitionArn,
                    d == s.primary() ? s.desired : 0,
                    (int) mine.stream().filter(t -> t.status() == TaskStatus.RUNNING).count(),
                    (int) mine.stream().filter(t -> t.status() == TaskStatus.PENDING).count(), d.failedTasks,
                    d.rolloutState, d.rolloutStateReason, d.updatedAt));
        }
        List<ServiceEvent> newestFirst = new ArrayList<>(s.events);
        java.util.Collections.reverse(newestFirst);
        return new ServiceState(s.clusterName, s.name, "ACTIVE", s.desired, running, pending,
                s.deployments.isEmpty() ? null : s.primary().taskDefinitionArn, newestFirst, deployments);
    }

    private InstanceState instanceState(Cluster c, ContainerInstance i) {
        String key = c.id() + "/" + i.id();
        String status = lost.contains(key) ? "INACTIVE" : draining.contains(key) ? "DRAINING" : "ACTIVE";
        int cpu = 0;
        int memory = 0;
        int running = 0;
        int pending = 0;
        Map<TaskDefinition, TaskRequirements> needs = new IdentityHashMap<>();
        for (SimTask t : live) {
            if (t.clusterId.equals(c.id()) && i.id().equals(t.instanceId())) {
                TaskRequirements r = needs.computeIfAbsent(t.taskDefinition, TaskRequirements::of);
                cpu += r.cpu();
                memory += r.memoryMiB();
                if (t.status() == TaskStatus.PENDING) {
                    pending++;
                } else if (t.play.machine().desiredStatus() == TaskStatus.RUNNING) {
                    running++;
                }
            }
        }
        return new InstanceState(clusterName(c), i.id(),
                "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":container-instance/" + clusterName(c) + "/" + i.id(), i.id(),
                status, !lost.contains(key) && i.agentConnected(), i.agentVersion(), running, pending,
                i.registeredCpu(), i.registeredMemoryMiB(), i.registeredCpu() - cpu, i.registeredMemoryMiB() - memory);
    }

    // ------------------------------------------------------------------ names

    private SimService service(String serviceId) {
        for (SimService s : services.values()) {
            if (s.service.id().equals(serviceId) || (s.clusterId + "/" + s.service.id()).equals(serviceId)) {
                return s;
            }
        }
        for (SimService s : services.values()) {
            if (s.name.equals(serviceId)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no service " + serviceId + " in the design (services: "
                + String.join(", ", services.values().stream().map(s -> s.service.id()).toList()) + ")");
    }

    private String instanceKey(String instanceId) {
        for (Cluster c : clusters.values()) {
            if (c.instance(instanceId).isPresent()) {
                return c.id() + "/" + instanceId;
            }
        }
        throw new IllegalArgumentException("no instance " + instanceId + " in the design");
    }

    private static String clusterIdOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private String clusterName(String key) {
        return clusterName(clusters.get(clusterIdOf(key)));
    }

    private static String clusterName(Cluster c) {
        return c.name() == null ? c.id() : c.name();
    }

    private String taskDefinitionArn(String family, int revision) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family + ":" + revision;
    }

    private String deploymentId() {
        long n = Math.floorMod(ids.nextLong(), 8_000_000_000_000_000_000L) + 1_000_000_000_000_000_000L;
        return "ecs-svc/" + n;
    }

    private String hex32() {
        return String.format("%016x%016x", ids.nextLong(), ids.nextLong());
    }

    /** The services by design id, for callers that list them. */
    public List<String> serviceIds() {
        return services.values().stream().map(s -> s.service.id()).toList();
    }

    /** The instance ids of the design. */
    public List<String> instanceIds() {
        List<String> out = new ArrayList<>();
        clusters.values().forEach(c -> c.instances().forEach(i -> out.add(i.id())));
        return out;
    }

    static Comparator<SimTask> byCreation() {
        return Comparator.comparing(t -> t.createdAt);
    }
}
