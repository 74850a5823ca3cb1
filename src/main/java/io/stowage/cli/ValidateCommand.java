package io.stowage.cli;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;
import io.stowage.model.rules.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check task-definition files and designs against every rule at once.",
                "Prints one line per finding: FILE: error|warning: PATH: message [rule-id], then a summary.",
                "Exit 0 when there are no errors, 1 when there are, 2 when a file cannot be read or parsed."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the findings as one JSON document instead of lines.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Task-definition JSON files (register input or describe output) or *.stowage.json designs.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileReport> reports = new ArrayList<>();
        for (Path file : files) {
            reports.add(FileChecks.check(file));
        }
        if (json) {
            out.print(JsonText.pretty(toJson(reports)));
        } else {
            for (FileReport report : reports) {
                if (!report.readable()) {
                    err.println(Problems.line(report.unreadable()));
                    continue;
                }
                for (Finding finding : report.findings()) {
                    out.println(report.file() + ": " + finding.severity().word() + ": "
                            + (finding.path().isEmpty() ? "(top level)" : finding.path()) + ": "
                            + finding.message() + " [" + finding.ruleId() + "]");
                }
            }
            out.println(summary(reports));
        }
        out.flush();
        if (reports.stream().anyMatch(r -> !r.readable())) {
            return Cli.UNUSABLE_INPUT;
        }
        return reports.stream().anyMatch(r -> r.errors() > 0) ? Cli.FINDINGS : Cli.OK;
    }

    static String summary(List<FileReport> reports) {
        long errors = reports.stream().mapToLong(FileReport::errors).sum();
        long warnings = reports.stream().mapToLong(FileReport::warnings).sum();
        long unreadable = reports.stream().filter(r -> !r.readable()).count();
        StringBuilder line = new StringBuilder();
        line.append(plural(reports.size(), "file")).append(" checked: ")
                .append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"));
        if (unreadable > 0) {
            line.append(", ").append(unreadable).append(" unreadable");
        }
        return line.toString();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static JsonObject toJson(List<FileReport> reports) {
        List<JsonObject> files = new ArrayList<>();
        for (FileReport report : reports) {
            JsonObject.Builder file = JsonObject.builder().put("file", report.file().toString());
            if (!report.readable()) {
                UnreadableFileException e = report.unreadable();
                JsonObject.Builder problem = JsonObject.builder().put("message", e.detail());
                if (e.position() != null) {
                    problem.put("line", e.position().line()).put("column", e.position().column());
                }
                file.put("readable", false).put("error", problem.build());
            } else {
                List<JsonObject> findings = new ArrayList<>();
                for (int i = 0; i < report.findings().size(); i++) {
                    Finding f = report.findings().get(i);
                    JsonObject.Builder item = JsonObject.builder().put("severity", f.severity().word())
                            .put("path", f.path()).put("message", f.message()).put("ruleId", f.ruleId());
                    int[] at = report.positions().get(i);
                    if (at != null) {
                        item.put("line", at[0]).put("column", at[1]);
                    }
                    findings.add(item.build());
                }
                file.put("readable", true).put("errors", report.errors()).put("warnings", report.warnings())
                        .put("findings", JsonArray.of(findings));
            }
            files.add(file.build());
        }
        return JsonObject.builder()
                .put("files", JsonArray.of(files))
                .put("errors", reports.stream().mapToLong(FileReport::errors).sum())
                .put("warnings", reports.stream().mapToLong(FileReport::warnings).sum())
                .put("unreadable", reports.stream().filter(r -> !r.readable()).count())
                .build();
    }
}
