package io.stowage.format.document;

import io.stowage.edit.EditHistory;
import io.stowage.format.TextStyle;
import io.stowage.model.design.Design;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One open document: its edit history and where it came from. A design has its file (none before its first
 * save) and that file's text as last read or written, so a save can tell when someone else changed it. A set of
 * task-definition files opened together is one design whose Save writes each task definition back to its own
 * file, in the RegisterTaskDefinition shape.
 *
 * @param file      the design file, or the first task-definition file; null for a new design
 * @param style     the design file's line ending and indentation
 * @param savedText the design file's bytes as last read or written; null for a new design or task definitions
 * @param sources   the task-definition files, in order; empty for a design
 * @param pendingSecrets values an import kept out of the design (by valueFrom), written to the secrets file
 *                  beside the design at its first save; never in the design, the recovery store or the log
 */
public record OpenDocument(EditHistory history, Path file, Kind kind, TextStyle style, byte[] savedText,
                           List<TaskDefinitionFile> sources, Map<String, String> pendingSecrets) {
    public enum Kind { DESIGN, TASK_DEFINITIONS }

    public OpenDocument {
        sources = List.copyOf(sources);
        pendingSecrets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pendingSecrets));
    }

    public OpenDocument(EditHistory history, Path file, Kind kind, TextStyle style, byte[] savedText,
                        List<TaskDefinitionFile> sources) {
        this(history, file, kind, style, savedText, sources, Map.of());
    }

    /** A design not yet saved: it gets its identity now (kept by every edit and undo), written by its first save. */
    public static OpenDocument untitled(Design design) {
        return untitled(design, Map.of());
    }

    /** A new design with the secret values its import kept out of it, for the secrets file at the first save. */
    public static OpenDocument untitled(Design design, Map<String, String> pendingSecrets) {
        return new OpenDocument(new EditHistory(design.identified()), null, Kind.DESIGN, TextStyle.DEFAULT, null,
                List.of(), pendingSecrets);
    }

    /** Every file the document was read from: the design file, or each task-definition file. */
    public List<Path> files() {
        if (kind == Kind.TASK_DEFINITIONS) {
            return sources.stream().map(TaskDefinitionFile::file).toList();
        }
        return file == null ? List.of() : List.of(file);
    }

    /** "web.json", "web.json and 2 more", or the design's name before its first save. */
    public String displayName() {
        if (file == null) {
            return history.current().name();
        }
        String name = file.getFileName().toString();
        int more = files().size() - 1;
        return more > 0 ? name + " and " + more + " more" : name;
    }
}
