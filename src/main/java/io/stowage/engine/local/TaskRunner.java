package io.stowage.engine.local;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Ports;
import io.stowage.model.agent.AgentStatus;
import io.stowage.model.agent.DependencyGraph;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.TaskMetadata;
import io.stowage.model.runtime.TaskRole;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One task, run as the ECS agent runs it (ecs-semantics §3): containers move NONE → CREATED → RUNNING as their
 * dependencies allow, independent ones at once; Docker's events move them on; an essential container's stop
 * stops the task; a dependency that can never hold stops its dependent with exit code 143; shutdown runs in
 * reverse dependency order with each container's stop timeout; the internal containers (the awsvpc pause container,
 * the namespace pause container of a task with pidMode or ipcMode task) come first and go last. Every method runs
 * on the run's state thread.
 */
final class TaskRunner {
    static final int DEPENDENCY_EXIT_CODE = 143;

    private final RunContext ctx;
    private final TaskPlan plan;
    private final TaskSetup setup;
    private final Consumer<TaskRunner> changed;
    private final DependencyGraph graph;
    private final Map<String, ContainerRecord> records = new LinkedHashMap<>();
    private final ContainerRecord pause;
    /** The namespace pause container (pidMode or ipcMode task), or null. */
    private final ContainerRecord namespacePause;
    private TaskLaunch launch;
    private boolean setupStarted;
    private TaskState state;
    private TaskState reported;
    private Instant pullStartedAt;
    private Instant pullStoppedAt;
    private Instant executionStoppedAt;
    private volatile TaskMetadata metadata;
    /** Set on the setup worker before the containers are made; read by the workers that pull their images. */
    private volatile ExecutionRoles.Access executionAccess;
    private boolean rolesStopped;
    private boolean cgroupChecked;
    private boolean cgroupRemoved;

    TaskRunner(RunContext ctx, TaskPlan plan, TaskSetup setup, Consumer<TaskRunner> changed) {
        this.ctx = ctx;
        this.plan = plan;
        this.setup = setup;
        this.changed = changed;
        this.graph = DependencyGraph.of(plan.taskDefinition());
        for (ContainerDefinition c : plan.taskDefinition().containerDefinitions()) {
            records.put(c.name(), new ContainerRecord(c));
        }
        this.pause = plan.awsvpc() ? ContainerRecord.pause() : null;
        this.namespacePause = ContainerSpecMapper.sharesNamespaces(plan.taskDefinition())
                ? ContainerRecord.namespacePause() : null;
        this.state = new TaskState(plan.taskArn(), plan.cluster(), plan.group(), plan.taskDefinitionArn(),
                plan.containerInstanceArn(), plan.instanceId(), plan.availabilityZone(), plan.launchType(),
                plan.awsvpc() ? TaskStatus.PROVISIONING : TaskStatus.PENDING, TaskStatus.RUNNING, null, null, null,
                Instant.now(), null, null, List.of());
    }

    io.stowage.model.placement.TaskRef ref() {
        return plan.ref();
    }

    TaskPlan plan() {
        return plan;
    }

    TaskState state() {
        return state;
    }

    boolean isStopped() {
        return state.isStopped();
    }

    /** The names of the Docker containers made so far, by definition name. */
    Map<String, String> dockerIds() {
        Map<String, String> out = new LinkedHashMap<>();
        allRecords().forEach(r -> {
            if (r.dockerId != null) {
                out.put(r.name, r.dockerId);
            }
        });
        return out;
    }

    String dockerName(String container) {
        return launch == null ? null : launch.dockerNames().get(container);
    }

    void start() {
        report();
        progress();
    }

    /** Desired STOPPED, for the reason and code given (the first reason is kept, as ECS keeps it). */
    void stop(String reason, String stopCode) {
        if (state.desiredStatus() == TaskStatus.STOPPED) {
            return;
        }
        state = state.stopping(reason, stopCode);
        allRecords().forEach(r -> r.desiredStopped = true);
        progress();
    }

    boolean owns(String taskArn) {
        return plan.taskArn().equals(taskArn);
    }

    // ------------------------------------------------------------------ events

    /** A Docker event for one of this task's containers. */
    void onEvent(String container, String dockerId, String action, Map<String, String> attributes, Instant at) {
        ContainerRecord rec = container.equals(io.stowage.model.agent.ContainerNames.PAUSE) ? pause
                : container.equals(io.stowage.model.agent.ContainerNames.NAMESPACE_PAUSE) ? namespacePause
                : records.get(container);
        if (rec == null) {
            return;
        }
        if (rec.dockerId == null) {
            rec.dockerId = dockerId;
        } else if (!rec.dockerId.equals(dockerId)) {
            return; // a container of an earlier attempt
        }
        switch (action) {
            case "create" -> rec.advance(AgentStatus.CREATED);
            case "start" -> started(rec, at);
            case "die" -> {
                if (rec.adoptedFinishedAt != null && !at.isAfter(rec.adoptedFinishedAt.plusSeconds(1))) {
                    rec.adoptedFinishedAt = null; // the exit adoption found and handled
                    return;
                }
                String code = attributes.get("exitCode");
                died(rec, code == null ? null : Integer.valueOf(code), at);
            }
            case "destroy" -> rec.stopped(null, rec.reason == null ? "container removed" : rec.reason, at);
            default -> {
                if (action.startsWith("health_status")) {
                    if (rec.health != null && !rec.isStopped()) {
                        rec.health(health(action.substring(action.indexOf(':') + 1).strip()), at);
                    }
                } else {
                    return;
                }
            }
        }
        progress();
    }

    private void started(ContainerRecord rec, Instant at) {
        if (rec.isStopped() || rec.known.atLeast(AgentStatus.RUNNING) || rec.inspecting) {
            return;
        }
        rec.startedAt = rec.startedAt == null ? at : rec.startedAt;
        checkCgroup(rec);
        boolean publishes = !rec.pause && pause == null && !rec.definition.portMappings().isEmpty();
        if (!publishes) {
            if (pause != null && !rec.pause) {
                rec.bindings = pauseBindings(rec);
            }
            rec.advance(rec.steady);
            return;
        }
        // The agent reports a container RUNNING with its network bindings, read from Docker after the start.
        rec.inspecting = true;
        String id = rec.dockerId;
        ctx.work(() -> ctx.docker.inspectContainerCmd(id).exec(), inspect -> {
            rec.inspecting = false;
            if (!rec.isStopped()) {
                rec.bindings = bindings(inspect);
                rec.advance(rec.steady);
            }
            progress();
        }, e -> {
            rec.inspecting = false;
            if (!rec.isStopped() && !(e instanceof RunContext.EngineGoneException)) {
                rec.advance(rec.steady);
            }
            progress();
        });
    }

    /**
     * Once a task's first container runs: whether the engine made it in the task's cgroup on this machine. If it did
     * not (its cgroups are not the ones Stowage wrote, as with an engine in a VM), the limits hold nothing, and the
     * task hears so. A container that has already exited again is no proof either way.
     */
    private void checkCgroup(ContainerRecord rec) {
        if (cgroupChecked || launch == null || launch.cgroupParent() == null || rec.dockerId == null) {
            return;
        }
        cgroupChecked = true;
        TaskCgroups cgroups = setup.cgroups();
        String id = rec.dockerId;
        ctx.work(() -> {
            if (cgroups.holds(plan.taskId(), id)) {
                return true;
            }
            var inspected = ctx.docker.inspectContainerCmd(id).exec();
            return !Boolean.TRUE.equals(inspected.getState().getRunning());
        }, holds -> {
            if (!holds) {
                ctx.event(plan.cluster(), subject(), "deviation: task-level cpu and memory are not enforced: the "
                        + "engine did not make " + rec.name + " in the task cgroup " + launch.cgroupParent()
                        + " on this machine (its cgroups are not the ones Stowage can write)");
            }
        }, e -> { });
    }

    /** The agent removes the task cgroup once the task has stopped; what is still in use goes at down. */
    private void removeCgroup(int attempt) {
        TaskCgroups cgroups = setup.cgroups();
        ctx.work(() -> {
            cgroups.remove(plan.taskId());
            return java.nio.file.Files.isDirectory(cgroups.cpuDirectory(plan.taskId()));
        }, stillThere -> {
            if (stillThere && attempt < 5) {
                ctx.onLoopAfter(Duration.ofSeconds(1), () -> removeCgroup(attempt + 1)); // the engine frees it soon after
            }
        }, e -> { });
    }

    private void died(ContainerRecord rec, Integer exitCode, Instant at) {
        if (rec.isStopped()) {
            // Stopped already (a stop that found it exited, before this event came): the code is still news.
            if (rec.exitCode == null && exitCode != null) {
                rec.exitCode = exitCode;
                report();
            }
            return;
        }
        if (rec.restarts.enabled() && !rec.busy) {
            boolean meantToStop = rec.desiredStopped || state.desiredStatus() == TaskStatus.STOPPED;
            var whyNot = rec.restarts.whyNot(exitCode, rec.startedAt, meantToStop, Instant.now());
            if (whyNot.isEmpty()) {
                restart(rec, exitCode, at);
                return;
            }
            if (!meantToStop) {
                ctx.event(plan.cluster(), subject(), rec.name + " exited with code " + exitCode
                        + " and is not restarted: " + whyNot.get());
            }
        }
        rec.stopped(exitCode, null, at);
        String id = rec.dockerId;
        ctx.work(() -> ctx.docker.inspectContainerCmd(id).exec(), inspect -> {
            if (Boolean.TRUE.equals(inspect.getState().getOOMKilled()) && rec.reason == null) {
                rec.reason = "OutOfMemoryError: Container killed due to memory usage";
                report();
            }
        }, e -> { });
    }

    /**
     * The restart policy's in-place restart (task_manager.go): the same container is started again, its stop is
     * never reported, and the task runs on. If the start fails, the stop goes on as without a policy.
     */
    private void restart(ContainerRecord rec, Integer exitCode, Instant at) {
        rec.restarts.recordRestart(Instant.now());
        timedStart(rec, started -> {
            if (rec.health != null) {
                rec.health(HealthStatus.UNKNOWN, Instant.now()); // Docker starts the health check afresh
            }
            ctx.event(plan.cluster(), subject(), rec.name + " exited with code " + exitCode
                    + " and was restarted in place (restart " + rec.restarts.count() + ")");
            progress();
        }, e -> {
            if (e instanceof RunContext.EngineGoneException) {
                return; // reconciling finds out what became of it
            }
            ctx.event(plan.cluster(), subject(), rec.name + " could not be restarted: " + DockerErrors.message(e));
            rec.stopped(exitCode, null, at);
            progress();
        });
    }

    // ------------------------------------------------------------------ progress

    /** Takes every step that is possible now, then reports what changed. */
    void progress() {
        if (!state.isStopped() && !ctx.engineLost) {
            if (state.desiredStatus() == TaskStatus.RUNNING) {
                if (launch == null) {
                    runSetup();
                } else {
                    startContainers();
                }
            }
            if (state.desiredStatus() == TaskStatus.RUNNING) {
                checkEssentials();
            }
            if (state.desiredStatus() == TaskStatus.STOPPED) {
                stopContainers();
            }
        }
        report();
    }

    private void runSetup() {
        if (setupStarted) {
            return;
        }
        setupStarted = true;
        List<String> deviations = new ArrayList<>();
        RunContext.trace("setup " + plan.taskArn());
        ctx.work(() -> {
            executionAccess = executionAccess();
            TaskLaunch prepared = setup.prepare(plan, executionAccess, deviations::add);
            if (plan.awsvpc() || namespacePause != null) {
                PauseImage.ensure(ctx.docker, System.getProperty("os.arch"));
            }
            // The agent has a task's role credentials before it creates its containers.
            return new Prepared(prepared, role(prepared));
        }, prepared -> {
            RunContext.trace("setup done " + plan.taskArn());
            launch = prepared.launch();
            deviations.forEach(d -> ctx.event(plan.cluster(), subject(), "deviation: " + d));
            if (prepared.role() != null) {
                roleChanged(prepared.role());
            }
            progress();
        }, e -> failTask(e instanceof RunContext.EngineGoneException ? null : reasonOf(e, "ResourceInitializationError")));
    }

    private record Prepared(TaskLaunch launch, TaskRole role) {
    }

    /**
     * The access to AWS the agent reads this task's secrets and pulls its ECR images with: its execution role's, as
     * ECS does (null, for the run's own, when the run has no execution roles). Nothing is asked of AWS until a secret
     * or an image needs it; where that differs from ECS, the task hears it as a deviation.
     */
    private ExecutionRoles.Access executionAccess() {
        ExecutionRoles roles = ctx.options.agent().executionRoles();
        if (roles == null) {
            return null;
        }
        return roles.forTask(plan.taskDefinition().executionRoleArn(), plan.taskId(),
                d -> ctx.onLoop(() -> ctx.event(plan.cluster(), subject(), "deviation: " + d)));
    }

    /** Serves the task's role through the agent's credentials endpoint (blocking); null for a task without one. */
    private TaskRole role(TaskLaunch prepared) {
        String roleArn = plan.taskDefinition().taskRoleArn();
        if (roleArn == null) {
            return null;
        }
        TaskEndpoints endpoints = ctx.options.agent().endpoints();
        if (prepared.credentialsId() == null || endpoints == null) {
            return new TaskRole(roleArn, TaskRole.Status.NOT_SERVED, "no local agent serves task-role credentials "
                    + "to this task, so its containers get no AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null, null);
        }
        var request = new TaskEndpoints.RoleRequest(prepared.credentialsId(), plan.taskArn(), roleArn, plan.taskId(),
                ctx.options.agent().userFallback());
        try {
            return endpoints.serveRole(request, changed -> ctx.onLoop(() -> roleChanged(changed)));
        } catch (RuntimeException e) {
            return new TaskRole(roleArn, TaskRole.Status.REFUSED, "the role could not be assumed: "
                    + DockerErrors.message(e), null, null);
        }
    }

    private void roleChanged(TaskRole role) {
        TaskRole before = state.role();
        if (before == null || before.status() != role.status()) {
            switch (role.status()) {
                case REFUSED -> ctx.event(plan.cluster(), subject(), "task role " + role.roleArn()
                        + ": no credentials for the task: " + role.detail());
                case USER_CREDENTIALS -> ctx.event(plan.cluster(), subject(), "deviation: task role "
                        + role.roleArn() + ": " + role.detail());
                case NOT_SERVED -> ctx.event(plan.cluster(), subject(), "task role " + role.roleArn() + ": "
                        + role.detail());
                default -> {
                }
            }
        }
        state = state.withRole(role);
        report();
    }

    private void failTask(String reason) {
        if (reason == null) {
            setupStarted = false; // the engine went away: try again once it is back
            return;
        }
        allRecords().forEach(r -> {
            r.desiredStopped = true;
            if (r.known.ordinal() < AgentStatus.CREATED.ordinal()) {
                r.stopped(null, null, Instant.now());
            }
        });
        state = state.stopping(reason, StopCode.TASK_FAILED_TO_START);
        progress();
    }

    private void startContainers() {
        Map<String, DependencyGraph.View> views = views();
        Instant now = Instant.now();
        // The internal containers first, one after the other: the others wait for them (their PULLED transition).
        for (ContainerRecord internal : internals()) {
            if (!internal.isSteady()) {
                if (!internal.busy && internal.known == AgentStatus.NONE) {
                    create(internal);
                } else if (!internal.busy && internal.known == AgentStatus.CREATED) {
                    startContainer(internal);
                }
                return;
            }
        }
        for (ContainerRecord rec : records.values()) {
            if (rec.busy || rec.isStopped() || rec.desiredStopped) {
                continue;
            }
            AgentStatus next = rec.known == AgentStatus.NONE ? AgentStatus.CREATED
                    : rec.known == AgentStatus.CREATED ? rec.steady : null;
            if (next == null) {
                continue;
            }
            DependencyGraph.Verdict verdict = graph.check(rec.name, next, views, now);
            if (verdict instanceof DependencyGraph.Verdict.Never never) {
                rec.stopped(DEPENDENCY_EXIT_CODE, "CannotStartContainerError: " + never.reason(), now);
                views = views();
            } else if (verdict instanceof DependencyGraph.Verdict.Go) {
                if (next == AgentStatus.CREATED) {
                    create(rec);
                } else {
                    startContainer(rec);
                }
            } else {
                graph.nextDeadline(rec.name, views).ifPresent(at -> ctx.onLoopAt(at, this::progress));
            }
        }
    }

    private void create(ContainerRecord rec) {
        rec.busy = true;
        ContainerSpec spec;
        try {
            spec = rec.cniPause() ? ContainerSpecMapper.pause(plan.taskDefinition(), launch, PauseImage.NAME)
                    : rec.pause ? ContainerSpecMapper.namespacePause(plan.taskDefinition(), launch, PauseImage.NAME)
                    : ContainerSpecMapper.map(plan.taskDefinition(), rec.definition, launch);
        } catch (TaskSetupException e) {
            rec.busy = false;
            rec.stopped(null, e.getMessage().startsWith("Cannot") ? e.getMessage()
                    : "CannotCreateContainerError: " + e.getMessage(), Instant.now());
            return;
        }
        spec.deviations().forEach(d -> ctx.event(plan.cluster(), subject(), "deviation: " + d));
        String credentials = rec.definition.repositoryCredentials() == null ? null
                : rec.definition.repositoryCredentials().credentialsParameter();
        RunContext.trace("create " + spec.name());
        TaskLaunch forSpec = launch;
        ctx.work(() -> {
            RunContext.trace("ensure image " + spec.image());
            Instant pullStart = Instant.now();
            String note = rec.pause ? null : ctx.images.ensure(spec.image(), credentials, executionAccess);
            Instant pullEnd = Instant.now();
            ContainerSpec toCreate = rec.pause ? spec
                    : ContainerSpecMapper.withoutRegionIfImageHasOne(spec, forSpec, regionEnv(spec, forSpec));
            RunContext.trace("create call " + spec.name());
            String id = toCreate.applyTo(ctx.docker.createContainerCmd(spec.image())).exec().getId();
            RunContext.trace("created " + spec.name());
            return new Created(id, note, pullStart, pullEnd);
        }, result -> {
            rec.busy = false;
            rec.dockerId = result.id();
            rec.labels = spec.labels();
            rec.createdAt = Instant.now();
            if (!rec.pause) {
                pullStartedAt = pullStartedAt == null ? result.pullStart() : pullStartedAt;
                pullStoppedAt = pullStoppedAt == null || result.pullEnd().isAfter(pullStoppedAt) ? result.pullEnd()
                        : pullStoppedAt;
            }
            if (result.note() != null) {
                ctx.event(plan.cluster(), subject(), rec.name + ": " + result.note());
            }
            rec.advance(AgentStatus.CREATED);
            internalMade(rec, result.id());
            progress();
        }, e -> {
            rec.busy = false;
            if (e instanceof RunContext.EngineGoneException) {
                return; // reconciling finds out whether it was made
            }
            rec.desiredStopped = true;
            rec.stopped(null, reasonOf(e, "CannotCreateContainerError"), Instant.now());
            progress();
        });
    }

    private record Created(String id, String note, Instant pullStart, Instant pullEnd) {
    }

    /** The image's ENV, when the agent would inject a region and so must know whether the image sets one. */
    private List<String> regionEnv(ContainerSpec spec, TaskLaunch forSpec) {
        return forSpec.region() == null ? List.of() : ctx.images.env(spec.image());
    }

    private void startContainer(ContainerRecord rec) {
        RunContext.trace("start " + rec.name);
        timedStart(rec, at -> {
            started(rec, at);
            progress();
        }, e -> {
            if (e instanceof NotModifiedException) {
                progress();
                return;
            }
            if (e instanceof RunContext.EngineGoneException) {
                return;
            }
            rec.desiredStopped = true;
            rec.stopped(null, reasonOf(e, "CannotStartContainerError"), Instant.now());
            progress();
        });
    }

    /**
     * Docker's start call, bounded as the agent bounds it (ECS_CONTAINER_START_TIMEOUT, ecs-semantics §3.1): when it
     * has not returned in time the container is given up, STOPPED with {@code DockerTimeoutError}, and should the
     * start still happen later, the container is stopped again, as the agent re-stops a container that "came back".
     * The callbacks run on the state thread with the record no longer busy, and only when the start was not given up.
     */
    private void timedStart(ContainerRecord rec, Consumer<Instant> done, Consumer<RuntimeException> failed) {
        rec.busy = true;
        String id = rec.dockerId;
        boolean[] gaveUp = {false};
        Duration limit = ctx.options.containerStartTimeout();
        ctx.onLoopAfter(limit, () -> {
            if (!rec.busy || gaveUp[0] || ctx.engineLost || rec.isStopped() || !id.equals(rec.dockerId)) {
                return;
            }
            gaveUp[0] = true;
            rec.busy = false;
            rec.desiredStopped = true;
            rec.stopped(null, "DockerTimeoutError: Could not transition to started; timed out after waiting "
                    + goDuration(limit), Instant.now());
            progress();
        });
        ctx.work(() -> {
            ctx.docker.startContainerCmd(id).exec();
            RunContext.trace("started " + rec.name);
            return Instant.now();
        }, at -> {
            if (gaveUp[0]) {
                stopLateStart(rec, id);
                return;
            }
            rec.busy = false;
            done.accept(at);
        }, e -> {
            if (!gaveUp[0]) {
                rec.busy = false;
                failed.accept(e);
            }
        });
    }

    private void stopLateStart(ContainerRecord rec, String id) {
        int timeout = ContainerSpecMapper.stopTimeout(rec.definition.stopTimeout());
        ctx.work(() -> {
            ctx.docker.stopContainerCmd(id).withTimeout(timeout).exec();
            return null;
        }, ignored -> ctx.event(plan.cluster(), subject(), rec.name + " started after its start timed out, and was"
                + " stopped again"), e -> { });
    }

    /** A duration as Go prints it, so that the reason reads as the agent's does ("3m0s", "45s", "500ms"). */
    static String goDuration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        double sec = d.toSecondsPart() + d.toMillisPart() / 1000.0;
        String seconds = sec == Math.floor(sec) ? String.valueOf((long) sec) : String.valueOf(sec);
        return (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + seconds + "s";
    }

    private void checkEssentials() {
        for (ContainerRecord rec : allRecords()) {
            if (rec.essential && (rec.isStopped() || rec.desiredStopped)) {
                boolean failedToStart = rec.startedAt == null && rec.reason != null
                        && !rec.reason.startsWith("CannotStartContainerError: dependency graph");
                if (failedToStart) {
                    state = state.stopping(rec.reason, StopCode.TASK_FAILED_TO_START);
                } else {
                    state = state.stopping(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED);
                }
                allRecords().forEach(r -> r.desiredStopped = true);
                return;
            }
        }
    }

    private void stopContainers() {
        Map<String, DependencyGraph.View> views = views();
        Instant now = Instant.now();
        for (ContainerRecord rec : records.values()) {
            if (rec.isStopped() || rec.busy) {
                continue;
            }
            if (!rec.known.atLeast(AgentStatus.RUNNING)) {
                rec.stopped(null, null, now); // never started: straight to STOPPED, no Docker call
                views = views();
                continue;
            }
            if (!rec.stopIssued && graph.canStop(rec.name, views)) {
                issueStop(rec, false);
            }
        }
        if (records.values().stream().allMatch(ContainerRecord::isStopped)) {
            for (ContainerRecord internal : internals()) {
                if (internal.isStopped() || internal.busy) {
                    continue;
                }
                if (!internal.known.atLeast(AgentStatus.RUNNING)) {
                    internal.stopped(null, null, now);
                } else if (!internal.stopIssued) {
                    issueStop(internal, true);
                }
            }
        }
    }

    private void issueStop(ContainerRecord rec, boolean kill) {
        rec.stopIssued = true;
        String id = rec.dockerId;
        int timeout = ContainerSpecMapper.stopTimeout(rec.definition.stopTimeout());
        ctx.work(() -> {
            if (kill) {
                ctx.docker.killContainerCmd(id).exec();
            } else {
                ctx.docker.stopContainerCmd(id).withTimeout(timeout).exec();
            }
            return ctx.docker.inspectContainerCmd(id).exec();
        }, inspect -> {
            var s = inspect.getState();
            if (!Boolean.TRUE.equals(s.getRunning())) {
                rec.stopped(s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue(), null,
                        DockerTimes.parseOr(s.getFinishedAt(), Instant.now()));
            }
            progress();
        }, e -> {
            if (e instanceof NotModifiedException || e instanceof NotFoundException
                    || e.getCause() instanceof NotModifiedException) {
                rec.stopped(null, null, Instant.now());
            } else if (!(e instanceof RunContext.EngineGoneException)) {
                rec.stopIssued = false;
            }
            progress();
        });
    }

    // ------------------------------------------------------------------ reconcile

    /** After the engine came back: what Docker now says of each container, found by id or by name. */
    void reconcile(Map<String, InspectContainerResponse> byName) {
        Instant now = Instant.now();
        for (ContainerRecord rec : allRecords()) {
            if (rec.isStopped()) {
                continue;
            }
            InspectContainerResponse inspect = byName.get(rec.name);
            if (inspect == null) {
                if (rec.dockerId != null || rec.known.atLeast(AgentStatus.CREATED)) {
                    rec.stopped(null, "the container is gone: the Docker engine lost it", now);
                }
                continue;
            }
            rec.dockerId = inspect.getId();
            rec.busy = false;
            internalMade(rec, rec.dockerId);
            var s = inspect.getState();
            if (Boolean.TRUE.equals(s.getRunning())) {
                started(rec, DockerTimes.parseOr(s.getStartedAt(), now));
            } else if (DockerTimes.parse(s.getStartedAt()) != null) {
                rec.startedAt = rec.startedAt == null ? DockerTimes.parse(s.getStartedAt()) : rec.startedAt;
                // A stop the run did not see: as any stop, its restart policy may start it again in place.
                died(rec, s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue(),
                        DockerTimes.parseOr(s.getFinishedAt(), now));
            } else {
                rec.advance(AgentStatus.CREATED);
            }
            rec.stopIssued = false;
        }
        progress();
    }

    // ------------------------------------------------------------------ adoption

    /** Why a container the ended agent had not made yet is not made by the one that adopts its task. */
    static final String NOT_MADE_BEFORE_ADOPTION = "CannotCreateContainerError: the Stowage agent that was to "
            + "create it ended before it did; the agent that took the task over does not create it";

    /**
     * Takes over this task from an agent that ended (killed) while it ran it: its containers as Docker has them now
     * ({@code byName}, by definition name, internal ones included; none is made again) and what that agent recorded
     * of the task ({@code recorded}, or null): desired status, stopped reason, created and started times, each
     * container's restart count, exit code and reason. The endpoint ids are the ones its containers were made with
     * (their labels), so their metadata URIs and credentials keep working once the role is served again. Then
     * reconciled as after an engine restart: a container that exited while nobody watched is handled now (a restart
     * policy restarts it, an essential one stops the task).
     */
    void adopt(TaskState recorded, Map<String, InspectContainerResponse> byName) {
        setupStarted = true;
        launch = adoptedLaunch(byName);
        Map<String, io.stowage.model.runtime.ContainerState> was = new LinkedHashMap<>();
        if (recorded != null) {
            recorded.containers().forEach(c -> was.put(c.name(), c));
            state = recorded;
        }
        Instant now = Instant.now();
        for (ContainerRecord rec : allRecords()) {
            InspectContainerResponse inspect = byName.get(rec.name);
            io.stowage.model.runtime.ContainerState before = was.get(rec.name);
            if (before != null && rec.health != null && before.healthStatus() != null) {
                rec.health(before.healthStatus(), now);
            }
            if (inspect == null) {
                if (before != null && before.lastStatus() == io.stowage.model.runtime.ContainerStatus.STOPPED) {
                    rec.startedAt = before.startedAt();
                    rec.stopped(before.exitCode(), before.reason(), before.finishedAt() == null ? now
                            : before.finishedAt());
                } else {
                    rec.desiredStopped = true;
                    rec.stopped(null, NOT_MADE_BEFORE_ADOPTION, now);
                }
                continue;
            }
            var s = inspect.getState();
            Instant dockerStarted = DockerTimes.parse(s.getStartedAt());
            Instant dockerFinished = DockerTimes.parse(s.getFinishedAt());
            boolean running = Boolean.TRUE.equals(s.getRunning());
            if (before != null && before.restartCount() != null) {
                rec.restarts.restore(before.restartCount(), before.restartCount() > 0 ? dockerStarted : null);
            }
            rec.dockerId = inspect.getId();
            rec.labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null ? Map.of()
                    : Map.copyOf(inspect.getConfig().getLabels());
            rec.createdAt = DockerTimes.parse(inspect.getCreated());
            rec.startedAt = before != null && before.startedAt() != null ? before.startedAt() : dockerStarted;
            rec.advance(AgentStatus.CREATED);
            internalMade(rec, rec.dockerId);
            if (!running && dockerStarted != null) {
                rec.adoptedFinishedAt = dockerFinished;
            }
            if (!running && before != null && before.lastStatus() == io.stowage.model.runtime.ContainerStatus.STOPPED) {
                // Its stop was recorded already: as it was, nothing to handle again.
                rec.stopped(before.exitCode() != null ? before.exitCode()
                        : s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue(), before.reason(),
                        before.finishedAt() != null ? before.finishedAt() : DockerTimes.parseOr(s.getFinishedAt(), now));
            }
        }
        if (launch.credentialsId() != null && plan.taskDefinition().taskRoleArn() != null && !state.isStopped()) {
            // The role is served again under the id the containers hold (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI).
            TaskLaunch adopted = launch;
            ctx.work(() -> role(adopted), role -> {
                if (role != null) {
                    roleChanged(role);
                }
            }, e -> { });
        }
        reconcile(byName);
    }

    /** The launch the task's containers were made with, as far as their labels and Docker's inspect tell it. */
    private TaskLaunch adoptedLaunch(Map<String, InspectContainerResponse> byName) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> metadataIds = new LinkedHashMap<>();
        String credentialsId = null;
        String cgroupParent = null;
        String endpointBase = null;
        String region = null;
        for (Map.Entry<String, InspectContainerResponse> e : byName.entrySet()) {
            InspectContainerResponse inspect = e.getValue();
            if (inspect.getName() != null) {
                names.put(e.getKey(), inspect.getName().startsWith("/") ? inspect.getName().substring(1)
                        : inspect.getName());
            }
            Map<String, String> labels = inspect.getConfig() == null || inspect.getConfig().getLabels() == null
                    ? Map.of() : inspect.getConfig().getLabels();
            if (labels.get(EcsLabels.METADATA_ID) != null) {
                metadataIds.put(e.getKey(), labels.get(EcsLabels.METADATA_ID));
            }
            if (labels.get(EcsLabels.CREDENTIALS_ID) != null) {
                credentialsId = labels.get(EcsLabels.CREDENTIALS_ID);
            }
            if (inspect.getHostConfig() != null && inspect.getHostConfig().getCgroupParent() != null
                    && !inspect.getHostConfig().getCgroupParent().isBlank()) {
                cgroupParent = inspect.getHostConfig().getCgroupParent();
            }
            String[] env = inspect.getConfig() == null ? null : inspect.getConfig().getEnv();
            for (String variable : env == null ? new String[0] : env) {
                String id = metadataIds.get(e.getKey());
                if (id != null && variable.startsWith("ECS_CONTAINER_METADATA_URI_V4=")
                        && variable.endsWith("/v4/" + id)) {
                    endpointBase = variable.substring("ECS_CONTAINER_METADATA_URI_V4=".length(),
                            variable.length() - ("/v4/" + id).length());
                } else if (variable.startsWith("AWS_REGION=") && region == null) {
                    region = variable.substring("AWS_REGION=".length());
                }
            }
        }
        return new TaskLaunch(ctx.designKey, plan.clusterId(), plan.cluster(), plan.taskArn(), plan.family(),
                plan.revision(), plan.taskDefinitionHash(), plan.group(), plan.source(), plan.instanceId(),
                plan.launchType(), plan.networkMode(), setup.designNetwork(), plan.hostIp(), null, names, Map.of(),
                Map.of(), Map.of(), Map.of(), metadataIds, plan.aliases(), endpointBase, credentialsId, region,
                cgroupParent);
    }

    // ------------------------------------------------------------------ reporting

    private void report() {
        state = state.withContainers(records.values().stream().map(ContainerRecord::state).toList())
                .withHealthStatus(taskHealth());
        if (executionStoppedAt == null) {
            records.values().stream().filter(r -> r.essential && r.isStopped()).findFirst()
                    .ifPresent(r -> executionStoppedAt = r.finishedAt != null ? r.finishedAt : Instant.now());
        }
        TaskStatus target = targetStatus();
        TaskStatus current = state.lastStatus();
        if (target.isAfter(current)) {
            for (TaskStatus s : path(current, target)) {
                state = s == TaskStatus.STOPPED ? state.stopped(Instant.now()) : state.withLastStatus(s);
                emit();
            }
        } else {
            emit();
        }
    }

    private void emit() {
        metadata = buildMetadata();
        if (state.isStopped() && launch != null && launch.credentialsId() != null && !rolesStopped) {
            rolesStopped = true;
            ctx.options.agent().endpoints().stopRole(launch.credentialsId());
        }
        if (state.isStopped() && launch != null && launch.cgroupParent() != null && !cgroupRemoved) {
            cgroupRemoved = true;
            removeCgroup(0);
        }
        if (!state.equals(reported)) {
            reported = state;
            ctx.listener.taskChanged(state);
            changed.accept(this);
        }
    }

    /** The statuses between two, as far as they apply to this task. */
    private List<TaskStatus> path(TaskStatus from, TaskStatus to) {
        List<TaskStatus> out = new ArrayList<>();
        for (TaskStatus s : TaskStatus.values()) {
            if (s.isAfter(from) && !s.isAfter(to) && applies(s, to)) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean applies(TaskStatus s, TaskStatus to) {
        if (s == to) {
            return true;
        }
        return switch (s) {
            case PROVISIONING, DEPROVISIONING -> plan.awsvpc();
            case ACTIVATING, DEACTIVATING -> plan.activates();
            case RUNNING -> false; // a task that never ran is not reported RUNNING on its way down
            default -> true;
        };
    }

    private TaskStatus targetStatus() {
        boolean allStopped = allRecords().stream().allMatch(ContainerRecord::isStopped);
        if (state.desiredStatus() == TaskStatus.STOPPED) {
            return allStopped ? TaskStatus.STOPPED : TaskStatus.STOPPING;
        }
        if (allStopped) {
            return TaskStatus.STOPPED;
        }
        if (launch == null || internals().stream().anyMatch(r -> !r.isSteady())) {
            return plan.awsvpc() ? TaskStatus.PROVISIONING : TaskStatus.PENDING;
        }
        boolean running = records.values().stream().allMatch(r -> r.isSteady() || r.isStopped());
        return running ? TaskStatus.RUNNING : TaskStatus.PENDING;
    }

    private HealthStatus taskHealth() {
        List<ContainerRecord> checked = records.values().stream().filter(r -> r.essential && r.health != null).toList();
        if (checked.isEmpty()) {
            return null;
        }
        if (checked.stream().anyMatch(r -> r.health == HealthStatus.UNHEALTHY)) {
            return HealthStatus.UNHEALTHY;
        }
        return checked.stream().allMatch(r -> r.health == HealthStatus.HEALTHY) ? HealthStatus.HEALTHY
                : HealthStatus.UNKNOWN;
    }

    private Map<String, DependencyGraph.View> views() {
        Map<String, DependencyGraph.View> out = new LinkedHashMap<>();
        records.forEach((name, rec) -> out.put(name, rec.view()));
        return out;
    }

    private List<ContainerRecord> allRecords() {
        List<ContainerRecord> all = new ArrayList<>(records.values());
        all.addAll(internals());
        return all;
    }

    /** The containers the agent adds to the task, in the order it makes them. */
    private List<ContainerRecord> internals() {
        if (pause == null) {
            return namespacePause == null ? List.of() : List.of(namespacePause);
        }
        return namespacePause == null ? List.of(pause) : List.of(pause, namespacePause);
    }

    /** The containers of the task join an internal container's namespaces by its id, once it is made. */
    private void internalMade(ContainerRecord rec, String id) {
        if (launch == null || id == null) {
            return;
        }
        if (rec == pause) {
            launch = launch.withPauseContainerId(id);
        } else if (rec == namespacePause) {
            launch = launch.withNamespacePauseContainerId(id);
        }
    }

    /** What the agent's metadata endpoint serves of this task now (any thread). */
    TaskMetadata metadata() {
        return metadata;
    }

    /** The metadata endpoint id of each container, by definition name, once the task was set up. */
    Map<String, String> endpointIds() {
        return launch == null ? Map.of() : launch.metadataIds();
    }

    private TaskMetadata buildMetadata() {
        var td = plan.taskDefinition();
        List<ContainerMetadata> containers = new ArrayList<>();
        String taskDesired = state.desiredStatus() == TaskStatus.STOPPED ? "STOPPED" : "RUNNING";
        AgentStatus known = null;
        for (ContainerRecord rec : allRecords()) {
            containers.add(containerMetadata(rec, taskDesired));
            AgentStatus taskView = rec.known == rec.steady ? AgentStatus.RUNNING
                    : rec.known == AgentStatus.RUNNING && rec.pause ? AgentStatus.CREATED : rec.known;
            known = known == null || taskView.ordinal() < known.ordinal() ? taskView : known;
        }
        Integer memory = td.memory() == null ? null : io.stowage.model.ecs.TaskSize.memoryMiB(td.memory());
        Integer cpu = td.cpu() == null ? null : io.stowage.model.ecs.TaskSize.cpuUnits(td.cpu());
        return new TaskMetadata(state, plan.family(), Integer.toString(plan.revision()), taskKnown(known),
                taskDesired, cpu == null || cpu == 0 ? null : cpu / 1024.0,
                memory == null || memory == 0 ? null : memory.longValue(), pullStartedAt, pullStoppedAt,
                executionStoppedAt, state.serviceName(), plan.networkMode(),
                plan.instanceAddress(),
                td.taskRoleArn(), td.executionRoleArn(), launch == null ? null : launch.credentialsId(), containers,
                plan.tags(), Map.of());
    }

    /** The agent's task status names; its PULLED prints as NONE (a gap in its string map, ecs-semantics §3.1). */
    private static String taskKnown(AgentStatus known) {
        if (known == null) {
            return "NONE";
        }
        return switch (known) {
            case NONE, PULLED -> "NONE";
            case RESOURCES_PROVISIONED -> "RUNNING";
            default -> known.name();
        };
    }

    private ContainerMetadata containerMetadata(ContainerRecord rec, String taskDesired) {
        String desired = rec.desiredStopped || "STOPPED".equals(taskDesired) ? "STOPPED" : rec.steady.name();
        String arn = "arn:aws:ecs:local:000000000000:container/" + plan.cluster() + "/" + plan.taskId() + "/"
                + java.util.UUID.nameUUIDFromBytes((plan.taskArn() + "/" + rec.name)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var def = rec.definition;
        return new ContainerMetadata(rec.name, launch == null ? null : launch.metadataIds().get(rec.name),
                rec.dockerId, dockerName(rec.name), rec.pause ? PauseImage.NAME : def.image(), null, rec.labels,
                desired, rec.known.name(), rec.exitCode, ContainerSpecMapper.cpuShares(def.cpu()),
                def.memory() == null ? 0 : def.memory(), rec.createdAt, rec.startedAt, rec.finishedAt,
                rec.cniPause() ? ContainerMetadata.CNI_PAUSE : rec.pause ? ContainerMetadata.NAMESPACE_PAUSE
                        : ContainerMetadata.NORMAL, rec.health, rec.healthSince,
                rec.bindings, List.of(), List.of(), null, Map.of(), arn,
                rec.restarts.enabled() ? rec.restarts.count() : null);
    }

    String subject() {
        String who = plan.group().startsWith(TaskState.SERVICE_GROUP_PREFIX)
                ? plan.group().substring(TaskState.SERVICE_GROUP_PREFIX.length()) : plan.family();
        return who + "/" + state.shortId();
    }

    private static String reasonOf(RuntimeException e, String errorName) {
        if (e instanceof TaskSetupException) {
            return e.getMessage();
        }
        return errorName + ": " + DockerErrors.message(e);
    }

    static HealthStatus health(String docker) {
        return switch (docker) {
            case "healthy" -> HealthStatus.HEALTHY;
            case "unhealthy" -> HealthStatus.UNHEALTHY;
            default -> HealthStatus.UNKNOWN;
        };
    }

    static List<NetworkBinding> bindings(InspectContainerResponse inspect) {
        List<NetworkBinding> out = new ArrayList<>();
        var settings = inspect.getNetworkSettings();
        if (settings == null || settings.getPorts() == null) {
            return out;
        }
        for (Map.Entry<com.github.dockerjava.api.model.ExposedPort, Ports.Binding[]> e
                : settings.getPorts().getBindings().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            for (Ports.Binding b : e.getValue()) {
                String ip = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
                if (ip.contains(":")) {
                    continue; // IPv6 bindings are left out, as ECS_EXCLUDE_IPV6_PORTBINDING does by default
                }
                out.add(new NetworkBinding(ip, e.getKey().getPort(), Integer.parseInt(b.getHostPortSpec()),
                        e.getKey().getProtocol().name().toLowerCase()));
            }
        }
        return out;
    }

    /** awsvpc: a container's ports are published on the pause container, at the task's own address. */
    private List<NetworkBinding> pauseBindings(ContainerRecord rec) {
        List<NetworkBinding> out = new ArrayList<>();
        for (var pm : rec.definition.portMappings()) {
            for (int port : ContainerSpecMapper.containerPorts(pm)) {
                out.add(new NetworkBinding(plan.hostIp() == null ? "0.0.0.0" : plan.hostIp(), port, port,
                        ContainerSpecMapper.protocol(pm.protocol()).name().toLowerCase()));
            }
        }
        return out;
    }
}
