package io.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Make a design from task-definition files that runs as it is: one cluster 'default',",
                "each task definition a service of desired count 1, and capacity that fits them."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DESIGN", required = true,
            description = "The design file to write (*.stowage.json).")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Task-definition JSON files.")
    List<Path> files;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("import: not wired yet");
        return Cli.UNUSABLE_INPUT;
    }
}
