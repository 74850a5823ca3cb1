package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.format.document.RecoveryStore;
import io.stowage.model.design.Design;
import io.stowage.ui.common.TaskExecutor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Writes the open document's unsaved state to its recovery file every little while, as a quiet background job
 * (the design is immutable, so the job reads a snapshot while the user edits on); the writes and removals wait
 * their turn, in order. A saved or discarded document leaves no recovery file behind.
 */
final class Autosave {
    private static final TaskExecutor.Lane WRITES = TaskExecutor.Lane.queueing("the recovery file's writes, in order");
    private final RecoveryStore store;
    private final Timeline timer;
    private final TaskExecutor writer;
    private final Consumer<String> onFailure;
    private OpenDocument document;
    private String key;
    private Design written;
    /** Whether this document's recovery file exists (written here, or the one it was restored from). */
    private boolean onDisk;

    Autosave(RecoveryStore store, Duration interval, TaskExecutor writer, Consumer<String> onFailure) {
        this.store = store;
        this.writer = writer;
        this.onFailure = onFailure;
        this.timer = new Timeline(new KeyFrame(interval, e -> saveNow()));
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    /** Follows another document; {@code recoveredKey} keeps writing under a recovery file it was restored from. */
    void follow(OpenDocument opened, String recoveredKey) {
        document = opened;
        key = recoveredKey != null ? recoveredKey : keyOf(opened);
        written = null;
        onDisk = recoveredKey != null;
        timer.play();
    }

    /** After a save: nothing to recover any more, and a Save As gives the document another key. */
    void saved(OpenDocument saved) {
        discard();
        document = saved;
        key = keyOf(saved);
    }

    /** The user chose to drop the changes: forget them here too. */
    void discard() {
        String gone = key;
        written = null;
        onDisk = false;
        writer.task("Removing the recovery file", progress -> {
            store.discard(gone);
            return null;
        }).in(WRITES).quiet().start();
    }

    /** Writes the recovery file now if the document has changes not written yet; completes when written. */
    CompletableFuture<Void> saveNow() {
        if (document == null) {
            return CompletableFuture.completedFuture(null);
        }
        Design design = document.history().current();
        if (!document.history().isUnsaved()) {
            if (onDisk) {
                discard();
            }
            return CompletableFuture.completedFuture(null);
        }
        if (design == written) {
            return CompletableFuture.completedFuture(null);
        }
        written = design;
        onDisk = true;
        String target = key;
        OpenDocument.Kind kind = document.kind();
        List<java.nio.file.Path> files = document.files();
        CompletableFuture<Void> done = new CompletableFuture<>();
        writer.task("Writing the recovery file", progress -> {
            store.write(target, kind, files, design);
            return null;
        }).in(WRITES).quiet().onSuccess(nothing -> done.complete(null)).onFailure(e -> {
            if (written == design) {
                written = null; // not on disk: try again at the next tick
            }
            onFailure.accept("Cannot write the recovery file " + store.fileOf(target) + ": "
                    + (e instanceof IOException ioFailure ? io.stowage.format.FileWriteException.reason(ioFailure) : TaskExecutor.describe(e))
                    + "; the latest changes are not safe from a crash until it can (save them)");
            done.complete(null);
        }).onCancelled(() -> done.complete(null)).start();
        return done;
    }

    void stop() {
        timer.stop();
    }

    private static String keyOf(OpenDocument document) {
        List<java.nio.file.Path> files = document.files();
        return files.isEmpty() ? "untitled-" + UUID.randomUUID() : RecoveryStore.keyOf(files);
    }
}
