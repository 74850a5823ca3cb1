package io.stowage.ui.shell;

import io.stowage.ui.common.WindowState;
import javafx.scene.Node;

/** Makes the canvas and the inspector for each document the window opens, over the window's state. */
public interface WorkAreas {
    Node canvas(WindowState state);

    Node inspector(WindowState state);

    void fitToView();

    /** Scene coordinates as canvas (design) coordinates, for drops. */
    default javafx.geometry.Point2D toDesign(double sceneX, double sceneY) {
        return new javafx.geometry.Point2D(sceneX, sceneY);
    }

    void zoomTo100();

    /** The placement explanation of the selected task, for the bottom area; null for none. */
    default Node placementView(WindowState state) {
        return null;
    }

    /** A picture of the whole design at the scale, or null when there is no canvas. */
    default javafx.scene.image.WritableImage picture(double scale) {
        return null;
    }

    /** The whole design as SVG, or null when there is no canvas. */
    default String svg() {
        return null;
    }

    /** Zooms in (factor above 1) or out around the middle of the view. */
    default void zoomBy(double factor) {
    }

    /** Draws what runs over the design on every canvas from now on. */
    default void showLive(io.stowage.ui.canvas.LiveOverlay overlay) {
    }

    /** Redraws what runs, after a batch of runtime changes. */
    default void refreshLive() {
    }
}
