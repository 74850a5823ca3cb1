package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.AtomicFiles;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.ecs.TaskDefinition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens and saves documents. A design file opens as it is; a task-definition file opens inside a design made
 * for it (so it can be drawn) and saves back to that same file, in the RegisterTaskDefinition shape, with its
 * line endings, losing nothing.
 */
public final class DocumentFiles {
    private DocumentFiles() {
    }

    public static OpenDocument open(Path file) throws UnreadableFileException {
        JsonDocument document = JsonFileReader.read(file);
        if (DesignFormat.isDesign(file, document)) {
            Design loaded = DesignFormat.fromDocument(document).design();
            return new OpenDocument(new EditHistory(loaded), file, OpenDocument.Kind.DESIGN, document.lineEnding());
        }
        TaskDefinition taskDefinition = TaskDefinitionFormat.fromDocument(document).taskDefinition();
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        Design wrapped = DesignFromTaskDefinitions.build(name, List.of(taskDefinition)).design();
        return new OpenDocument(new EditHistory(wrapped), file, OpenDocument.Kind.TASK_DEFINITION, document.lineEnding());
    }

    /** Saves to the document's own file, or to {@code target} as a design when given (Save As). */
    public static OpenDocument save(OpenDocument document, Path target) throws IOException {
        Design design = document.history().current();
        if (target == null && document.kind() == OpenDocument.Kind.TASK_DEFINITION) {
            List<TaskDefinition> taskDefinitions = design.taskDefinitionList();
            if (taskDefinitions.size() != 1) {
                throw new IOException("this task-definition file now holds " + taskDefinitions.size()
                        + " task definitions; use Save As to save them as a design");
            }
            AtomicFiles.write(document.file(), document.lineEnding().apply(TaskDefinitionFormat.write(taskDefinitions.get(0))));
            document.history().markSaved();
            return document;
        }
        Path file = target == null ? document.file() : target;
        AtomicFiles.write(file, document.lineEnding().apply(DesignFormat.write(design)));
        document.history().markSaved();
        return new OpenDocument(document.history(), file, OpenDocument.Kind.DESIGN, document.lineEnding());
    }
}
