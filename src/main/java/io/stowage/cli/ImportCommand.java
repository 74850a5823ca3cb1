package io.stowage.cli;

import io.stowage.format.FileWriteException;
import io.stowage.format.OutputChecks;
import io.stowage.format.compose.ImportAdvice;
import io.stowage.format.imports.DesignImport;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.DesignNote;
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
import java.util.Map;
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
            description = "Task-definition JSON files, or compose files (*.yml, *.yaml; several merge in order). "
                    + "Beside a compose file of a default name (compose.yaml, docker-compose.yml, ...) the override "
                    + "file docker compose reads (compose.override.yml, docker-compose.override.yml, ...) is read "
                    + "after it, as the desktop's import does.")
    List<Path> files;

    @Option(names = {"-f", "--file"}, paramLabel = "COMPOSE_FILE",
            description = "A compose file, as docker compose -f takes it (repeatable; merged in order, after any FILE). "
                    + "As with docker compose -f, no override file is looked for when any -f is given.")
    List<Path> composeFiles = new ArrayList<>();

    @Option(names = "--ecs-cluster", paramLabel = "NAME",
            description = "Read this running ECS cluster instead of files (with --region, --profile, --endpoint-url).")
    String ecsCluster;

    @picocli.CommandLine.Mixin
    EcsOptions ecs;

    @picocli.CommandLine.Mixin
    ComposeImportOptions compose = new ComposeImportOptions();

    @Override
    public Integer call() {
        List<Path> chosen = new ArrayList<>(files == null ? List.of() : files);
        chosen.addAll(composeFiles);
        if (ecsCluster != null || chosen.isEmpty()) {
            return EcsClusterImport.run(spec, ecsCluster, files, ecs, output, name == null ? designName() : name);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            OutputChecks.refuseInputs(output, chosen);
        } catch (FileWriteException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        DesignImport.Files toRead;
        try {
            // docker compose reads the override file only when no -f names the files.
            toRead = DesignImport.files(chosen, composeFiles.isEmpty());
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            return Cli.UNUSABLE_INPUT;
        }
        if (toRead.kind() == DesignImport.Kind.COMPOSE) {
            for (Path override : toRead.overrides()) {
                out.println("note: reading " + override + " as well, the override file docker compose reads beside "
                        + chosenBeside(chosen, override)
                        + " (name the files with -f to read only those)");
            }
            return ComposeImportRun.run(toRead, output, name == null ? designName() : name, compose, out, err);
        }
        List<UnreadableFileException> unreadable = DesignImport.unreadableTaskDefinitions(toRead.files());
        if (!unreadable.isEmpty()) {
            unreadable.forEach(e -> err.println(Problems.line(e)));
            return Cli.UNUSABLE_INPUT;
        }
        DesignImport.Result imported;
        try {
            imported = DesignImport.read(toRead, new DesignImport.Options(name == null ? designName() : name, List.of(),
                    false, output.toAbsolutePath().getParent(), Map.of(), ImportAdvice.COMMAND_LINE, false));
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            return Cli.UNUSABLE_INPUT;
        }
        try {
            DesignFormat.write(DesignIdentity.forOutput(imported.design(), output), output);
        } catch (IOException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        for (DesignNote note : imported.notes()) {
            out.println("note: " + note);
        }
        out.println("wrote " + output + ": " + imported.imported() + " task definition"
                + (imported.imported() == 1 ? "" : "s") + " as services of cluster '"
                + DesignFromTaskDefinitions.CLUSTER_ID + "'");
        return Cli.OK;
    }

    /** The chosen file the override was found beside. */
    private static String chosenBeside(List<Path> chosen, Path override) {
        return chosen.stream().filter(f -> override.equals(DesignImport.overrideOf(f))).findFirst()
                .map(f -> f.getFileName().toString()).orElse("it");
    }

    private String designName() {
        String file = output.getFileName().toString();
        return file.endsWith(DesignFormat.EXTENSION) ? file.substring(0, file.length() - DesignFormat.EXTENSION.length())
                : file.replaceFirst("\\.json$", "");
    }
}
