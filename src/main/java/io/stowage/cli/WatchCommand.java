package io.stowage.cli;

import io.stowage.engine.ecs.EcsEngine;
import io.stowage.engine.ecs.EcsWatcher;
import io.stowage.engine.watch.RuntimeStore;
import io.stowage.format.runtime.DescribeTasksJson;
import io.stowage.model.json.JsonText;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Watch an ECS cluster: its tasks, container instances and services, as their agents and the"
                + " scheduler report them.",
                "It looks every 2 s while things change and backs off to 30 s while they do not; AWS throttling is"
                        + " met with the SDK's backoff. Stopped tasks keep their stopped reason, stop code and exit"
                        + " codes.",
                "Text: with --once a table of tasks, instances and services; without, one line per event"
                        + " (TIME SUBJECT MESSAGE) until Ctrl-C.",
                "JSON (--json): the shape of aws ecs describe-tasks ({\"tasks\": [...]}) plus \"containerInstances\""
                        + " and \"services\"; without --once, one such document per line after each look that saw a"
                        + " change.",
                "Exit 0, or 1 when the cluster cannot be read."})
final class WatchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The cluster to watch.")
    String cluster;

    @Option(names = "--json", description = "Print JSON in the DescribeTasks shape.")
    boolean json;

    @Option(names = "--once", description = "Look once, print, and exit.")
    boolean once;

    @Mixin
    EcsOptions ecs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EcsEngine engine = new EcsEngine(ecs.settings())) {
            return EcsProblems.run(err, () -> once ? lookOnce(engine, out) : follow(engine, out, err));
        }
    }

    private int lookOnce(EcsEngine engine, PrintWriter out) {
        RuntimeStore store = new RuntimeStore();
        engine.watcher(cluster, store, EcsWatcher.Options.DEFAULTS).refresh();
        if (json) {
            out.print(DescribeTasksJson.write(store.snapshot()));
        } else {
            table(store.snapshot(), out);
        }
        out.flush();
        return Cli.OK;
    }

    private int follow(EcsEngine engine, PrintWriter out, PrintWriter err) {
        RuntimeStore store = new RuntimeStore();
        CountDownLatch stopped = new CountDownLatch(1);
        EcsWatcher watcher = engine.watcher(cluster, store, EcsWatcher.Options.DEFAULTS);
        if (json) {
            watcher.afterEachLook(look -> {
                if (look.changes() > 0) {
                    out.println(JsonText.compact(DescribeTasksJson.of(store.snapshot())));
                    out.flush();
                }
            });
        } else {
            store.subscribe(new EventLines(out, err));
        }
        Thread onInterrupt = new Thread(() -> {
            watcher.stop();
            stopped.countDown();
        }, "stowage-watch-stop");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        watcher.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watcher.stop();
        }
        return Cli.OK;
    }

    static void table(RuntimeSnapshot s, PrintWriter out) {
        out.printf("%-10s %-22s %-14s %-8s %-20s %-12s %s%n", "TASK", "TASK DEFINITION", "STATUS", "DESIRED",
                "INSTANCE", "ZONE", "STOPPED");
        for (TaskState t : s.taskList()) {
            String stopped = t.isStopped() ? (t.stopCode() == null ? "" : t.stopCode() + ": ")
                    + (t.stoppedReason() == null ? "" : t.stoppedReason()) + exitCodes(t) : "";
            out.printf("%-10s %-22s %-14s %-8s %-20s %-12s %s%n", t.shortId(), t.family() + ":" + t.revision(),
                    t.lastStatus(), t.desiredStatus() == null ? "" : t.desiredStatus(),
                    t.instanceId() == null ? (t.launchType() == null ? "" : t.launchType()) : t.instanceId(),
                    t.availabilityZone() == null ? "" : t.availabilityZone(), stopped.strip());
        }
        out.println();
        out.printf("%-20s %-10s %-6s %-8s %-8s %-16s %s%n", "INSTANCE", "STATUS", "AGENT", "RUNNING", "PENDING",
                "CPU FREE", "MEMORY FREE (MiB)");
        for (InstanceState i : s.instances().values()) {
            out.printf("%-20s %-10s %-6s %-8d %-8d %-16s %s%n", i.instanceId(), i.status(),
                    i.agentConnected() ? "up" : "down", i.runningTasksCount(), i.pendingTasksCount(),
                    i.remainingCpu() + "/" + i.registeredCpu(), i.remainingMemoryMiB() + "/" + i.registeredMemoryMiB());
        }
        out.println();
        out.printf("%-24s %-8s %-8s %-8s %-8s %s%n", "SERVICE", "STATUS", "DESIRED", "RUNNING", "PENDING",
                "TASK DEFINITION");
        for (ServiceState v : s.services().values()) {
            String td = v.taskDefinitionArn() == null ? "" : v.taskDefinitionArn().replaceAll(".*/", "");
            out.printf("%-24s %-8s %-8d %-8d %-8d %s%n", v.serviceName(), v.status(), v.desiredCount(),
                    v.runningCount(), v.pendingCount(), td);
        }
    }

    private static String exitCodes(TaskState t) {
        StringBuilder codes = new StringBuilder();
        t.containers().forEach(c -> {
            if (c.exitCode() != null) {
                codes.append(codes.length() == 0 ? " (exit " : ", ").append(c.name()).append('=').append(c.exitCode());
            }
        });
        return codes.length() == 0 ? "" : codes.append(')').toString();
    }

    /** One line per event, and one when the endpoint is lost or back. */
    private record EventLines(PrintWriter out, PrintWriter err) implements RuntimeListener {
        @Override
        public void event(ClusterEvent e) {
            out.println(TIME.format(e.at()) + "  " + (e.subject() == null ? "" : e.subject() + "  ") + e.message());
            out.flush();
        }

        @Override
        public void engineLost(String reason) {
            err.println("stowage: " + reason + "; still trying");
            err.flush();
        }

        @Override
        public void engineBack() {
            err.println("stowage: ECS answers again");
            err.flush();
        }
    }
}
