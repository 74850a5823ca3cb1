package io.stowage.model.agent;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS agent's rules for one task, without Docker and without a wall clock (ecs-semantics §3): which container
 * to create, start, stop or kill next, and what the task's status, health and stopped reason become. The driver
 * (the simulation's virtual clock, or a runner that turns the actions into Docker calls) calls {@link #advance}
 * with the current time, carries out the {@link Action}s it returns and reports back what happened
 * ({@link #created}, {@link #started}, {@link #exited}, {@link #checked}); {@link #nextDeadline} says when the
 * rules need to look again even if nothing is reported (a dependency's startTimeout, a health check, a
 * stopTimeout).
 *
 * <p>The rules: a container is created and started only when its {@code dependsOn}, link and volumesFrom
 * conditions hold ({@link DependencyGraph}); one that never can is STOPPED with exit code 143 and the reason
 * {@code CannotStartContainerError: dependency graph: ...}. An essential container that stops stops the task
 * ("Essential container in task exited", EssentialContainerExited; TaskFailedToStart when it never started for
 * another reason than its ordering). A stopping task stops its containers in reverse dependency order, each with
 * its {@code stopTimeout} (30 s when unset, the agent's ECS_CONTAINER_STOP_TIMEOUT), after which it is killed;
 * containers never started go straight to STOPPED. A container with an enabled restart policy is restarted in
 * place when the {@link RestartTracker} allows it. The task is PENDING until every container reached RUNNING
 * (stopped non-essential ones count), RUNNING then, STOPPING once it is meant to stop, STOPPED when every
 * container is. Its health is HEALTHY when every essential container with a health check is.
 */
public final class TaskStateMachine {
    /** The exit code the agent gives a container whose ordering can never be met (task_manager.go). */
    public static final int DEPENDENCY_EXIT_CODE = 143;
    public static final int DEFAULT_STOP_TIMEOUT_SECONDS = 30;

    /** What the driver is asked to do now. */
    public sealed interface Action {
        String container();

        record Create(String container) implements Action {
        }

        record Start(String container) implements Action {
        }

        /** SIGTERM; the rules send {@link Kill} themselves once {@code timeout} has passed. */
        record Stop(String container, Duration timeout) implements Action {
        }

        record Kill(String container) implements Action {
        }

        /** Run the container's health check now and report it with {@link #checked}. */
        record CheckHealth(String container) implements Action {
        }

        /** Start a stopped container again in place (its restart policy). */
        record Restart(String container, int restartCount) implements Action {
        }
    }

    /** What is known of one container. */
    public static final class Container {
        final String name;
        final boolean essential;
        final Integer startTimeout;
        final Duration stopTimeout;
        final RestartTracker restarts;
        final HealthTracker health;
        AgentStatus known = AgentStatus.NONE;
        boolean busy;
        Integer exitCode;
        String reason;
        Instant startedAt;
        Instant firstStartedAt;
        Instant finishedAt;
        Instant stopIssuedAt;
        boolean killIssued;
        boolean pendingRestart;

        Container(ContainerDefinition d) {
            name = d.name();
            essential = d.essential() == null || d.essential();
            startTimeout = d.startTimeout();
            int stop = d.stopTimeout() == null || d.stopTimeout() <= 0 ? DEFAULT_STOP_TIMEOUT_SECONDS
                    : d.stopTimeout();
            stopTimeout = Duration.ofSeconds(stop);
            restarts = RestartTracker.of(d.restartPolicy());
            health = HealthTracker.of(d.healthCheck());
        }

        public String name() {
            return name;
        }

        public boolean essential() {
            return essential;
        }

        public AgentStatus known() {
            return known;
        }

        public Integer exitCode() {
            return exitCode;
        }

        public String reason() {
            return reason;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public Instant finishedAt() {
            return finishedAt;
        }

        /** Its health, or null without a health check. */
        public HealthStatus health() {
            return health == null ? null : health.status();
        }

        public Duration stopTimeout() {
            return stopTimeout;
        }

        /** Restarts by its policy, or null when it has no enabled policy. */
        public Integer restartCount() {
            return restarts.enabled() ? restarts.count() : null;
        }

        public boolean isStopped() {
            return known == AgentStatus.STOPPED;
        }
    }

    private final DependencyGraph graph;
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private boolean desiredStopped;
    private TaskStatus status = TaskStatus.PENDING;
    private String stoppedReason;
    private String stopCode;
    private Instant startedAt;
    private Instant stoppedAt;
    private Instant executionStoppedAt;

    public TaskStateMachine(TaskDefinition td) {
        graph = DependencyGraph.of(td);
        for (ContainerDefinition d : td.containerDefinitions()) {
            if (d.name() != null) {
                containers.put(d.name(), new Container(d));
            }
        }
    }

    // ------------------------------------------------------------------ reports from the driver

    public void created(String name, Instant at) {
        Container c = container(name);
        c.busy = false;
        if (!c.isStopped()) {
            c.known = AgentStatus.CREATED;
        }
    }

    public void started(String name, Instant at) {
        Container c = container(name);
        c.busy = false;
        if (c.isStopped()) {
            return;
        }
        c.known = AgentStatus.RUNNING;
        c.startedAt = at;
        if (c.firstStartedAt == null) {
            c.firstStartedAt = at;
        }
        c.exitCode = null;
        if (c.health != null) {
            c.health.started(at);
        }
    }

    /** The container exited (or could not be created or started: then {@code reason} says why). */
    public void exited(String name, Integer exitCode, String reason, Instant at) {
        Container c = container(name);
        c.busy = false;
        if (c.isStopped()) {
            return;
        }
        if (!desiredStopped && c.startedAt != null && c.stopIssuedAt == null
                && c.restarts.whyNot(exitCode, c.startedAt, false, at).isEmpty()) {
            c.restarts.recordRestart(at);
            c.known = AgentStatus.CREATED;
            c.exitCode = exitCode;
            c.pendingRestart = true;
            c.busy = true;
            if (c.health != null) {
                c.health.stopped();
            }
            return;
        }
        c.known = AgentStatus.STOPPED;
        c.exitCode = exitCode;
        if (c.reason == null) {
            c.reason = reason;
        }
        c.finishedAt = at;
        if (c.health != null) {
            c.health.stopped();
        }
        if (c.essential && executionStoppedAt == null) {
            executionStoppedAt = at;
        }
    }

    /** The result of a health check the rules asked for. */
    public void checked(String name, boolean passed, Instant at) {
        Container c = container(name);
        if (c.health != null && c.known == AgentStatus.RUNNING) {
            c.health.record(passed, at);
        }
    }

    /** Health as Docker's health_status event reports it. */
    public void healthReported(String name, HealthStatus health) {
        Container c = container(name);
        if (c.health != null) {
            c.health.reported(health);
        }
    }

    /** The task is to stop: the first reason and code given are kept, as ECS keeps them. */
    public void stop(String reason, String code) {
        desiredStopped = true;
        if (stoppedReason == null) {
            stoppedReason = reason;
            stopCode = code;
        }
    }

    // ------------------------------------------------------------------ the rules

    /** Applies the rules at {@code now}: the actions to carry out, in order. */
    public List<Action> advance(Instant now) {
        List<Action> actions = new ArrayList<>();
        if (!desiredStopped) {
            restartOrStopOnExit(now, actions);
        }
        if (!desiredStopped) {
            startContainers(now, actions);
            checkEssentials();
        }
        if (desiredStopped) {
            stopContainers(now, actions);
        } else {
            healthChecks(now, actions);
        }
        updateStatus(now);
        return actions;
    }

    private void restartOrStopOnExit(Instant now, List<Action> actions) {
        for (Container c : containers.values()) {
            if (c.pendingRestart) {
                c.pendingRestart = false;
                actions.add(new Action.Restart(c.name, c.restarts.count()));
            }
        }
    }

    private void startContainers(Instant now, List<Action> actions) {
        Map<String, DependencyGraph.View> views = views();
        for (Container c : containers.values()) {
            if (c.busy || c.isStopped()) {
                continue;
            }
            AgentStatus next = c.known == AgentStatus.NONE ? AgentStatus.CREATED
                    : c.known == AgentStatus.CREATED ? AgentStatus.RUNNING : null;
            if (next == null) {
                continue;
            }
            DependencyGraph.Verdict verdict = graph.check(c.name, next, views, now);
            if (verdict instanceof DependencyGraph.Verdict.Never never) {
                exited(c.name, DEPENDENCY_EXIT_CODE, "CannotStartContainerError: " + never.reason(), now);
                views = views();
            } else if (verdict instanceof DependencyGraph.Verdict.Go) {
                c.busy = true;
                actions.add(next == AgentStatus.CREATED ? new Action.Create(c.name) : new Action.Start(c.name));
            }
        }
    }

    private void checkEssentials() {
        for (Container c : containers.values()) {
            if (c.essential && c.isStopped()) {
                boolean failedToStart = c.firstStartedAt == null && c.reason != null
                        && !c.reason.startsWith("CannotStartContainerError: dependency graph");
                if (failedToStart) {
                    stop(c.reason, StopCode.TASK_FAILED_TO_START);
                } else {
                    stop(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED);
                }
                return;
            }
        }
    }

    private void stopContainers(Instant now, List<Action> actions) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, DependencyGraph.View> views = views();
            for (Container c : containers.values()) {
                if (c.isStopped()) {
                    continue;
                }
                if (c.pendingRestart) { // stopped while waiting for its restart: it stays stopped
                    c.pendingRestart = false;
                    c.busy = false;
                    exited(c.name, c.exitCode, null, now);
                    changed = true;
                    continue;
                }
                if (!c.known.atLeast(AgentStatus.RUNNING) && !c.busy) {
                    exited(c.name, null, null, now); // never started: straight to STOPPED, no exit code
                    changed = true;
                    continue;
                }
                if (c.known == AgentStatus.RUNNING && c.stopIssuedAt == null && graph.canStop(c.name, views)) {
                    c.stopIssuedAt = now;
                    actions.add(new Action.Stop(c.name, c.stopTimeout));
                } else if (c.stopIssuedAt != null && !c.killIssued
                        && !now.isBefore(c.stopIssuedAt.plus(c.stopTimeout))) {
                    c.killIssued = true;
                    actions.add(new Action.Kill(c.name));
                }
            }
        }
    }

    private void healthChecks(Instant now, List<Action> actions) {
        for (Container c : containers.values()) {
            if (c.health != null && c.known == AgentStatus.RUNNING && c.health.nextCheck() != null
                    && !now.isBefore(c.health.nextCheck())) {
                actions.add(new Action.CheckHealth(c.name));
            }
        }
    }

    private void updateStatus(Instant now) {
        if (status == TaskStatus.STOPPED) {
            return;
        }
        boolean allStopped = containers.values().stream().allMatch(Container::isStopped);
        if (allStopped && (desiredStopped || !containers.isEmpty())) {
            desiredStopped = true;
            if (stoppedReason == null) {
                stop(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED);
            }
            status = TaskStatus.STOPPED;
            stoppedAt = now;
            return;
        }
        if (desiredStopped) {
            status = TaskStatus.STOPPING;
            return;
        }
        boolean allUp = containers.values().stream().allMatch(c -> c.known == AgentStatus.RUNNING || c.isStopped());
        if (allUp && status == TaskStatus.PENDING) {
            status = TaskStatus.RUNNING;
            startedAt = now;
        }
    }

    /** When the rules need to look again without a report: a dependency timing out, a health check, a kill. */
    public Optional<Instant> nextDeadline() {
        Instant earliest = null;
        Map<String, DependencyGraph.View> views = views();
        for (Container c : containers.values()) {
            List<Instant> candidates = new ArrayList<>();
            if (!desiredStopped && (c.known == AgentStatus.NONE || c.known == AgentStatus.CREATED) && !c.busy) {
                graph.nextDeadline(c.name, views).map(t -> t.plusNanos(1)).ifPresent(candidates::add);
            }
            if (!desiredStopped && c.health != null && c.known == AgentStatus.RUNNING && c.health.nextCheck() != null) {
                candidates.add(c.health.nextCheck());
            }
            if (c.stopIssuedAt != null && !c.killIssued && !c.isStopped()) {
                candidates.add(c.stopIssuedAt.plus(c.stopTimeout));
            }
            for (Instant t : candidates) {
                if (earliest == null || t.isBefore(earliest)) {
                    earliest = t;
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private Map<String, DependencyGraph.View> views() {
        Map<String, DependencyGraph.View> out = new LinkedHashMap<>();
        for (Container c : containers.values()) {
            out.put(c.name, new DependencyGraph.View(c.known, AgentStatus.RUNNING, desiredStopped, c.exitCode,
                    c.health(), c.firstStartedAt, c.startTimeout));
        }
        return out;
    }

    // ------------------------------------------------------------------ what it says

    private Container container(String name) {
        Container c = containers.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no container " + name + " in the task");
        }
        return c;
    }

    public List<Container> containers() {
        return List.copyOf(containers.values());
    }

    public Optional<Container> find(String name) {
        return Optional.ofNullable(containers.get(name));
    }

    public TaskStatus status() {
        return status;
    }

    public TaskStatus desiredStatus() {
        return desiredStopped ? TaskStatus.STOPPED : TaskStatus.RUNNING;
    }

    public String stoppedReason() {
        return stoppedReason;
    }

    public String stopCode() {
        return stopCode;
    }

    /** When the task reached RUNNING, or null. */
    public Instant startedAt() {
        return startedAt;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    /** When the first essential container stopped (SubmitTaskStateChange's executionStoppedAt), or null. */
    public Instant executionStoppedAt() {
        return executionStoppedAt;
    }

    /**
     * The task's health (ecs-semantics §4.3): null when no essential container has a health check, HEALTHY when
     * every essential one that has is HEALTHY, UNHEALTHY when one is UNHEALTHY, else UNKNOWN.
     */
    public HealthStatus health() {
        List<HealthStatus> checked = containers.values().stream().filter(c -> c.essential && c.health != null)
                .map(Container::health).toList();
        if (checked.isEmpty()) {
            return null;
        }
        if (checked.contains(HealthStatus.UNHEALTHY)) {
            return HealthStatus.UNHEALTHY;
        }
        return checked.stream().allMatch(h -> h == HealthStatus.HEALTHY) ? HealthStatus.HEALTHY
                : HealthStatus.UNKNOWN;
    }
}
