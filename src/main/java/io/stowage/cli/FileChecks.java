package io.stowage.cli;

import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.SourcePosition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.LoadedDesign;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.TaskDefinitionValidator;
import io.stowage.model.rules.design.DesignValidator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Opens a task-definition file or a design and runs every rule on it. */
final class FileChecks {
    private FileChecks() {
    }

    static FileReport check(Path file) {
        try {
            JsonDocument document = JsonFileReader.read(file);
            if (DesignFormat.isDesign(file, document)) {
                LoadedDesign loaded = DesignFormat.fromDocument(document);
                List<Finding> findings = DesignValidator.validate(loaded.design());
                return new FileReport(file, findings, positions(findings, loaded::positionOf), null);
            }
            LoadedTaskDefinition loaded = TaskDefinitionFormat.fromDocument(document);
            List<Finding> findings = new ArrayList<>(TaskDefinitionValidator.validate(loaded.taskDefinition()));
            findings.sort(FileReport.ERRORS_FIRST);
            String prefix = loaded.wrapped() ? "taskDefinition" : "";
            return new FileReport(file, findings, positions(findings, path -> document.positionOf(
                    prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path)), null);
        } catch (UnreadableFileException e) {
            return FileReport.unreadable(file, e);
        }
    }

    private static List<int[]> positions(List<Finding> findings, Function<String, SourcePosition> locate) {
        List<int[]> out = new ArrayList<>();
        for (Finding finding : findings) {
            SourcePosition at = locate.apply(finding.path());
            out.add(at == null ? null : new int[] {at.line(), at.column()});
        }
        return out;
    }
}
