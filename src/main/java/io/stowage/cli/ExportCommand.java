package io.stowage.cli;

import io.stowage.format.ConversionReport;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.export.DesignExport;
import io.stowage.model.design.Design;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a design as task-definition files, a compose file or a CloudFormation template.",
                "taskdefs: one RegisterTaskDefinition JSON file per family into the directory -o names.",
                "compose: a compose file that runs the design with Docker Compose.",
                "cloudformation: a template (YAML, or JSON for *.json) with the clusters, EC2 capacity, task",
                "definitions, services and IAM roles, and parameters for the VPC, subnets and placeholders.",
                "Prints what the target cannot express, item by item. Exit 2 when the design cannot be read."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "TARGET",
            description = "taskdefs, compose or cloudformation.")
    String target;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH",
            description = "The directory (taskdefs) or file (compose, cloudformation) to write.")
    Path output;

    @Parameters(paramLabel = "DESIGN", description = "The design (*.stowage.json).")
    Path design;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignExport.Target to;
        try {
            to = DesignExport.Target.of(target);
        } catch (IllegalArgumentException e) {
            err.println("stowage export: --to takes taskdefs, compose or cloudformation, not " + target);
            return Cli.UNUSABLE_INPUT;
        }
        Design read;
        try {
            read = DesignFormat.read(design).design();
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            return Cli.UNUSABLE_INPUT;
        }
        DesignExport.Result result;
        try {
            result = DesignExport.write(read, design, to, output);
        } catch (IOException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        for (ConversionReport.Item item : result.report().items()) {
            out.println(design + ": " + item);
        }
        out.println("wrote " + (result.written().size() == 1 ? result.written().get(0)
                : result.written().size() + " files to " + output) + "; " + result.report().items().size()
                + " item(s) the " + to.id() + " export cannot express exactly (listed above)");
        return Cli.OK;
    }
}
