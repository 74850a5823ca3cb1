package io.stowage.cli;

import io.stowage.engine.local.Counted;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop and remove everything a local run of the design made: its containers (each task's in "
                + "reverse dependency order with their stop timeouts), task-scoped volumes and network, found by "
                + "label (the design's identity, so a moved or renamed design's run is found). Shared volumes stay, "
                + "as ECS leaves them. A run the local agent holds (stowage up --detach) is ended by the agent, which "
                + "ends too when it holds no other run.",
                "Exit 0, 2 when the design cannot be read, 4 when no Docker engine answers."})
final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path designFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        return LocalDesign.run("down", designFile, spec.commandLine().getErr(), (local, engine) -> {
            // The agent holding the run ends it (and itself when it holds nothing else); whatever is left, or a
            // run no agent holds (the agent was killed), is removed by label as before.
            var byAgent = io.stowage.agent.supervisor.AgentClient.find().flatMap(a -> a.down(local.key()));
            var removed = engine.down(local.key(), local.design(), m -> { });
            if (byAgent.isPresent()) {
                removed = new io.stowage.engine.local.Removed(removed.containers() + byAgent.get().containers(),
                        removed.volumes() + byAgent.get().volumes(), removed.networks() + byAgent.get().networks());
            }
            if (local.hasOtherPathKey()) {
                // A run started before the design had its identity is keyed by the file's path.
                var before = engine.down(local.pathKey(), local.design(), m -> { });
                removed = new io.stowage.engine.local.Removed(removed.containers() + before.containers(),
                        removed.volumes() + before.volumes(), removed.networks() + before.networks());
            }
            out.println("removed " + Counted.of(removed.containers(), "container") + ", "
                    + Counted.of(removed.volumes(), "volume") + ", " + Counted.of(removed.networks(), "network"));
            out.flush();
            return Cli.OK;
        });
    }
}
