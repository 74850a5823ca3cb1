package io.stowage.cli;

import io.stowage.agent.endpoints.AgentEndpoints;
import io.stowage.agent.supervisor.AgentClient;
import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.LocalRunSetup;
import io.stowage.engine.local.Counted;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.PullBehavior;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RunLock;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run a design on the local Docker engine the way ECS and its agent would.",
                "Tasks are placed on the design's instances (each emulated with its own capacity and loopback "
                        + "address), containers start in dependsOn order, services keep their desired count.",
                "In the foreground every task state change is printed (12:00:01 web/3f2a9c1d RUNNING), and this "
                        + "process is the run's ECS agent: its containers get the task metadata endpoint and their "
                        + "task roles' credentials at 169.254.170.2, and secrets and ECR images are read with each "
                        + "task's execution role (roles assumed with STS as the AWS SDK is configured: AWS_PROFILE, "
                        + "AWS_REGION, AWS_ENDPOINT_URL...). Ctrl-C or SIGTERM stops the tasks and removes what the "
                        + "run made. With --detach the run is handed to the user's local agent (stowage agent, "
                        + "started when none runs), which supervises it and serves those endpoints from then on, "
                        + "as this process would; up returns once every task is RUNNING (or stopped), and stowage "
                        + "down ends the run.",
                "One run per design at a time: while a run of the design is kept (a foreground up, the agent "
                        + "holding a detached run, the desktop), another up of it is refused, naming the process that keeps it.",
                "Exit 0 when every task reached RUNNING, 1 when some stopped or could not start (or the design "
                        + "already runs), 2 when the design "
                        + "cannot be read, 4 when no Docker engine answers."})
final class UpCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--detach"}, description = "Hand the run to the local agent and return once the tasks run.")
    boolean detach;

    @Option(names = "--pull", paramLabel = "BEHAVIOR", defaultValue = "default",
            description = "Image pull behaviour as the agent's ECS_IMAGE_PULL_BEHAVIOR: default, always, once, "
                    + "prefer-cached (default: ${DEFAULT-VALUE}).")
    String pull;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "Secret values by valueFrom (default: DESIGN's name with .secrets.json, if present).")
    Path secrets;

    @Option(names = "--publish-all", description = "Publish host ports on all interfaces, not instance addresses.")
    boolean publishAll;

    @Option(names = "--instance-addresses", paramLabel = "A.B.C", defaultValue = "127.0.1",
            description = "Loopback block of the emulated instances: the Nth gets A.B.C.N (default ${DEFAULT-VALUE}).")
    String instanceBase;

    @Option(names = "--task-addresses", paramLabel = "A.B.C", defaultValue = "127.0.2",
            description = "Loopback block of awsvpc tasks (default ${DEFAULT-VALUE}).")
    String taskBase;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path designFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDesign local;
        PullBehavior behavior;
        try {
            local = LocalDesign.load(designFile);
            behavior = PullBehavior.parse(pull);
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("stowage up: --pull must be default, always, once or prefer-cached, not " + pull);
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        try {
            // A run of this design whose keeper was killed is taken over by the agent, not started afresh over it.
            LocalEngine forCheck = LocalDesign.engine();
            var keeper = Unsupervised.keeper(local, forCheck);
            if (keeper.isPresent() && Unsupervised.adopt("up", local, forCheck, keeper.getAsLong(), err)) {
                if (detach) {
                    out.println("the agent keeps the design's run; stowage ps " + designFile + " shows it, stowage down "
                            + designFile + " removes it");
                    out.flush();
                    return Cli.OK;
                }
                err.println("stowage up: " + designFile + ": the design's run is kept by the Stowage agent (detached); "
                        + "stowage down " + designFile + " ends it, then up runs it in the foreground");
                err.flush();
                return Cli.FINDINGS;
            }
        } catch (EngineUnavailableException e) {
            err.println("stowage up: " + e.getMessage());
            err.flush();
            return Cli.NO_ENGINE;
        }
        if (detach) {
            return handToTheAgent(local, out, err);
        }
        LocalEngine engine = LocalDesign.engine();
        Map<String, TaskStatus> seen = new ConcurrentHashMap<>();
        CompletableFuture<Void> nothingLeft = new CompletableFuture<>();
        RuntimeListener printer = new RuntimeListener() {
            @Override
            public void taskChanged(TaskState t) {
                if (seen.put(t.taskArn(), t.lastStatus()) != t.lastStatus()) {
                    String who = t.serviceName() != null ? t.serviceName() : t.family();
                    String line = LocalTime.now().format(CLOCK) + " " + who + "/" + t.shortId() + " " + t.lastStatus()
                            + (t.isStopped() && t.stoppedReason() != null ? " (" + t.stoppedReason() + ")" : "");
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            }

            @Override
            public void event(ClusterEvent e) {
                synchronized (out) {
                    out.println(LocalTime.now().format(CLOCK) + " " + (e.subject() == null ? "" : e.subject() + ": ")
                            + e.message());
                    out.flush();
                }
            }

            @Override
            public void engineLost(String reason) {
                event(new ClusterEvent(java.time.Instant.now(), null, "engine", "lost: " + reason));
            }

            @Override
            public void engineBack() {
                event(new ClusterEvent(java.time.Instant.now(), null, "engine", "back"));
            }
        };
        LocalRun run;
        // In the foreground this process is the agent: it serves the task metadata endpoint and task-role
        // credentials for as long as it runs (a detached run is handed to the user's agent process instead).
        Served served = Served.start();
        RunLock.describeThisProcess("stowage up " + designFile);
        try {
            if (local.hasOtherPathKey()) {
                removeRunFromBeforeTheIdentity(local, engine, out);
            }
            var options = local.options(behavior, secrets, publishAll, instanceBase, taskBase, served.endpoints(),
                    served.roles());
            run = engine.up(local.design(), local.key(), options, printer, m -> {
                synchronized (out) {
                    out.println(LocalTime.now().format(CLOCK) + " " + m);
                    out.flush();
                }
            });
        } catch (EngineUnavailableException e) {
            closeQuietly(served);
            err.println("stowage up: " + e.getMessage());
            err.flush();
            return Cli.NO_ENGINE;
        } catch (IllegalArgumentException e) {
            closeQuietly(served);
            err.println("stowage up: " + e.getMessage());
            err.flush();
            return Cli.UNUSABLE_INPUT;
        } catch (RunLock.RunLockedException | java.io.UncheckedIOException e) {
            // One run per design: a second up would share (and break) the first one's network and containers.
            closeQuietly(served);
            err.println("stowage up: " + designFile + ": " + e.getMessage());
            err.flush();
            return Cli.FINDINGS;
        }
        try {
            return follow(run, local, engine, out, nothingLeft);
        } finally {
            closeQuietly(served);
        }
    }

    /**
     * {@code up --detach}: the run is handed to the user's agent (started if none answers), which holds and
     * supervises it from now on; what it prints while the run starts is printed here, then the summary.
     */
    private int handToTheAgent(LocalDesign local, PrintWriter out, PrintWriter err) {
        try {
            if (local.hasOtherPathKey()) {
                removeRunFromBeforeTheIdentity(local, LocalDesign.engine(), out);
            }
            var request = io.stowage.agent.supervisor.RunRequest.of(designFile, pull, secrets, publishAll,
                    instanceBase, taskBase, LocalDesign.engine().connection().host().toString(),
                    "stowage up --detach " + designFile);
            AgentClient.Started started = AgentClient.handOver(request, line -> {
                out.println(line);
                out.flush();
            });
            if (started.error() != null) {
                err.println("stowage up: " + ("locked".equals(started.errorKind()) ? designFile + ": " : "")
                        + started.error());
                err.flush();
                return started.exitCode();
            }
            out.println(started.summary() + "; stowage ps " + designFile + " shows them, stowage down " + designFile
                    + " removes them");
            out.flush();
            return started.exitCode();
        } catch (EngineUnavailableException e) {
            err.println("stowage up: " + e.getMessage());
            err.flush();
            return Cli.NO_ENGINE;
        } catch (RunLock.RunLockedException e) {
            err.println("stowage up: " + designFile + ": " + e.getMessage());
            err.flush();
            return Cli.FINDINGS;
        } catch (AgentClient.AgentException e) {
            err.println("stowage up: " + e.getMessage());
            err.flush();
            return Cli.FINDINGS;
        }
    }

    /**
     * A run of this design started before it had its identity (keyed by the file's path) is its earlier run: taken
     * down as {@code up} takes down any earlier run, unless something still keeps it (then up is refused).
     */
    private static void removeRunFromBeforeTheIdentity(LocalDesign local, LocalEngine engine, PrintWriter out) {
        var keeper = RunLock.holder(local.pathKey());
        if (keeper.isPresent()) {
            throw new RunLock.RunLockedException(local.pathKey(), keeper.get());
        }
        var removed = engine.down(local.pathKey(), local.design(), m -> { });
        if (removed.containers() > 0) {
            synchronized (out) {
                out.println(LocalTime.now().format(CLOCK) + " removed " + removed.containers()
                        + " containers of this design's run from before it had an identity");
                out.flush();
            }
        }
    }

    /** The agent's endpoints and what assumes the roles they serve, for a foreground run. */
    private record Served(AgentEndpoints endpoints, RoleAssumer roles) implements AutoCloseable {
        static Served start() {
            RoleAssumer roles = LocalRunSetup.roles();
            try {
                return new Served(AgentEndpoints.start(roles, AgentEndpoints.Settings.defaults()), roles);
            } catch (RuntimeException e) {
                close(roles);
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                endpoints.close();
            } finally {
                close(roles);
            }
        }

        private static void close(RoleAssumer roles) {
            if (roles instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // Its client holds nothing that outlives the process.
                }
            }
        }
    }

    private static void closeQuietly(Served served) {
        if (served != null) {
            try {
                served.close();
            } catch (RuntimeException ignored) {
                // Leaving anyway; its shutdown hook removes what it added.
            }
        }
    }

    private int follow(LocalRun run, LocalDesign local, LocalEngine engine, PrintWriter out,
                       CompletableFuture<Void> nothingLeft) throws Exception {
        Thread hook = new Thread(() -> {
            synchronized (out) {
                out.println(LocalTime.now().format(CLOCK) + " stopping (Ctrl-C again is ignored; stopping waits for "
                        + "each container's stop timeout)");
                out.flush();
            }
            try {
                run.stopAll("Task stopped by user").get(10, TimeUnit.MINUTES);
            } catch (Exception ignored) {
                // Removal below takes down whatever is left.
            }
            // Removed before the run (and its lock) is let go, so that a next up never loses what it starts.
            engine.down(local.key(), local.design(), m -> { });
            run.close();
            synchronized (out) {
                out.println(LocalTime.now().format(CLOCK) + " removed the design's containers, volumes and network");
                out.flush();
            }
            nothingLeft.complete(null);
        }, "stowage-up-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // Ends when stopped (Ctrl-C, stowage down), or when nothing is left to run: every task stopped and no
        // service wants one (a design of one-off tasks); their containers stay for stowage logs.
        CompletableFuture<Void> allDone = new CompletableFuture<>();
        run.whenStarted().thenRun(() -> watchForTheEnd(run, allDone));
        CompletableFuture.anyOf(run.whenStopped(), allDone).get();
        if (!removeHook(hook)) {
            // Ctrl-C or SIGTERM: the hook is stopping the run; the JVM ends once it has.
            nothingLeft.get();
            return Cli.OK;
        }
        if (allDone.isDone() && !run.whenStopped().isDone()) {
            run.close();
            out.println(LocalTime.now().format(CLOCK) + " every task has stopped; stowage logs " + designFile
                    + " CONTAINER shows what they printed, stowage down " + designFile + " removes them");
            out.flush();
            return Cli.OK;
        }
        // Taken down from elsewhere (stowage down): nothing is left to stop.
        run.close();
        return Cli.OK;
    }

    /**
     * Removes the stop hook, or says that it cannot be removed because the JVM is already shutting down (a
     * Ctrl-C or SIGTERM came while the run was followed): then the hook is the one stopping the run.
     */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shutdownInProgress) {
            return false;
        }
    }

    /**
     * What a detached up leaves, as it is: "2 tasks running, 1 stopped (web/3f2a9c1d: Essential container in task
     * exited)"; a task that stopped is not counted as started.
     */
    static String summary(java.util.List<TaskState> tasks) {
        return io.stowage.agent.supervisor.LocalAgent.summary(tasks);
    }

    private static void watchForTheEnd(LocalRun run, CompletableFuture<Void> allDone) {
        Runnable check = () -> {
            var snapshot = run.snapshot();
            boolean tasksDone = snapshot.taskList().stream().allMatch(TaskState::isStopped);
            boolean servicesIdle = snapshot.services().values().stream().allMatch(s -> s.desiredCount() == 0);
            if (tasksDone && servicesIdle) {
                allDone.complete(null);
            }
        };
        run.onChange(check);
        check.run();
    }
}
