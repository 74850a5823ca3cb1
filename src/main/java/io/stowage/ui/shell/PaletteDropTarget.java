package io.stowage.ui.shell;

import io.stowage.edit.DropOutcome;
import io.stowage.edit.EditHistory;
import io.stowage.edit.PaletteDrops;
import io.stowage.edit.PaletteItem;
import io.stowage.model.design.ElementId;
import io.stowage.ui.common.Selection;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes the canvas area accept palette drops: while dragging it asks {@link PaletteDrops} whether the drop is
 * legal under the pointer and shows the reason when it is not; on release it pushes the one edit and selects
 * what was added.
 */
final class PaletteDropTarget {
    private final Node area;
    private final Palette palette;
    private final WorkAreas areas;
    private final Supplier<EditHistory> history;
    private final Selection selection;
    private final Consumer<String> status;
    private final javafx.scene.control.Label hint = new javafx.scene.control.Label();
    private static final javafx.css.PseudoClass REFUSED = javafx.css.PseudoClass.getPseudoClass("refused");

    PaletteDropTarget(Node area, Palette palette, WorkAreas areas, Supplier<EditHistory> history, Selection selection,
                      Consumer<String> status) {
        this.area = area;
        this.palette = palette;
        this.areas = areas;
        this.history = history;
        this.selection = selection;
        this.status = status;
    }

    void install() {
        hint.setId("drop-hint");
        hint.getStyleClass().add("drop-hint");
        hint.setMouseTransparent(true);
        hint.setManaged(false);
        hint.setVisible(false);
        area.setOnDragOver(e -> {
            DropOutcome outcome = outcome(e);
            if (outcome == null) {
                return;
            }
            if (outcome.isLegal()) {
                e.acceptTransferModes(TransferMode.COPY);
                status.accept(outcome.edit().description());
                showHint(outcome.edit().description(), false, e.getX(), e.getY());
            } else {
                status.accept("Cannot drop here: " + outcome.refusal());
                showHint(outcome.refusal(), true, e.getX(), e.getY());
            }
            e.consume();
        });
        area.setOnDragExited(e -> hint.setVisible(false));
        area.setOnDragDropped(e -> {
            hint.setVisible(false);
            DropOutcome outcome = outcome(e);
            boolean done = outcome != null && outcome.isLegal();
            if (done) {
                history.get().push(outcome.edit());
                selection.select(outcome.created());
                status.accept(outcome.edit().description());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** The reason beside the pointer, where the eye is, as well as in the status bar. */
    private void showHint(String text, boolean refused, double x, double y) {
        if (!(area instanceof javafx.scene.layout.Pane pane)) {
            return;
        }
        if (hint.getParent() != pane) {
            pane.getChildren().add(hint);
        }
        hint.setText(text);
        hint.pseudoClassStateChanged(REFUSED, refused);
        hint.autosize();
        hint.relocate(Math.min(x + 16, Math.max(0, pane.getWidth() - hint.getWidth() - 4)), y + 18);
        hint.setVisible(true);
        hint.toFront();
    }

    private DropOutcome outcome(DragEvent e) {
        Object payload = e.getDragboard().getContent(Palette.ITEM);
        if (!(payload instanceof String name)) {
            return null;
        }
        PaletteItem item = PaletteItem.valueOf(name);
        Point2D at = areas.toDesign(e.getSceneX(), e.getSceneY());
        return PaletteDrops.drop(history.get().current(), item, elementUnder(e), at.getX(), at.getY(),
                palette.instanceType());
    }

    /** The innermost design element under the pointer: canvas nodes carry their ElementId as a property. */
    private static ElementId elementUnder(DragEvent e) {
        Node node = e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode();
        for (; node != null; node = node.getParent()) {
            if (node.getProperties().get("elementId") instanceof ElementId id) {
                return id;
            }
        }
        return null;
    }
}
