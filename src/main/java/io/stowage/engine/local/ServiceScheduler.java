package io.stowage.engine.local;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.ScaleIn;
import io.stowage.model.placement.TaskRef;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.model.sim.ClusterSimulation;
import io.stowage.model.sim.DeploymentRules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS service scheduler for one service of a local run (ecs-semantics §5.5): it keeps the desired count by
 * placing and starting tasks and replacing those that stop, stops tasks that turn UNHEALTHY, backs off (up to
 * 15 minutes) when tasks stop before they ever ran, scales up and down, and writes the service's events in ECS's
 * words. A new revision ({@link #deploy}) rolls out as ECS's rolling update does, by the rules the simulation uses
 * ({@link DeploymentRules}): old tasks are stopped while {@code minimumHealthyPercent} of the desired count stays
 * healthy, new ones started within {@code maximumPercent}, and the deployment COMPLETED when only the new
 * revision's tasks run, all healthy. Runs on the run's state thread.
 */
final class ServiceScheduler {
    static final Duration MAX_THROTTLE = Duration.ofMinutes(15);

    /** What the scheduler asks of the run. */
    interface Host {
        /**
         * Places {@code count} more tasks of the service on top of what runs, of {@code revision} (null: the
         * design's task definition); the failures are reported.
         */
        PlacementResult placeMore(String clusterId, TaskRef.Kind kind, String source, int count,
                                  TaskDefinition revision);

        /**
         * Starts a placed task, under the given ARN (one the service already showed as PENDING), or a new one; of
         * {@code taskDefinition} at {@code revision} (null: the design's).
         */
        TaskRunner launch(Placement placement, String taskArn, TaskDefinition taskDefinition, Integer revision);

        /** Shows a task the scheduler could not place, PENDING with no instance. */
        void showUnplaced(String taskArn, Cluster cluster, Service service);

        /** A task shown PENDING that is no longer wanted: it ends STOPPED without ever being placed. */
        void dropUnplaced(String taskArn, String reason);

        List<Placement> livePlacements(String clusterId, TaskRef.Kind kind, String source);

        RunContext context();
    }

    private final Host host;
    private final Cluster cluster;
    private final Service service;
    private final List<TaskRunner> tasks = new ArrayList<>();
    /** Tasks this scheduler stopped to scale in: they are not replaced, so they do not hold a place. */
    private final java.util.Set<TaskRunner> scaledIn = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final List<String> unplaced = new ArrayList<>();
    private final List<ServiceEvent> events = new ArrayList<>();
    private int desired;
    private int failedStarts;
    private Instant throttledUntil;
    private boolean steady;
    private boolean stopped;
    private int eventCounter;
    private String lastPlacementMessage;
    /** The service's deployments, the PRIMARY first; the design's revision is the first. */
    private final List<Deployment> deployments = new ArrayList<>();
    /** Whether a deployment was made since the start (only then are deployments reported). */
    private boolean deployed;
    private int minimumHealthyPercent;
    private int maximumPercent;
    /** Tasks without a health check for which a re-check is due when they count as healthy. */
    private final java.util.Set<TaskRunner> healthTimers = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** One deployment of the service: the revision it runs, and how its rollout stands. */
    static final class Deployment {
        final String id;
        final TaskDefinition taskDefinition;
        final int revision;
        final String taskDefinitionArn;
        final boolean design;
        String rolloutState = "IN_PROGRESS";
        String rolloutStateReason;
        Instant updatedAt = Instant.now();

        Deployment(String clusterName, String serviceName, TaskDefinition taskDefinition, int revision,
                   boolean design) {
            this.taskDefinition = taskDefinition;
            this.revision = revision;
            this.taskDefinitionArn = "arn:aws:ecs:local:000000000000:task-definition/"
                    + (taskDefinition == null ? "unknown" : taskDefinition.family()) + ":" + revision;
            this.id = ServiceDeployment.idFor(clusterName, serviceName, taskDefinitionArn);
            this.design = design;
            this.rolloutStateReason = "ECS deployment " + id + " in progress.";
        }
    }

    ServiceScheduler(Host host, Cluster cluster, Service service) {
        this.host = host;
        this.cluster = cluster;
        this.service = service;
        this.desired = service.isDaemon() ? cluster.instances().size()
                : service.desiredCount() == null ? 0 : service.desiredCount();
        var config = service.spec().deploymentConfiguration();
        Integer min = config == null ? null : config.minimumHealthyPercent();
        Integer max = config == null ? null : config.maximumPercent();
        this.minimumHealthyPercent = min != null ? min : DeploymentRules.defaultMinimumHealthyPercent(service.isDaemon());
        this.maximumPercent = max != null ? max : DeploymentRules.defaultMaximumPercent(service.isDaemon());
        TaskDefinitionRef ref = service.taskDefinition();
        TaskDefinition td = ref == null ? null : host.context().design().taskDefinition(ref.family()).orElse(null);
        deployments.add(new Deployment(cluster.name(), name(), td,
                ref == null || ref.revision() == null ? 1 : ref.revision(), true));
    }

    /**
     * Before any task: the service runs {@code taskDefinition} at {@code revision}, not the design's task
     * definition of its family (a service created through the ECS endpoint with another revision).
     */
    void startWith(TaskDefinition taskDefinition, int revision) {
        deployments.set(0, new Deployment(cluster.name(), name(), taskDefinition, revision, false));
    }

    /** Whether DeleteService took the service: it stops its tasks and is INACTIVE once they have stopped. */
    private boolean deleted;

    /** DeleteService: no more tasks; those running are stopped, the service DRAINING until they have. */
    void delete() {
        desired = 0;
        deleted = true;
        throttledUntil = null;
        reconcile();
        stopped = true;
        report();
    }

    private Deployment primary() {
        return deployments.get(0);
    }

    private boolean ofPrimary(TaskRunner r) {
        return r.plan().taskDefinitionArn().equals(primary().taskDefinitionArn);
    }

    /**
     * UpdateService with a new revision and/or deployment configuration: a new PRIMARY deployment of
     * {@code taskDefinition} at {@code revision} (null: the revision stays), rolled out as ECS's rolling update
     * does; the percents (null: as they are) bound it.
     */
    void deploy(TaskDefinition taskDefinition, Integer revision, Integer minimumHealthy, Integer maximum) {
        if (minimumHealthy != null) {
            minimumHealthyPercent = minimumHealthy;
        }
        if (maximum != null) {
            maximumPercent = maximum;
        }
        if (taskDefinition != null && revision != null) {
            Deployment next = new Deployment(cluster.name(), name(), taskDefinition, revision, false);
            if (!next.taskDefinitionArn.equals(primary().taskDefinitionArn)) {
                deployments.removeIf(d -> d.taskDefinitionArn.equals(next.taskDefinitionArn));
                deployments.add(0, next);
                deployed = true;
                steady = false;
                throttledUntil = null;
                failedStarts = 0;
            }
        }
        reconcile();
    }

    String serviceId() {
        return service.id();
    }

    String name() {
        return service.serviceName() == null ? service.id() : service.serviceName();
    }

    /** Takes over tasks placed at the start, and those it shows PENDING because they could not be placed. */
    void adopt(TaskRunner runner) {
        tasks.add(runner);
    }

    /**
     * Takes over what an agent that ended recorded of the service (adoption): its desired count (an UpdateService
     * may have changed it) and its events, newest first.
     */
    void restore(ServiceState recorded) {
        if (!service.isDaemon()) {
            desired = recorded.desiredCount();
        }
        events.clear();
        events.addAll(recorded.events());
        for (ServiceEvent e : events) {
            String id = e.id() == null ? "" : e.id();
            try {
                eventCounter = Math.max(eventCounter, Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
            } catch (NumberFormatException notOurs) {
                eventCounter = Math.max(eventCounter, events.size());
            }
        }
    }

    void unplaced(String taskArn, PlacementFailure failure) {
        unplaced.add(taskArn);
        placementFailed(failure);
    }

    void setDesired(int count) {
        if (service.isDaemon()) {
            return;
        }
        desired = Math.max(0, count);
        throttledUntil = null;
        failedStarts = 0;
        record("(service " + name() + ") desired count changed to " + desired + ".");
        reconcile();
    }

    /** Stops scheduling: the run is going down. */
    void stop() {
        stopped = true;
    }

    void taskChanged(TaskRunner runner) {
        if (!tasks.contains(runner)) {
            return;
        }
        TaskState t = runner.state();
        if (t.lastStatus() == TaskStatus.RUNNING) {
            failedStarts = 0;
        }
        if (t.healthStatus() == HealthStatus.UNHEALTHY && t.desiredStatus() == TaskStatus.RUNNING && !stopped) {
            record("(service " + name() + ") has stopped 1 running tasks: (task " + t.taskId() + ").");
            runner.stop("Task failed container health checks", StopCode.SERVICE_SCHEDULER_INITIATED);
        }
        if (t.isStopped()) {
            tasks.remove(runner);
            scaledIn.remove(runner);
            if (t.startedAt() == null && !stopped) {
                failedStarts++;
                Duration delay = host.context().options().throttleBase().multipliedBy(1L << Math.min(20, failedStarts - 1));
                if (delay.compareTo(MAX_THROTTLE) > 0) {
                    delay = MAX_THROTTLE;
                }
                throttledUntil = Instant.now().plus(delay);
                if (failedStarts >= 2) {
                    record("(service " + name() + ") is unable to consistently start tasks successfully.");
                }
                host.context().onLoopAfter(delay, this::reconcile);
            }
            reconcile();
        } else if (deployed && "IN_PROGRESS".equals(primary().rolloutState) && !stopped) {
            // A rollout goes on as its tasks start and turn healthy (after this change is handled).
            host.context().onLoop(this::reconcile);
        }
        report();
    }

    /**
     * Another task of the run stopped and freed capacity: a task of this service that could not be placed may fit
     * now. Nothing else is re-checked, so that what this service does follows its own tasks' changes only.
     */
    void capacityFreed() {
        if (!unplaced.isEmpty()) {
            reconcile();
        }
    }

    /**
     * Starts or stops tasks until the desired count runs. A task of the service that is stopping (an essential
     * container exited, it failed its health checks, it was stopped) keeps its place until it is STOPPED, and is
     * replaced then, as ECS's scheduler does; one stopped to scale in does not.
     */
    void reconcile() {
        if (stopped) {
            return;
        }
        List<TaskRunner> active = tasks.stream().filter(r -> r.state().desiredStatus() == TaskStatus.RUNNING).toList();
        if (!service.isDaemon() && tasks.stream().anyMatch(r -> !ofPrimary(r))) {
            roll(active);
            checkDeployment();
            report();
            return;
        }
        long retiring = tasks.stream().filter(r -> r.state().desiredStatus() != TaskStatus.RUNNING
                && !scaledIn.contains(r)).count();
        int missing = desired - active.size() - (int) retiring;
        if (missing > 0) {
            if (throttledUntil != null && Instant.now().isBefore(throttledUntil)) {
                report();
                return;
            }
            if (service.isDaemon()) {
                placeDaemonTasks(active);
            } else {
                place(missing);
            }
        } else if (active.size() > desired) {
            scaleIn(active);
        }
        int wanted = Math.max(0, desired - active.size() - (int) retiring);
        while (unplaced.size() > wanted) {
            host.dropUnplaced(unplaced.remove(unplaced.size() - 1), "Scaling activity initiated by (deployment local)");
        }
        checkDeployment();
        report();
    }

    /**
     * One pass of a rolling deployment (tasks of an older revision still run): old tasks that are not healthy
     * stop, healthy ones as far as {@code minimumHealthyPercent} allows; new ones start within
     * {@code maximumPercent}. Tasks stopped to roll are not replaced.
     */
    private void roll(List<TaskRunner> active) {
        String reason = "Scaling activity initiated by (deployment " + primary().id + ")";
        List<TaskRunner> incoming = new ArrayList<>(active.stream().filter(this::ofPrimary).toList());
        List<TaskRunner> outgoing = active.stream().filter(r -> !ofPrimary(r)).toList();
        List<String> stoppedIds = new ArrayList<>();
        while (incoming.size() > desired) {
            TaskRunner extra = incoming.remove(incoming.size() - 1);
            scaledIn.add(extra);
            extra.stop(reason, StopCode.SERVICE_SCHEDULER_INITIATED);
            stoppedIds.add(extra.state().taskId());
        }
        int healthyOld = (int) outgoing.stream().filter(this::countsHealthy).count();
        int healthy = (int) incoming.stream().filter(this::countsHealthy).count() + healthyOld;
        int mayStop = DeploymentRules.healthyOldToStop(desired, minimumHealthyPercent, healthy, healthyOld);
        for (TaskRunner r : outgoing) {
            boolean counts = countsHealthy(r);
            if (!counts || mayStop > 0) {
                mayStop -= counts ? 1 : 0;
                scaledIn.add(r);
                r.stop(reason, StopCode.SERVICE_SCHEDULER_INITIATED);
                stoppedIds.add(r.state().taskId());
            }
        }
        if (!stoppedIds.isEmpty()) {
            record("(service " + name() + ") has stopped " + stoppedIds.size() + " running tasks: "
                    + String.join(" ", stoppedIds.stream().map(id -> "(task " + id + ")").toList()) + ".");
        }
        int alive = (int) tasks.stream().filter(r -> !r.isStopped()).count() + unplaced.size();
        int start = DeploymentRules.newToStart(desired, maximumPercent, incoming.size() + unplaced.size(), alive);
        if (start > 0 && (throttledUntil == null || !Instant.now().isBefore(throttledUntil))) {
            place(start);
        }
    }

    /**
     * Whether a task counts toward {@code minimumHealthyPercent}, as in the simulation: RUNNING and HEALTHY when
     * its task definition has a health check, else RUNNING for {@link ClusterSimulation#HEALTHY_WITHOUT_CHECK_AFTER}
     * (a re-check is scheduled for then).
     */
    private boolean countsHealthy(TaskRunner r) {
        TaskState t = r.state();
        if (t.lastStatus() != TaskStatus.RUNNING || t.desiredStatus() != TaskStatus.RUNNING) {
            return false;
        }
        boolean checked = r.plan().taskDefinition().containerDefinitions().stream()
                .anyMatch(c -> c.healthCheck() != null && !Boolean.FALSE.equals(c.essential()));
        if (checked) {
            return t.healthStatus() == HealthStatus.HEALTHY;
        }
        Instant since = t.startedAt() == null ? Instant.now() : t.startedAt();
        Instant counts = since.plus(ClusterSimulation.HEALTHY_WITHOUT_CHECK_AFTER);
        if (Instant.now().isBefore(counts)) {
            if (healthTimers.add(r)) {
                host.context().onLoopAfter(Duration.between(Instant.now(), counts).plusMillis(50), () -> {
                    healthTimers.remove(r);
                    reconcile();
                });
            }
            return false;
        }
        return true;
    }

    /** Completes the PRIMARY deployment when only its tasks run, all healthy; forgets deployments with no task. */
    private void checkDeployment() {
        if (!deployed) {
            return;
        }
        Deployment primary = primary();
        deployments.removeIf(d -> d != primary && tasks.stream()
                .noneMatch(r -> r.plan().taskDefinitionArn().equals(d.taskDefinitionArn)));
        if (!"IN_PROGRESS".equals(primary.rolloutState) || deployments.size() > 1 || !unplaced.isEmpty()) {
            return;
        }
        if (tasks.stream().anyMatch(r -> !ofPrimary(r) || r.state().desiredStatus() != TaskStatus.RUNNING)) {
            return;
        }
        long healthy = tasks.stream().filter(this::countsHealthy).count();
        if (healthy == desired) {
            primary.rolloutState = "COMPLETED";
            primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
            primary.updatedAt = Instant.now();
            record("(service " + name() + ") (deployment " + primary.id + ") deployment completed.");
        }
    }

    private void place(int count) {
        Deployment primary = primary();
        TaskDefinition revision = primary.design ? null : primary.taskDefinition;
        PlacementResult result = host.placeMore(cluster.id(), TaskRef.Kind.SERVICE, service.id(), count, revision);
        List<String> started = new ArrayList<>();
        for (Placement p : result.placements()) {
            String arn = unplaced.isEmpty() ? null : unplaced.remove(0);
            TaskRunner runner = host.launch(p, arn, revision, primary.design ? null : primary.revision);
            tasks.add(runner);
            started.add(runner.state().taskId());
        }
        if (!started.isEmpty()) {
            lastPlacementMessage = null;
            record("(service " + name() + ") has started " + started.size() + " tasks: "
                    + String.join(" ", started.stream().map(id -> "(task " + id + ")").toList()) + ".");
        }
        for (PlacementFailure failure : result.failures()) {
            if (unplaced.size() < desired - tasks.size()) {
                String arn = LocalRun.newTaskArn(cluster.name());
                unplaced.add(arn);
                host.showUnplaced(arn, cluster, service);
            }
            placementFailed(failure);
        }
    }

    /** A daemon task runs on each instance; a stopped one is replaced on its own instance. */
    private void placeDaemonTasks(List<TaskRunner> active) {
        int before = tasks.size();
        List<String> covered = active.stream().map(r -> r.plan().instanceId()).toList();
        for (var instance : cluster.instances()) {
            if (covered.contains(instance.id()) || !instance.agentConnected()) {
                continue;
            }
            Placement p = new Placement(new TaskRef(cluster.id(), TaskRef.Kind.SERVICE, service.id(), tasks.size() + 1),
                    "service:" + name(), instance.id(), instance.availabilityZone());
            tasks.add(host.launch(p, null, null, null));
        }
        if (tasks.size() > before) {
            record("(service " + name() + ") has started " + (tasks.size() - before) + " tasks.");
        }
    }

    private void scaleIn(List<TaskRunner> active) {
        List<Placement> live = host.livePlacements(cluster.id(), TaskRef.Kind.SERVICE, service.id());
        PlacementResult current = new PlacementResult(live, List.of(),
                host.placeMore(cluster.id(), TaskRef.Kind.SERVICE, service.id(), 0, null).instances(), Map.of());
        List<Placement> order = ScaleIn.order(host.context().design(), current, cluster.id(), service.id(), desired,
                host.context().options().seed());
        Map<TaskRef, TaskRunner> byRef = new LinkedHashMap<>();
        active.forEach(r -> byRef.put(r.ref(), r));
        List<String> stoppedIds = new ArrayList<>();
        for (Placement p : order) {
            TaskRunner runner = byRef.get(p.task());
            if (runner != null) {
                scaledIn.add(runner);
                runner.stop("Scaling activity initiated by (deployment local)", StopCode.SERVICE_SCHEDULER_INITIATED);
                stoppedIds.add(runner.state().taskId());
            }
        }
        // Tasks not placed on instances (Fargate) are not in the order: stop the newest.
        int excess = active.size() - desired - stoppedIds.size();
        for (int i = active.size() - 1; i >= 0 && excess > 0; i--) {
            TaskRunner r = active.get(i);
            if (r.state().desiredStatus() == TaskStatus.RUNNING) {
                scaledIn.add(r);
                r.stop("Scaling activity initiated by (deployment local)", StopCode.SERVICE_SCHEDULER_INITIATED);
                stoppedIds.add(r.state().taskId());
                excess--;
            }
        }
        if (!stoppedIds.isEmpty()) {
            record("(service " + name() + ") has stopped " + stoppedIds.size() + " running tasks: "
                    + String.join(" ", stoppedIds.stream().map(id -> "(task " + id + ")").toList()) + ".");
        }
    }

    private void placementFailed(PlacementFailure failure) {
        if (!failure.message().equals(lastPlacementMessage)) {
            lastPlacementMessage = failure.message();
            record(failure.message());
        }
    }

    private void record(String message) {
        events.add(0, new ServiceEvent(service.id() + "-" + (++eventCounter), Instant.now(), message));
        if (events.size() > 100) {
            events.remove(events.size() - 1);
        }
        host.context().event(cluster.name(), "service " + name(), message);
    }

    void report() {
        int running = (int) tasks.stream().filter(r -> r.state().lastStatus() == TaskStatus.RUNNING).count();
        int pending = (int) tasks.stream().filter(r -> r.state().lastStatus().ordinal() < TaskStatus.RUNNING.ordinal())
                .count() + unplaced.size();
        boolean nowSteady = running == desired && pending == 0 && deployments.size() == 1
                && tasks.stream().allMatch(r -> r.state().desiredStatus() == TaskStatus.RUNNING);
        if (nowSteady && !steady && !stopped) {
            steady = true;
            record("(service " + name() + ") has reached a steady state.");
        } else if (!nowSteady) {
            steady = false;
        }
        List<ServiceDeployment> reported = new ArrayList<>();
        if (deployed) {
            for (Deployment d : deployments) {
                List<TaskRunner> of = tasks.stream()
                        .filter(r -> r.plan().taskDefinitionArn().equals(d.taskDefinitionArn)).toList();
                int dRunning = (int) of.stream().filter(r -> r.state().lastStatus() == TaskStatus.RUNNING).count();
                int dPending = (int) of.stream()
                        .filter(r -> r.state().lastStatus().ordinal() < TaskStatus.RUNNING.ordinal()).count()
                        + (d == primary() ? unplaced.size() : 0);
                reported.add(new ServiceDeployment(d.id, d == primary() ? "PRIMARY" : "ACTIVE", d.taskDefinitionArn,
                        d == primary() ? desired : of.size(), dRunning, dPending, 0, d.rolloutState,
                        d.rolloutStateReason, d.updatedAt));
            }
        }
        String taskDefinition = deployed || !primary().design ? primary().taskDefinitionArn
                : service.spec().taskDefinition();
        String status = deleted ? (tasks.isEmpty() && unplaced.isEmpty() ? "INACTIVE" : "DRAINING")
                : stopped ? "DRAINING" : "ACTIVE";
        host.context().listener.serviceChanged(new ServiceState(cluster.name(), name(), status,
                desired, running, pending, taskDefinition, events, reported));
    }
}
