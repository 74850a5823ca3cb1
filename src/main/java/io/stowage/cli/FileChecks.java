package io.stowage.cli;

import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.TaskDefinitionValidator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens a task-definition file or a design and runs every rule on it. */
final class FileChecks {
    private FileChecks() {
    }

    static FileReport check(Path file) {
        try {
            LoadedTaskDefinition loaded = TaskDefinitionFormat.read(file);
            List<Finding> findings = new ArrayList<>(TaskDefinitionValidator.validate(loaded.taskDefinition()));
            findings.sort(FileReport.ERRORS_FIRST);
            return new FileReport(file, findings,
                    ValidateCommand.positions(loaded.document(), findings, loaded.wrapped() ? "taskDefinition" : ""), null);
        } catch (UnreadableFileException e) {
            return FileReport.unreadable(file, e);
        }
    }
}
