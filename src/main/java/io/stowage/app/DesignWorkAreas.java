package io.stowage.app;

import io.stowage.ui.canvas.DesignCanvas;
import io.stowage.ui.canvas.LiveOverlay;
import io.stowage.ui.common.WindowState;
import io.stowage.ui.inspector.Inspector;
import io.stowage.ui.shell.WorkAreas;
import javafx.geometry.Point2D;
import javafx.scene.Node;

/** The canvas and inspector of each open document. */
public final class DesignWorkAreas implements WorkAreas {
    private DesignCanvas canvas;
    private io.stowage.ui.canvas.PlacementView placement;
    private Inspector inspector;
    private LiveOverlay live;

    @Override
    public Node canvas(WindowState state) {
        if (canvas != null) {
            canvas.dispose();
        }
        canvas = new DesignCanvas(state);
        if (live != null) {
            canvas.showLive(live);
        }
        return canvas;
    }

    @Override
    public Node placementView(WindowState state) {
        if (placement != null) {
            placement.dispose();
        }
        placement = new io.stowage.ui.canvas.PlacementView(state);
        return placement.node();
    }

    @Override
    public Node inspector(WindowState state) {
        if (inspector != null) {
            inspector.dispose();
        }
        inspector = new Inspector(state);
        return inspector.node();
    }

    @Override
    public void fitToView() {
        if (canvas != null) {
            canvas.fitToView();
        }
    }

    @Override
    public void zoomTo100() {
        if (canvas != null) {
            canvas.zoomTo100();
        }
    }

    @Override
    public javafx.scene.image.WritableImage picture(double scale) {
        return canvas == null ? null : canvas.picture(scale);
    }

    @Override
    public String svg() {
        return canvas == null ? null : canvas.svg();
    }

    @Override
    public void zoomBy(double factor) {
        if (canvas != null) {
            canvas.zoomBy(factor);
        }
    }

    @Override
    public void showLive(LiveOverlay overlay) {
        live = overlay;
        if (canvas != null) {
            canvas.showLive(overlay);
        }
    }

    @Override
    public void refreshLive() {
        if (canvas != null) {
            canvas.refreshLive();
        }
    }

    @Override
    public Point2D toDesign(double sceneX, double sceneY) {
        return canvas == null ? new Point2D(sceneX, sceneY) : canvas.world().sceneToLocal(sceneX, sceneY);
    }
}
