package io.stowage.cli;

import io.stowage.format.AtomicFiles;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.TextStyle;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.NullMembers;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Rewrite task-definition files in the RegisterTaskDefinition input shape.",
                "Read-only keys of describe output are dropped and the taskDefinition wrapper removed (its tags",
                "kept); null members left out (ECS reads them as not set, the AWS CLI refuses them) and named;",
                "2-space indentation; line endings (LF or CRLF), a UTF-8 byte order mark and every other member kept "
                        + "in place.",
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
                Formatted formatted = formatted(file);
                Path target = output == null ? file : output;
                boolean changes = !sameText(target, formatted.text());
                if (check) {
                    if (changes) {
                        out.println(file);
                        wouldChange = true;
                    }
                } else if (changes) {
                    AtomicFiles.write(target, formatted.text());
                    out.println("formatted " + target + (formatted.droppedNulls().isEmpty() ? ""
                            : " (null members left out, as ECS reads them as not set and the AWS CLI refuses them: "
                            + NullMembers.describe(formatted.droppedNulls(), 8) + ")"));
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

    private record Formatted(String text, List<String> droppedNulls) {
    }

    /**
     * The file as Stowage writes it: a task definition in the register shape, or a design in the current format;
     * null members of task definitions left out either way.
     */
    private static Formatted formatted(Path file) throws UnreadableFileException {
        JsonDocument document = JsonFileReader.read(file);
        List<String> dropped = new ArrayList<>();
        String text;
        if (DesignFormat.isDesign(file, document)) {
            Design design = DesignFormat.fromDocument(document).design();
            for (TaskDefinition td : design.taskDefinitionList()) {
                NullMembers.Dropped<JsonObject> clean = NullMembers.drop(td.json());
                if (clean.any() && new TaskDefinition(clean.value()).family() != null) {
                    clean.paths().forEach(path -> dropped.add(td.family() + ": " + path));
                    design = design.withTaskDefinition(new TaskDefinition(clean.value()));
                }
            }
            text = DesignFormat.write(design);
        } else {
            TaskDefinition td = TaskDefinitionFormat.fromDocument(document).taskDefinition();
            dropped.addAll(TaskDefinitionFormat.droppedNulls(td));
            text = TaskDefinitionFormat.write(td);
        }
        // The line ending and a UTF-8 byte order mark stay as the file had them (Windows editors write one).
        TextStyle style = new TextStyle(document.lineEnding(), TextStyle.DEFAULT.indent(), startsWithByteOrderMark(file));
        return new Formatted(style.apply(text), dropped);
    }

    private static boolean startsWithByteOrderMark(Path file) {
        byte[] start = new byte[3];
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, 3) == 3 && TextStyle.hasByteOrderMark(start);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean sameText(Path target, String text) {
        try {
            return Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(text);
        } catch (IOException e) {
            return false;
        }
    }
}
