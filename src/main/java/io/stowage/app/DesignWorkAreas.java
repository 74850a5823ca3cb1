package io.stowage.app;

import io.stowage.edit.EditHistory;
import io.stowage.ui.common.Selection;
import io.stowage.ui.shell.WorkAreas;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** The canvas and inspector of each open document. */
final class DesignWorkAreas implements WorkAreas {
    @Override
    public Node canvas(EditHistory history, Selection selection) {
        return new Label("canvas");
    }

    @Override
    public Node inspector(EditHistory history, Selection selection) {
        return new Label("inspector");
    }

    @Override
    public void fitToView() {
    }

    @Override
    public void zoomTo100() {
    }
}
