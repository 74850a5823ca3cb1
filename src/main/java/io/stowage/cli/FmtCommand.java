package io.stowage.cli;

import io.stowage.format.AtomicFiles;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrite task-definition files in the RegisterTaskDefinition input shape.",
                "Read-only keys of describe output are dropped and the taskDefinition wrapper removed (its tags",
                "kept); 2-space indentation; line endings (LF or CRLF) and every other member kept in place.",
                "Files are replaced atomically. Formatting is not validation: a semantically wrong file is",
                "formatted too; a file that cannot be parsed is left untouched (exit 2)."})
final class FmtCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "Change nothing: list the files that would change and exit 1 if any would.")
    boolean check;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to OUT instead of in place (one FILE only).")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Task-definition JSON files (or *.stowage.json designs).")
    List<Path> files;

    @Override
    public Integer call() {
        if (output != null && files.size() != 1) {
            throw new ParameterException(spec.commandLine(), "-o takes exactly one FILE, got " + files.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean unusable = false;
        boolean wouldChange = false;
        for (Path file : files) {
            try {
                String formatted = formatted(file);
                Path target = output == null ? file : output;
                boolean changes = !sameText(target, formatted);
                if (check) {
                    if (changes) {
                        out.println(file);
                        wouldChange = true;
                    }
                } else if (changes) {
                    AtomicFiles.write(target, formatted);
                    out.println("formatted " + target);
                }
            } catch (UnreadableFileException e) {
                err.println(Problems.line(e));
                unusable = true;
            } catch (IOException e) {
                err.println(Problems.writeLine(file, e));
                unusable = true;
            }
        }
        out.flush();
        if (unusable) {
            return Cli.UNUSABLE_INPUT;
        }
        return wouldChange ? Cli.FINDINGS : Cli.OK;
    }

    /** The file as Stowage writes it: a task definition in the register shape, or a design in the current format. */
    private static String formatted(Path file) throws UnreadableFileException {
        JsonDocument document = JsonFileReader.read(file);
        String text = DesignFormat.isDesign(file, document)
                ? DesignFormat.write(DesignFormat.fromDocument(document).design())
                : TaskDefinitionFormat.write(TaskDefinitionFormat.fromDocument(document).taskDefinition());
        return document.lineEnding().apply(text);
    }

    private static boolean sameText(Path target, String text) {
        try {
            return Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text);
        } catch (IOException e) {
            return false;
        }
    }
}
