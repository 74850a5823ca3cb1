package io.stowage.cli;

import io.stowage.format.FileWriteException;
import io.stowage.format.OutputChecks;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.DesignNote;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.ecs.TaskDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Make a design from task-definition files or compose files that runs as it is.",
                "One cluster 'default', each task definition a service of desired count 1, and capacity that",
                "fits them (EC2 instances sized to fit, or Fargate where a task definition requires it).",
                "Compose services become a task definition and a service each (see docs/compose.md), and",
                "what does not map is listed item by item.",
                "Prints what it assumed. Nothing is written when a file cannot be read (exit 2)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "DESIGN", required = true,
            description = "The design file to write (*.stowage.json).")
    Path output;

    @Option(names = "--name", description = "The design's name (default: the output file's name).")
    String name;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Task-definition JSON files, or compose files (*.yml, *.yaml; several merge in order).")
    List<Path> files;

    @Option(names = "--ecs-cluster", paramLabel = "NAME",
            description = "Read this running ECS cluster instead of files (with --region, --profile, --endpoint-url).")
    String ecsCluster;

    @picocli.CommandLine.Mixin
    EcsOptions ecs;

    @picocli.CommandLine.Mixin
    ComposeImportOptions compose = new ComposeImportOptions();

    @Override
    public Integer call() {
        if (ecsCluster != null || files == null || files.isEmpty()) {
            return EcsClusterImport.run(spec, ecsCluster, files, ecs, output, name == null ? designName() : name);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputChecks.refuseInputs(output, files);
        } catch (FileWriteException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        if (ComposeImportRun.applies(files)) {
            return ComposeImportRun.run(files, output, name == null ? designName() : name, compose, out, err);
        }
        List<TaskDefinition> taskDefinitions = new ArrayList<>();
        boolean unusable = false;
        for (Path file : files) {
            try {
                taskDefinitions.add(TaskDefinitionFormat.read(file).taskDefinition());
            } catch (UnreadableFileException e) {
                err.println(Problems.line(e));
                unusable = true;
            }
        }
        if (unusable) {
            return Cli.UNUSABLE_INPUT;
        }
        ImportedDesign imported = DesignFromTaskDefinitions.build(name == null ? designName() : name, taskDefinitions);
        try {
            DesignFormat.write(DesignIdentity.forOutput(imported.design(), output), output);
        } catch (IOException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        for (DesignNote note : imported.notes()) {
            out.println("note: " + note);
        }
        out.println("wrote " + output + ": " + taskDefinitions.size() + " task definition"
                + (taskDefinitions.size() == 1 ? "" : "s") + " as services of cluster '"
                + DesignFromTaskDefinitions.CLUSTER_ID + "'");
        return Cli.OK;
    }

    private String designName() {
        String file = output.getFileName().toString();
        return file.endsWith(DesignFormat.EXTENSION) ? file.substring(0, file.length() - DesignFormat.EXTENSION.length())
                : file.replaceFirst("\\.json$", "");
    }
}
