package io.stowage.ui.live;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.PullBehavior;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The design's run on the local Docker engine, from the desktop: start it (the job ends once every task is
 * RUNNING or STOPPED), stop it (tasks stop as ECS stops them, their containers and logs stay), remove it, and
 * act on one task or service while it runs. Every Docker call runs as a background job, one of them at a time;
 * stopping or removing while the run starts cancels the start, which stops what had started, and then goes on.
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
    private volatile LocalEngine engine;
    private volatile LocalRun run;
    private volatile String designKey;
    private volatile Design design;

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

    void start() {
        Design current = context.design().get();
        Path file = context.file().get();
        var accepted = context.jobs().task("Running " + current.name() + " locally", progress -> {
            String key = runKey(current, file);
            LocalEngine local = new LocalEngine(DockerConnection.fromEnvironment());
            var options = LocalRunSetup.options(file, PullBehavior.DEFAULT, null, false, "127.0.1", "127.0.2");
            LocalRun started = local.up(current, key, options, context.live().listener(),
                    message -> progress.report(message, -1));
            engine = local;
            run = started;
            designKey = key;
            design = current;
            context.live().useLogSource(() -> new LocalLogSource(local, key));
            try {
                if (progress.cancelled()) {
                    throw new InterruptedException("cancelled while the engine started the run");
                }
                while (true) {
                    try {
                        started.whenStarted().get(200, TimeUnit.MILLISECONDS);
                        return started;
                    } catch (TimeoutException notYet) {
                        if (progress.cancelled()) {
                            throw new InterruptedException();
                        }
                        long up = started.snapshot().tasks().values().stream()
                                .filter(t -> t.lastStatus().name().equals("RUNNING")).count();
                        progress.report("Starting tasks: " + up + " of " + started.snapshot().tasks().size()
                                + " RUNNING", -1);
                    }
                }
            } catch (InterruptedException cancelled) {
                progress.report("Stopping what started", -1);
                stopStarted(started);
                throw cancelled;
            }
        }).in(LOCAL).onSuccess(started -> running.set(true)).onFailure(failure -> {
            running.set(run != null);
            context.problem().show("The design could not run locally", explain(failure));
        }).onCancelled(() -> running.set(run != null)).start();
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

    /**
     * A cancelled start stops the tasks it started, and waits until they stopped (a cancel's interrupt may still
     * arrive meanwhile: it does not cut the wait short), so that whatever the user does next finds them stopped.
     */
    private void stopStarted(LocalRun started) {
        Future<Void> stopping = started.stopAll("Run cancelled by the user");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (true) {
                try {
                    stopping.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException interruptedAgain) {
                    // The cancel that brought us here; go on waiting.
                } catch (ExecutionException | TimeoutException notStopped) {
                    LOG.warn("the cancelled run's tasks did not all stop", notStopped);
                    break;
                }
            }
        } finally {
            started.close();
            run = null;
        }
    }

    /** Stops every task in reverse dependency order; the containers stay, with their logs, until removed. */
    void stop() {
        stop(() -> { });
    }

    /** Stops the run as {@link #stop()} does, then runs {@code after} (on the FX thread) once it has stopped. */
    void stop(Runnable after) {
        if (start != null && !start.ended()) {
            TaskExecutor.Running starting = start;
            starting.cancel();
            starting.whenEnded(() -> stop(after));
            return;
        }
        LocalRun current = run;
        if (current == null) {
            running.set(false);
            after.run();
            return;
        }
        context.jobs().task("Stopping the local run", progress -> {
            current.stopAll("Task stopped by user").get();
            current.close();
            return null;
        }).in(LOCAL).refusedAs("Cannot stop the local run now").onSuccess(done -> {
            running.set(false);
            after.run();
        }).onFailure(failure -> context.problem().show("The local run did not stop", explain(failure))).start();
    }

    /** Removes every container, task-scoped volume and network the design's run made, then runs {@code after}. */
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
        LocalRun current = run;
        context.jobs().task("Removing the local run", progress -> {
            if (current != null) {
                current.stopAll("Task stopped by user").get();
                current.close();
            }
            return local.down(key, removed, message -> progress.report(message, -1));
        }).in(LOCAL).refusedAs("Cannot remove the local run now").onSuccess(done -> {
            running.set(false);
            run = null;
            context.live().model().clear();
            after.run();
        }).onFailure(failure -> context.problem().show("The local run could not be removed", explain(failure)))
                .start();
    }

    void stopTask(TaskState task) {
        LocalRun current = run;
        if (current != null) {
            current.stopTask(task.taskArn());
        }
    }

    /** Sets a running service's desired count; false when the service is not part of this run. */
    boolean scale(TaskState task, int desiredCount) {
        LocalRun current = run;
        Design running = design;
        if (current == null || running == null || task.serviceName() == null) {
            return false;
        }
        for (Cluster cluster : running.clusters()) {
            if (!cluster.name().equals(task.cluster())) {
                continue;
            }
            for (Service service : cluster.services()) {
                if (task.serviceName().equals(service.serviceName())) {
                    current.scale(cluster.id(), service.id(), desiredCount);
                    return true;
                }
            }
        }
        return false;
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
