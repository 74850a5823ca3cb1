package io.stowage.ui.common;

import io.stowage.edit.EditHistory;
import io.stowage.format.document.OpenDocument;
import io.stowage.model.design.Design;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.rules.Finding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.List;
import java.util.Objects;

/**
 * The state of one window, that its actions and panels share: the open document (observable: another one may be
 * opened in its place), its edit history, the selection, what the design's findings and placement are (computed
 * once per revision, for this window alone) and the window's background jobs. The window owns it; its parts take
 * it instead of the window.
 */
public final class WindowState {
    private final Selection selection = new Selection();
    private final DesignAnalysis analysis = new DesignAnalysis();
    private final TaskExecutor tasks;

    private final ReadOnlyObjectWrapper<OpenDocument> document = new ReadOnlyObjectWrapper<>();
    /** A window's state, with no document until the window shows its first ({@link #setDocument}). */
    public WindowState(TaskExecutor tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** A window's state over a history of its own, for a part shown alone (a test, a benchmark). */
    public static WindowState of(EditHistory history) {
        WindowState state = new WindowState(new TaskExecutor());
        state.setDocument(new OpenDocument(history, null, OpenDocument.Kind.DESIGN, io.stowage.format.TextStyle.DEFAULT,
                null, List.of()));
        return state;
    }

    /** The open document; it changes when another document is opened in the window. */
    public ReadOnlyObjectProperty<OpenDocument> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public OpenDocument document() {
        return document.get();
    }

    /** Shows another document (or the same one after a save, under its new file) in the window. */
    public void setDocument(OpenDocument value) {
        document.set(Objects.requireNonNull(value, "document"));
    }

    public EditHistory history() {
        return document.get().history();
    }

    /** The design as it is now. */
    public Design design() {
        return history().current();
    }

    public Selection selection() {
        return selection;
    }

    /** The window's background jobs. */
    public TaskExecutor tasks() {
        return tasks;
    }

    /** The findings and placement of this window's designs, computed once per revision. */
    public DesignAnalysis analysis() {
        return analysis;
    }

    /** Every finding of the design as it is now. */
    public List<Finding> findings() {
        return analysis.findings(design());
    }

    /** Where the scheduler puts every task of the design as it is now. */
    public PlacementResult placement() {
        return analysis.placement(design());
    }
}
