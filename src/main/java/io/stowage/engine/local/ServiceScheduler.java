package io.stowage.engine.local;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.ScaleIn;
import io.stowage.model.placement.TaskRef;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

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
 * words. Runs on the run's state thread.
 */
final class ServiceScheduler {
    static final Duration MAX_THROTTLE = Duration.ofMinutes(15);

    /** What the scheduler asks of the run. */
    interface Host {
        /** Places {@code count} more tasks of the service on top of what runs; the failures are reported. */
        PlacementResult placeMore(String clusterId, TaskRef.Kind kind, String source, int count);

        /** Starts a placed task, under the given ARN (one the service already showed as PENDING), or a new one. */
        TaskRunner launch(Placement placement, String taskArn);

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

    ServiceScheduler(Host host, Cluster cluster, Service service) {
        this.host = host;
        this.cluster = cluster;
        this.service = service;
        this.desired = service.isDaemon() ? cluster.instances().size()
                : service.desiredCount() == null ? 0 : service.desiredCount();
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
        report();
    }

    private void place(int count) {
        PlacementResult result = host.placeMore(cluster.id(), TaskRef.Kind.SERVICE, service.id(), count);
        List<String> started = new ArrayList<>();
        for (Placement p : result.placements()) {
            String arn = unplaced.isEmpty() ? null : unplaced.remove(0);
            TaskRunner runner = host.launch(p, arn);
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
            tasks.add(host.launch(p, null));
        }
        if (tasks.size() > before) {
            record("(service " + name() + ") has started " + (tasks.size() - before) + " tasks.");
        }
    }

    private void scaleIn(List<TaskRunner> active) {
        List<Placement> live = host.livePlacements(cluster.id(), TaskRef.Kind.SERVICE, service.id());
        PlacementResult current = new PlacementResult(live, List.of(),
                host.placeMore(cluster.id(), TaskRef.Kind.SERVICE, service.id(), 0).instances(), Map.of());
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
        boolean nowSteady = running == desired && pending == 0
                && tasks.stream().allMatch(r -> r.state().desiredStatus() == TaskStatus.RUNNING);
        if (nowSteady && !steady && !stopped) {
            steady = true;
            record("(service " + name() + ") has reached a steady state.");
        } else if (!nowSteady) {
            steady = false;
        }
        host.context().listener.serviceChanged(new ServiceState(cluster.name(), name(), stopped ? "DRAINING" : "ACTIVE",
                desired, running, pending, service.spec().taskDefinition(), events));
    }
}
