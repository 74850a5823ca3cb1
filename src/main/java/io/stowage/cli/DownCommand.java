package io.stowage.cli;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.format.UnreadableFileException;
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
                + "label. Shared volumes stay, as ECS leaves them.",
                "Exit 0, 2 when the design cannot be read, 4 when no Docker engine answers."})
final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DESIGN", arity = "1", description = "A *.stowage.json design.")
    Path designFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDesign local;
        try {
            local = LocalDesign.load(designFile);
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            err.flush();
            return Cli.UNUSABLE_INPUT;
        }
        try {
            var removed = LocalDesign.engine().down(local.key(), local.design(), m -> { });
            out.println("removed " + removed.containers() + " containers, " + removed.volumes() + " volumes, "
                    + removed.networks() + " networks");
        } catch (EngineUnavailableException e) {
            err.println("stowage down: " + e.getMessage());
            err.flush();
            return UpCommand.NO_ENGINE;
        }
        out.flush();
        return Cli.OK;
    }
}
