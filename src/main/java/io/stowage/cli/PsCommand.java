package io.stowage.cli;

import io.stowage.engine.local.RunLock;
import io.stowage.format.runtime.DescribeTasksJson;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.TaskState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List the tasks a local run of the design has on the Docker engine.",
                "Text: one line per task (TASK GROUP STATUS HEALTH INSTANCE CONTAINERS PORTS). JSON (--json): the "
                        + "shape of ECS DescribeTasks ({\"tasks\":[...]}), so the same jq filters work on both.",
                "When the process that kept the run (the local agent, a foreground up) was killed, the local agent "
                        + "is started (if none runs) and takes the run over: its tasks are rebuilt from the run's record "
                        + "and Docker's labels, no container is made again, and a line on standard error says so. When "
                        + "it cannot, a warning says that nothing supervises its tasks any more.",
                "Exit 0, 2 when the design cannot be read, 4 when no Docker engine answers."})
final class PsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print ECS DescribeTasks-shaped JSON.")
    boolean json;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path designFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        return LocalDesign.run("ps", designFile, spec.commandLine().getErr(), (local, engine) -> {
            // A run whose keeper was killed is handed to the agent, which takes it over, before it is shown.
            var keeper = Unsupervised.keeper(local, engine);
            if (keeper.isPresent()) {
                Unsupervised.adopt("ps", local, engine, keeper.getAsLong(), spec.commandLine().getErr());
            }
            var snapshot = engine.ps(local.key(), local.design());
            if (snapshot.taskList().isEmpty() && local.hasOtherPathKey()) {
                snapshot = engine.ps(local.pathKey(), local.design());
            }
            print(snapshot, out);
            warnWhenUnsupervised(local, snapshot, spec.commandLine().getErr());
            return Cli.OK;
        });
    }

    /**
     * Tasks that still run while the process that kept their run (the agent, a foreground up) is gone, killed: said
     * on standard error, so that {@code ps --json} stays JSON. Nothing stops or replaces them any more.
     */
    private void warnWhenUnsupervised(LocalDesign local, RuntimeSnapshot snapshot, PrintWriter err) {
        var record = io.stowage.engine.local.RunRecord.read(local.key());
        boolean live = snapshot.taskList().stream().anyMatch(t -> !t.isStopped());
        if (record.isEmpty() || !live || ProcessHandle.of(record.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        if (RunLock.holder(local.key()).isPresent()) {
            return;
        }
        err.println("stowage ps: warning: nothing supervises this run any more: the process that kept it (pid "
                + record.get().pid() + ") has ended without taking it down; its containers run on, but no essential "
                + "exit stops a task, no service replaces one and no endpoint answers them; stowage down " + designFile
                + " removes them, stowage up --detach " + designFile + " starts the design afresh");
        err.flush();
    }

    private void print(RuntimeSnapshot snapshot, PrintWriter out) {
        if (json) {
            out.print(DescribeTasksJson.write(snapshot));
        } else {
            out.println(String.format("%-10s %-20s %-9s %-9s %-8s %s", "TASK", "GROUP", "STATUS", "HEALTH",
                    "INSTANCE", "CONTAINERS  PORTS"));
            for (TaskState t : snapshot.taskList()) {
                List<String> containers = new ArrayList<>();
                List<String> ports = new ArrayList<>();
                for (ContainerState c : t.containers()) {
                    containers.add(c.name() + ":" + c.lastStatus()
                            + (c.exitCode() != null ? "(" + c.exitCode() + ")" : ""));
                    for (NetworkBinding b : c.networkBindings()) {
                        ports.add(b.bindIp() + ":" + b.hostPort() + "->" + b.containerPort() + "/" + b.protocol());
                    }
                }
                out.println(String.format("%-10s %-20s %-9s %-9s %-8s %s  %s", t.shortId(), t.group(), t.lastStatus(),
                        t.healthStatus() == null ? "-" : t.healthStatus(), t.instanceId() == null ? "-" : t.instanceId(),
                        String.join(",", containers), String.join(",", ports)));
            }
        }
        out.flush();
    }
}
