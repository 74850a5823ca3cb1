package io.stowage.cli;

import io.stowage.engine.LocalRunSetup;
import io.stowage.format.ConversionReport;
import io.stowage.format.SecretsFileFormat;
import io.stowage.format.compose.ImportAdvice;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.imports.DesignImport;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.DesignNote;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code stowage import} of compose files: reads and merges them, writes the design, and prints the import
 * report (what did not map, item by item) and the notes on how the design was sized.
 */
final class ComposeImportRun {
    private ComposeImportRun() {
    }

    static int run(DesignImport.Files files, Path output, String name, ComposeImportOptions options,
                   PrintWriter out, PrintWriter err) {
        Path directory = output.toAbsolutePath().getParent();
        DesignImport.Result result;
        try {
            result = DesignImport.read(files, new DesignImport.Options(name, options.profiles, options.singleTask,
                    directory, System.getenv(), ImportAdvice.COMMAND_LINE, options.inlineEnvFiles));
        } catch (UnreadableFileException e) {
            err.println(Problems.line(e));
            return Cli.UNUSABLE_INPUT;
        }
        Path secretsFile = LocalRunSetup.defaultSecretsFile(output);
        if (!result.secrets().isEmpty()) {
            // Before the design, which names the secrets: a design whose values are nowhere would not run.
            try {
                SecretsFileFormat.merge(secretsFile, result.secrets());
            } catch (UnreadableFileException e) {
                err.println(Problems.line(e) + " (the secrets file beside the design; nothing was written: fix or "
                        + "move it, or import with --inline-env-files)");
                return Cli.UNUSABLE_INPUT;
            } catch (IOException e) {
                err.println(Problems.writeLine(secretsFile, e));
                return Cli.UNUSABLE_INPUT;
            }
        }
        try {
            DesignFormat.write(DesignIdentity.forOutput(result.design(), output), output);
        } catch (IOException e) {
            err.println(Problems.writeLine(output, e));
            return Cli.UNUSABLE_INPUT;
        }
        for (ConversionReport.Item item : result.report().items()) {
            out.println(item);
        }
        for (DesignNote note : result.notes()) {
            out.println("note: " + note);
        }
        if (!result.secrets().isEmpty()) {
            out.println("wrote " + secretsFile + ": " + result.secrets().size() + " value" + (result.secrets().size() == 1
                    ? "" : "s") + " of .env and env_file kept out of the design (readable by you only; keep it out of "
                    + "version control)");
        }
        int services = result.imported();
        out.println("wrote " + output + ": " + services + " compose service" + (services == 1 ? "" : "s")
                + (options.singleTask ? " as containers of one task definition" : " as task definitions and services")
                + "; " + result.report().items(ConversionReport.Kind.NOT_MAPPED).size() + " item(s) not mapped, "
                + result.report().items(ConversionReport.Kind.APPROXIMATED).size() + " approximated, "
                + result.report().items(ConversionReport.Kind.ASSUMED).size() + " assumed (listed above)");
        return Cli.OK;
    }
}
