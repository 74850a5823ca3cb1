package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.format.LineEnding;
import io.stowage.model.design.Design;

import java.nio.file.Path;

/**
 * One open document: its edit history, the file it came from (null for a new design), and what that file is:
 * a design, or a single task-definition file that Save writes back in the RegisterTaskDefinition shape.
 */
public record OpenDocument(EditHistory history, Path file, Kind kind, LineEnding lineEnding) {
    public enum Kind { DESIGN, TASK_DEFINITION }

    public static OpenDocument untitled(Design design) {
        return new OpenDocument(new EditHistory(design), null, Kind.DESIGN, LineEnding.LF);
    }

    public String displayName() {
        return file == null ? history.current().name() : file.getFileName().toString();
    }
}
