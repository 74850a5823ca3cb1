package io.stowage.format.document;

import io.stowage.edit.EditHistory;
import io.stowage.format.AtomicFiles;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.TextStyle;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.ecs.TaskDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens and saves documents. A design file opens as it is. Task-definition files, one or several at once, open
 * as one design made for them (so they can be drawn), and Save writes each changed task definition back to its
 * own file in the RegisterTaskDefinition shape: a changed value is written where it stands, anything more
 * rewrites the file in its own indentation and line endings. No save writes over a file that changed on disk
 * since it was read (the caller may insist) or that no longer holds readable JSON; every write is atomic.
 */
public final class DocumentFiles {
    private DocumentFiles() {
    }

    public static OpenDocument open(Path file) throws UnreadableFileException {
        return open(List.of(file));
    }

    /** Opens one design, or one or more task-definition files as one design. */
    public static OpenDocument open(List<Path> files) throws UnreadableFileException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no file to open");
        }
        List<TaskDefinitionFile> sources = new ArrayList<>();
        List<TaskDefinition> taskDefinitions = new ArrayList<>();
        Map<String, Path> families = new LinkedHashMap<>();
        for (Path file : files) {
            byte[] bytes = read(file);
            JsonDocument document = JsonFileReader.parse(file, bytes);
            if (DesignFormat.isDesign(file, document)) {
                if (files.size() > 1) {
                    throw new UnreadableFileException(file, null, "a design opens on its own; open it alone, or"
                            + " open several task-definition files together");
                }
                // A design from before designs had an identity gets one now, in memory, so that every edit and
                // undo keeps the same one; its next save writes it (docs/design-file.md).
                Design loaded = DesignFormat.fromDocument(document).design();
                return new OpenDocument(new EditHistory(loaded.identified()), file, OpenDocument.Kind.DESIGN,
                        new TextStyle(document.lineEnding(), TextStyle.DEFAULT.indent(),
                                TextStyle.hasByteOrderMark(bytes)), bytes, List.of());
            }
            LoadedTaskDefinition loaded = TaskDefinitionFormat.fromDocument(document);
            TaskDefinition td = loaded.taskDefinition();
            Path other = td.family() == null ? null : families.put(td.family(), file);
            if (other != null) {
                throw new UnreadableFileException(file, null, "family " + td.family() + " is also in " + other
                        + "; a design holds one revision per family (to see how two revisions differ, use Compare)");
            }
            taskDefinitions.add(td);
            sources.add(new TaskDefinitionFile(file, td.family(), document, td.json(), bytes, TextStyle.of(bytes),
                    !loaded.wrapped() && loaded.readOnly().isEmpty()));
        }
        String name = files.size() == 1 ? files.get(0).getFileName().toString().replaceFirst("\\.json$", "")
                : "task definitions";
        Design wrapped = DesignFromTaskDefinitions.build(name, taskDefinitions).design();
        // A task definition without a family got one in the design; its file follows it there.
        List<TaskDefinition> inDesign = wrapped.taskDefinitionList();
        for (int i = 0; i < sources.size(); i++) {
            sources.set(i, sources.get(i).withFamily(inDesign.get(i).family()));
        }
        return new OpenDocument(new EditHistory(wrapped.identified()), files.get(0), OpenDocument.Kind.TASK_DEFINITIONS,
                TextStyle.DEFAULT, null, sources);
    }

    /** {@link #save(OpenDocument, Path, boolean)} that refuses to write over a file changed on disk. */
    public static OpenDocument save(OpenDocument document, Path target) throws IOException {
        return save(document, target, false);
    }

    /**
     * Saves to the document's own files, or to {@code target} as a design when given (Save As).
     *
     * @param overwriteChanged write even over a file changed on disk since it was read (the user said so)
     * @throws ChangedOnDiskException when a file changed on disk and {@code overwriteChanged} is false
     * @throws IOException            when a file cannot be written, no longer holds readable JSON, or a task
     *                                definition has no file of its own to go back to
     */
    public static OpenDocument save(OpenDocument document, Path target, boolean overwriteChanged) throws IOException {
        Design design = document.history().current();
        if (target == null && document.kind() == OpenDocument.Kind.TASK_DEFINITIONS) {
            List<TaskDefinitionFile> saved = saveTaskDefinitions(design, document.sources(), overwriteChanged);
            document.history().markSaved();
            return new OpenDocument(document.history(), document.file(), document.kind(), document.style(), null, saved);
        }
        Path file = target == null ? document.file() : target;
        TextStyle style = target == null ? document.style() : TextStyle.DEFAULT;
        if (target == null) {
            guard(file, document.savedText(), overwriteChanged);
        }
        byte[] text = style.apply(DesignFormat.write(design)).getBytes(StandardCharsets.UTF_8);
        writePendingSecrets(document, file);
        AtomicFiles.write(file, text);
        document.history().markSaved();
        return new OpenDocument(document.history(), file, OpenDocument.Kind.DESIGN, style, text, List.of());
    }

    /**
     * The values an import kept out of the design go to the secrets file beside it, before the design that names
     * them, so that a saved design always finds its values; what the file held already is kept.
     */
    private static void writePendingSecrets(OpenDocument document, Path designFile) throws IOException {
        if (document.pendingSecrets().isEmpty()) {
            return;
        }
        Path secrets = io.stowage.format.SecretsFileFormat.besideDesign(designFile);
        try {
            io.stowage.format.SecretsFileFormat.merge(secrets, document.pendingSecrets());
        } catch (io.stowage.format.UnreadableFileException e) {
            throw new IOException(e.getMessage() + " (the secrets file beside the design, where the values the import "
                    + "kept out of it go; nothing was saved: fix or move it and save again)", e);
        }
    }

    private static List<TaskDefinitionFile> saveTaskDefinitions(Design design, List<TaskDefinitionFile> sources,
                                                                boolean overwriteChanged) throws IOException {
        Map<TaskDefinitionFile, TaskDefinition> pairs = TaskDefinitionFiles.pair(design, sources);
        Map<TaskDefinitionFile, byte[]> writes = new LinkedHashMap<>();
        for (Map.Entry<TaskDefinitionFile, TaskDefinition> pair : pairs.entrySet()) {
            TaskDefinitionFile source = pair.getKey();
            String text = TaskDefinitionFiles.text(source, pair.getValue());
            if (text != null) {
                guard(source.file(), source.text(), overwriteChanged);
                writes.put(source, text.getBytes(StandardCharsets.UTF_8));
            }
        }
        // All files or none: a full disk half-way must not leave some saved and some not.
        Map<Path, byte[]> files = new LinkedHashMap<>();
        writes.forEach((source, text) -> files.put(source.file(), text));
        AtomicFiles.writeAll(files);
        List<TaskDefinitionFile> saved = new ArrayList<>();
        for (TaskDefinitionFile source : sources) {
            byte[] text = writes.get(source);
            if (text == null) {
                saved.add(source.withFamily(pairs.get(source).family()));
                continue;
            }
            saved.add(TaskDefinitionFiles.reread(source, text, pairs.get(source).family()));
        }
        return saved;
    }

    /**
     * Refuses to write over a file that no longer holds the text last read or written: one that is not JSON any
     * more is never written over; one changed otherwise only when the user insists.
     */
    static void guard(Path file, byte[] expected, boolean overwriteChanged) throws IOException {
        byte[] now;
        try {
            now = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        if (expected != null && Arrays.equals(now, expected)) {
            return;
        }
        try {
            JsonFileReader.parse(file, now);
        } catch (UnreadableFileException e) {
            throw new IOException(e.getMessage() + ". The file was left as it is; save to another file with Save As");
        }
        if (expected != null && !overwriteChanged) {
            throw new ChangedOnDiskException(file);
        }
    }

    private static byte[] read(Path file) throws UnreadableFileException {
        return JsonFileReader.readBytes(file);
    }
}
