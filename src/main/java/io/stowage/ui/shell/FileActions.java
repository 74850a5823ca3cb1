package io.stowage.ui.shell;

import io.stowage.format.document.ChangedOnDiskException;
import io.stowage.format.document.DocumentFiles;
import io.stowage.format.document.OpenDocument;
import io.stowage.format.document.RecoveryStore;
import io.stowage.format.document.TaskDefinitionFile;
import io.stowage.edit.Edit;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The File menu's work: new, open (one design, or task-definition files together; also files dropped on the
 * window), open recent, save, save as, and recovery after a crash. Anything that would drop unsaved changes asks
 * first; a file that cannot be read is reported and changes nothing.
 */
final class FileActions {
    private final MainWindow window;
    private final RecentFiles recent;
    private Autosave autosave;
    private RecoveryStore recovery;

    FileActions(MainWindow window, RecentFiles recent) {
        this.window = window;
        this.recent = recent;
    }

    void useRecovery(RecoveryStore store, javafx.util.Duration interval) {
        recovery = store;
        autosave = new Autosave(store, interval, window.tasks(), window::setStatus);
    }

    Autosave autosave() {
        return autosave;
    }

    RecentFiles recent() {
        return recent;
    }

    /** Called for each document the window shows. */
    void displayed(OpenDocument document, String recoveredKey) {
        recent.remember(document.files());
        if (autosave != null) {
            autosave.follow(document, recoveredKey);
        }
    }

    void newDesign() {
        if (confirmDiscard("starting a new design")) {
            window.display(OpenDocument.untitled(Design.empty("Untitled")));
        }
    }

    void open() {
        if (!confirmDiscard("opening another file")) {
            return;
        }
        List<File> files = chooser("Open a design, or task-definition files").showOpenMultipleDialog(window.stage());
        if (files != null && !files.isEmpty()) {
            openNow(files.stream().map(File::toPath).toList());
        }
    }

    /** Opens files after asking about unsaved changes: a recent document, or files dropped on the window. */
    void open(List<Path> files) {
        if (confirmDiscard("opening another file")) {
            openNow(files);
        }
    }

    /**
     * Opens the files; ones that cannot be read are reported and nothing else changes. Compose files are not
     * documents of their own: they are imported as a new design (File › Import).
     */
    void openNow(List<Path> files) {
        if (files.stream().anyMatch(io.stowage.format.compose.ComposeImport::isComposeFile)) {
            window.importing().importNow(files);
            return;
        }
        try {
            window.display(DocumentFiles.open(files));
        } catch (UnreadableFileException e) {
            window.error("Cannot open " + (e.file() == null ? "the file" : e.file().getFileName()), e.getMessage());
        }
    }

    boolean save() {
        OpenDocument document = window.document();
        return document.file() == null ? saveAs() : saveTo(null);
    }

    boolean saveAs() {
        OpenDocument document = window.document();
        Path current = document.file();
        FileChoices choices = window.fileChoices();
        Path file = choices.saveFile(window.stage(), new FileChoices.Request("Save the design",
                current == null ? null : current.toAbsolutePath().getParent(),
                document.history().current().name() + DesignFormat.EXTENSION,
                List.of(new FileChoices.Filter("Designs", List.of("*" + DesignFormat.EXTENSION)),
                        new FileChoices.Filter("All files", List.of("*")))));
        if (file != null && java.nio.file.Files.exists(file) && !choices.confirmsOverwrite()
                && !DesignExportActions.confirmReplace(window, List.of(file), "Saving")) {
            return false;
        }
        return file != null && saveTo(file);
    }

    private boolean saveTo(Path target) {
        OpenDocument document = window.document();
        try {
            OpenDocument saved;
            try {
                saved = DocumentFiles.save(document, target);
            } catch (ChangedOnDiskException changed) {
                if (!confirmOverwrite(changed.file())) {
                    return false;
                }
                saved = DocumentFiles.save(document, target, true);
            }
            window.replaceDocument(saved);
            recent.remember(saved.files());
            if (autosave != null) {
                autosave.saved(saved);
            }
            window.setStatus(savedWords(document, saved));
            return true;
        } catch (IOException e) {
            window.error("Cannot save", e.getMessage());
            return false;
        }
    }

    /**
     * What a save wrote, naming only the files it changed: of task-definition files opened together, those whose
     * task definition was edited ("Saved nginx.json"), not every file the document holds.
     */
    static String savedWords(OpenDocument before, OpenDocument saved) {
        if (saved.kind() != OpenDocument.Kind.TASK_DEFINITIONS) {
            return "Saved " + saved.displayName();
        }
        List<String> written = new java.util.ArrayList<>();
        for (int i = 0; i < saved.sources().size(); i++) {
            TaskDefinitionFile now = saved.sources().get(i);
            TaskDefinitionFile was = i < before.sources().size() ? before.sources().get(i) : null;
            if (was == null || !java.util.Arrays.equals(was.text(), now.text())) {
                written.add(now.file().getFileName().toString());
            }
        }
        if (written.isEmpty()) {
            return "Saved: every file already held the design, none was written";
        }
        if (written.size() == 1) {
            return "Saved " + written.get(0);
        }
        int n = written.size();
        if (n > 3) {
            return "Saved " + written.get(0) + ", " + written.get(1) + " and " + (n - 2) + " more";
        }
        return "Saved " + String.join(", ", written.subList(0, n - 1)) + " and " + written.get(n - 1);
    }

    /** Whether unsaved changes may be dropped: nothing unsaved, saved now, or the user chose to discard them. */
    boolean confirmDiscard(String reason) {
        OpenDocument document = window.document();
        if (document == null || !document.history().isUnsaved()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
                "Your changes to " + document.displayName() + " will be lost if you don't save them.",
                save, discard, ButtonType.CANCEL);
        alert.setHeaderText("Save changes before " + reason + "?");
        alert.initOwner(window.stage());
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return false;
        }
        if (answer.get() == save) {
            return save();
        }
        if (autosave != null) {
            autosave.discard();
        }
        return true;
    }

    private boolean confirmOverwrite(Path file) {
        ButtonType overwrite = new ButtonType("Overwrite", ButtonBar.ButtonData.YES);
        Alert alert = new Alert(Alert.AlertType.WARNING, file + " was changed by another program since Stowage read"
                + " it. Saving now replaces those changes with yours.", overwrite, ButtonType.CANCEL);
        alert.setHeaderText("The file changed on disk");
        alert.initOwner(window.stage());
        return alert.showAndWait().filter(overwrite::equals).isPresent();
    }

    /** Files dragged from the desktop onto the window open as a document (task-definition files as one design). */
    void acceptFileDrops(Scene scene) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles() && !e.isConsumed()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (e.getDragboard().hasFiles() && !e.isConsumed()) {
                List<Path> files = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                e.setDropCompleted(true);
                e.consume();
                // After the drop returns, so that the drag source is not kept waiting on a dialog.
                javafx.application.Platform.runLater(() -> open(files));
            }
        });
    }

    /**
     * Offers the unsaved work a crash left behind, newest first: Restore opens its document with the changes as
     * one undoable edit; Discard deletes it; Later keeps it for the next start.
     */
    void offerRecovery() {
        if (recovery == null) {
            return;
        }
        for (RecoveryStore.Recovered found : recovery.pending()) {
            String what = found.files().isEmpty() ? "the new design \"" + found.design().name() + "\""
                    : String.join(", ", found.files().stream().map(p -> p.getFileName().toString()).toList());
            ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
            ButtonType later = new ButtonType("Later", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Stowage did not close normally, and changes to "
                    + what + " were not saved. Restore them?", restore, discard, later);
            alert.setHeaderText("Restore unsaved changes?");
            alert.initOwner(window.stage());
            alert.getDialogPane().setId("recovery-dialog");
            Optional<ButtonType> answer = alert.showAndWait();
            if (answer.filter(restore::equals).isPresent()) {
                if (confirmDiscard("restoring")) {
                    restore(found);
                }
                return;
            }
            if (answer.filter(discard::equals).isPresent()) {
                recovery.discard(found.key());
            }
        }
    }

    private void restore(RecoveryStore.Recovered found) {
        OpenDocument document;
        try {
            document = found.files().isEmpty() ? OpenDocument.untitled(Design.empty(found.design().name()))
                    : DocumentFiles.open(found.files());
        } catch (UnreadableFileException e) {
            // The files are gone or broken: the changes open as a new design, to be saved elsewhere.
            window.setStatus("Cannot open " + e.getMessage() + "; the recovered design opens as a new design");
            document = OpenDocument.untitled(Design.empty(found.design().name()));
        }
        Design before = document.history().current();
        document.history().push(io.stowage.edit.DesignEdits.restoreUnsaved(before, found.design()));
        window.display(document, found.key());
        window.setStatus("Restored unsaved changes from " + found.recoveryFile());
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Designs and task definitions", "*.stowage.json", "*.json"),
                new FileChooser.ExtensionFilter("Compose files (imported as a new design)", "*.yml", "*.yaml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = window.document() == null ? null : window.document().file();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }
}
