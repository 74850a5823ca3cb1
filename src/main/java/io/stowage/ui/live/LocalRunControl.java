package io.stowage.ui.live;

import io.stowage.agent.supervisor.AgentClient;
import io.stowage.agent.supervisor.RunRequest;
import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The design's run on the local Docker engine, from the desktop. Run hands the design, as the window shows it, to
 * the user's local agent ({@link AgentClient#handOverFollowing}, the agent started if none answers, as
 * {@code stowage up --detach} does), which holds and supervises the run from then on; the window follows the
 * agent's states (a stream read on a background job) until the agent lets the run go. Stop, Remove, a task's stop
 * and a service's scale ask the agent. Leaving the window leaves the run with the agent; a window that opens the
 * design later finds it there ({@link #attach}) and follows it. Every call runs as a background job; start, stop and
 * remove one at a time; stopping or removing while the run starts cancels the start, which has the agent stop what
 * had started, and then goes on.
 */
final class LocalRunControl {
    /** Start, stop and remove exclude each other. */
    static final TaskExecutor.Lane LOCAL = TaskExecutor.Lane.refusing("one local-run action at a time");
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunControl.class);
    private final LiveContext context;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    /** The start job while it runs (JavaFX thread). */
    private TaskExecutor.Running start;
    /** The job that reads the agent's states of the run while the window follows it (JavaFX thread). */
    private TaskExecutor.Running following;
    private volatile LocalEngine engine;
    private volatile String designKey;
    private volatile Design design;
    private volatile AgentClient agent;

    LocalRunControl(LiveContext context) {
        this.context = context;
    }

    /** Whether a run is started and not yet stopped. */
    ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** Whether the run is starting: a stop or remove now cancels the start first. */
    ReadOnlyBooleanProperty starting() {
        return starting.getReadOnlyProperty();
    }

    /** Whether there is (or was) a local run whose containers may be left. */
    boolean hasRun() {
        return designKey != null;
    }

    /** The agent that holds the run this window follows, in words ("the Stowage agent (pid 4242)"). */
    String keeper() {
        AgentClient holder = agent;
        return holder == null ? "the Stowage agent" : "the Stowage agent (pid " + holder.pid() + ")";
    }

    void start() {
        Design current = context.design().get();
        Path file = context.file().get();
        var accepted = context.jobs().task("Running " + current.name() + " locally", progress -> {
            String key = runKey(current, file);
            LocalEngine local = new LocalEngine(DockerConnection.fromEnvironment());
            engine = local;
            designKey = key;
            design = current;
            context.live().useLogSource(() -> new LocalLogSource(local, key));
            var request = RunRequest.ofDesign(file, DesignFormat.write(current), key,
                    String.valueOf(local.connection().host()), "the Stowage desktop (pid "
                            + ProcessHandle.current().pid() + ")" + (file == null ? "" : ", " + file));
            Map<String, TaskStatus> seen = new ConcurrentHashMap<>();
            RuntimeListener states = counting(context.live().listener(), seen, progress);
            AgentClient.Following handed;
            try {
                handed = AgentClient.handOverFollowing(request, line -> {
                    if (seen.isEmpty()) {
                        progress.report(line, -1);
                    }
                }, states);
            } catch (AgentClient.AgentException failed) {
                if (progress.cancelled()) {
                    stopStarted(key);
                    throw new InterruptedException("cancelled while the agent started the run");
                }
                throw failed;
            }
            agent = handed.agent();
            if (handed.started().error() != null) {
                if ("engine".equals(handed.started().errorKind())) {
                    throw new EngineUnavailableException(handed.started().error(), null);
                }
                throw new IllegalStateException(handed.started().error());
            }
            if (progress.cancelled()) {
                handed.close();
                stopStarted(key);
                throw new InterruptedException("cancelled");
            }
            return handed;
        }).in(LOCAL).onSuccess(handed -> {
            running.set(true);
            follow(handed);
        }).onFailure(failure -> {
            running.set(false);
            context.problem().show("The design could not run locally", explain(failure));
        }).onCancelled(() -> running.set(false)).start();
        accepted.ifPresent(job -> {
            start = job;
            starting.set(true);
            job.whenEnded(() -> {
                starting.set(false);
                start = null;
            });
            context.live().model().clear();
            running.set(true);
        });
    }

    /** Passes the states on, and says on the job how many of the tasks run while the run starts. */
    private static RuntimeListener counting(RuntimeListener to, Map<String, TaskStatus> seen,
                                            io.stowage.ui.common.JobProgress progress) {
        return new RuntimeListener() {
            @Override
            public void taskChanged(TaskState task) {
                to.taskChanged(task);
                seen.put(task.taskArn(), task.lastStatus());
                long up = seen.values().stream().filter(s -> s == TaskStatus.RUNNING).count();
                progress.report("Starting tasks: " + up + " of " + seen.size() + " RUNNING", -1);
            }

            @Override
            public void instanceChanged(InstanceState instance) {
                to.instanceChanged(instance);
            }

            @Override
            public void serviceChanged(ServiceState service) {
                to.serviceChanged(service);
            }

            @Override
            public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
                to.containerMetrics(taskArn, containerName, sample);
            }

            @Override
            public void event(ClusterEvent event) {
                to.event(event);
            }

            @Override
            public void engineLost(String reason) {
                to.engineLost(reason);
            }

            @Override
            public void engineBack() {
                to.engineBack();
            }
        };
    }

    /**
     * A cancelled start has the agent stop the tasks it started, and waits until they stopped (the cancel's interrupt
     * may arrive again meanwhile: it does not cut the wait short), so that whatever the user does next finds them
     * stopped.
     */
    private void stopStarted(String key) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Thread.interrupted();
            try {
                AgentClient.find().ifPresent(a -> a.stopRun(key));
                // The reading ended with the cancel: the tasks' last states are in the record the agent wrote.
                io.stowage.engine.local.RunRecord.read(key).ifPresent(record -> {
                    record.services().forEach(context.live().listener()::serviceChanged);
                    record.tasks().forEach(context.live().listener()::taskChanged);
                });
                return;
            } catch (AgentClient.AgentException interruptedAgain) {
                LOG.info("asking the agent to stop the cancelled run: {}", interruptedAgain.getMessage());
            }
        }
    }

    /** Reads the agent's states of the run into the live view until the agent lets the run go (JavaFX thread). */
    private void follow(AgentClient.Following handed) {
        agent = handed.agent();
        String key = designKey;
        var job = context.jobs().task("Following the local run", progress -> {
            String reason = handed.follow(context.live().listener());
            // What the agent recorded last (it writes the record before it lets a run go), in case a line was lost.
            io.stowage.engine.local.RunRecord.read(key).ifPresent(record ->
                    record.tasks().forEach(context.live().listener()::taskChanged));
            return reason;
        })
                .quiet().onSuccess(reason -> {
                    LOG.info("the agent let the run go: {}", reason);
                    running.set(false);
                }).onFailure(failure -> {
                    running.set(false);
                    context.live().listener().event(new ClusterEvent(Instant.now(), null, "agent",
                            failure.getMessage()));
                    context.problem().show("The Stowage agent has gone", failure.getMessage() + ".\nThe run's "
                            + "containers may still run: Run Locally starts the design afresh, Remove Local Run "
                            + "removes them.");
                }).onCancelled(handed::close).start();
        following = job.orElse(null);
        if (job.isEmpty()) {
            handed.close();
        }
    }

    /**
     * A window that opens the design while the agent holds its run (the window closed with Leave Running, a
     * {@code stowage up --detach}) follows that run: the live view shows its tasks and Stop stops it.
     * {@code attached} runs (JavaFX thread) when it does.
     */
    void attach(Runnable attached) {
        Design current = context.design().get();
        Path file = context.file().get();
        if (file == null || running.get() || start != null) {
            return;
        }
        context.jobs().task("Looking for the design's run in the Stowage agent", progress -> {
            String key = runKey(current, file);
            Optional<AgentClient> found = AgentClient.find();
            if (found.isEmpty()) {
                return Optional.<Attached>empty();
            }
            return found.get().follow(key).map(f -> new Attached(key, f,
                    new LocalEngine(DockerConnection.fromEnvironment())));
        }).quiet().onSuccess(found -> found.ifPresent(at -> {
            if (running.get() || start != null) {
                at.following().close();
                return;
            }
            engine = at.engine();
            designKey = at.key();
            design = current;
            context.live().useLogSource(() -> new LocalLogSource(at.engine(), at.key()));
            context.live().model().clear();
            running.set(true);
            attached.run();
            follow(at.following());
        })).onFailure(failure -> LOG.info("no run of the design found in the agent: {}", failure.getMessage()))
                .start();
    }

    private record Attached(String key, AgentClient.Following following, LocalEngine engine) {
    }

    /** The window closes and leaves the run to the agent: it stops following it. */
    void leave() {
        TaskExecutor.Running reading = following;
        if (reading != null) {
            reading.cancel();
        }
        following = null;
    }

    /** Stops every task in reverse dependency order; the containers stay, with their logs, until removed. */
    void stop() {
        stop(() -> { });
    }

    /**
     * Has the agent stop the run as {@link #stop()} says and let it go, then runs {@code after} (on the FX thread)
     * once it has stopped.
     */
    void stop(Runnable after) {
        if (start != null && !start.ended()) {
            TaskExecutor.Running starting = start;
            starting.cancel();
            starting.whenEnded(() -> stop(after));
            return;
        }
        String key = designKey;
        if (key == null || !running.get()) {
            running.set(false);
            after.run();
            return;
        }
        context.jobs().task("Stopping the local run", progress -> {
            AgentClient holder = agent;
            Optional<AgentClient> found = holder != null && ProcessHandle.of(holder.pid())
                    .map(ProcessHandle::isAlive).orElse(false) ? Optional.of(holder) : AgentClient.find();
            found.ifPresent(a -> a.stopRun(key));
            return null;
        }).in(LOCAL).refusedAs("Cannot stop the local run now").onSuccess(done -> {
            // The reading goes on until the agent's last line: the tasks' final states come before it.
            running.set(false);
            after.run();
        }).onFailure(failure -> context.problem().show("The local run did not stop", explain(failure))).start();
    }

    /**
     * Removes every container, task-scoped volume and network the design's run made (the agent ends the run it
     * holds, as {@code stowage down} has it do; what is left is removed by label), then runs {@code after}.
     */
    void remove(Runnable after) {
        if (start != null && !start.ended()) {
            TaskExecutor.Running starting = start;
            starting.cancel();
            starting.whenEnded(() -> remove(after));
            return;
        }
        LocalEngine local = engine;
        String key = designKey;
        Design removed = design;
        if (local == null || key == null) {
            return;
        }
        context.jobs().task("Removing the local run", progress -> {
            AgentClient.find().ifPresent(a -> a.down(key));
            return local.down(key, removed, message -> progress.report(message, -1));
        }).in(LOCAL).refusedAs("Cannot remove the local run now").onSuccess(done -> {
            leave();
            running.set(false);
            context.live().model().clear();
            after.run();
        }).onFailure(failure -> context.problem().show("The local run could not be removed", explain(failure)))
                .start();
    }

    void stopTask(TaskState task) {
        String key = designKey;
        if (key == null || !running.get()) {
            return;
        }
        context.jobs().task("Stopping task " + task.shortId(), progress ->
                held().map(a -> a.stopTask(key, task.taskArn(), "Task stopped by user")).orElse(false))
                .quiet().start();
    }

    /** Sets a running service's desired count; false when the service is not part of this run. */
    boolean scale(TaskState task, int desiredCount) {
        String key = designKey;
        Design running = design;
        if (key == null || running == null || task.serviceName() == null || !this.running.get()) {
            return false;
        }
        for (Cluster cluster : running.clusters()) {
            if (!cluster.name().equals(task.cluster())) {
                continue;
            }
            for (Service service : cluster.services()) {
                if (task.serviceName().equals(service.serviceName())) {
                    context.jobs().task("Scaling service " + service.serviceName(), progress ->
                            held().map(a -> a.scale(key, cluster.id(), service.id(), desiredCount)).orElse(false))
                            .quiet().start();
                    return true;
                }
            }
        }
        return false;
    }

    /** The agent that holds the run, if it still answers (background thread). */
    private Optional<AgentClient> held() {
        AgentClient holder = agent;
        if (holder != null && ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of(holder);
        }
        return AgentClient.find();
    }

    /** The command that opens a shell in a local container, for the clipboard. */
    static String execCommand(TaskState task, ContainerState container) {
        String id = container.runtimeId() == null ? "<container id>" : container.runtimeId().substring(0,
                Math.min(12, container.runtimeId().length()));
        return "docker exec -it " + id + " sh";
    }

    /**
     * The key this run is labelled by: the one {@code stowage ps/down FILE} finds it by. That is the design's
     * identity once the file holds it; a file from before identities (whose identity the desktop gave it is not
     * saved yet) keys by its path, which {@code stowage down} also looks under after the next save.
     */
    static String runKey(Design current, Path file) {
        if (file == null) {
            return LocalEngine.designKey(current, Path.of(current.name() + DesignFormat.EXTENSION));
        }
        try {
            Design onDisk = DesignFormat.read(file).design();
            if (onDisk.id() != null && onDisk.id().equals(current.id())) {
                return LocalEngine.designKey(current, file);
            }
            return LocalEngine.designKey(onDisk.name(), file);
        } catch (UnreadableFileException notADesignFile) {
            // Task-definition files opened as a design: nothing on the command line finds their run.
            return LocalEngine.designKey(current, file);
        }
    }

    static String explain(Exception failure) {
        if (failure instanceof EngineUnavailableException) {
            return failure.getMessage() + ".\nStart Docker (or set DOCKER_HOST to the engine's address), then run again.";
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
