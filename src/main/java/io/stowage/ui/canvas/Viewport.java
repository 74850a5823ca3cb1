package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/** Zoom and pan of the world group: screen = translate + scale × world. */
final class Viewport {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4;
    private static final double FIT_MARGIN = 24;

    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);

    Viewport(Group world) {
        world.getTransforms().setAll(translate, scale);
    }

    double zoom() {
        return scale.getX();
    }

    Point2D toWorld(double x, double y) {
        return new Point2D((x - translate.getX()) / zoom(), (y - translate.getY()) / zoom());
    }

    void panBy(double dx, double dy) {
        translate.setX(translate.getX() + dx);
        translate.setY(translate.getY() + dy);
    }

    /** Zooms by the factor keeping the world point under (x, y) in place. */
    void zoomAt(double x, double y, double factor) {
        Point2D anchor = toWorld(x, y);
        double zoom = clamp(zoom() * factor);
        set(zoom, x - anchor.getX() * zoom, y - anchor.getY() * zoom);
    }

    /** Fits the extent into a view of the given size, centred, never above 100 %... unless tiny content. */
    void fit(Bounds extent, double width, double height) {
        if (extent == null || width <= 0 || height <= 0) {
            set(1, 0, 0);
            return;
        }
        double zoom = clamp(Math.min((width - 2 * FIT_MARGIN) / Math.max(1, extent.width()),
                (height - 2 * FIT_MARGIN) / Math.max(1, extent.height())));
        zoom = Math.min(zoom, 1.5);
        set(zoom, (width - extent.width() * zoom) / 2 - extent.x() * zoom,
                (height - extent.height() * zoom) / 2 - extent.y() * zoom);
    }

    void set(double zoom, double tx, double ty) {
        scale.setX(zoom);
        scale.setY(zoom);
        translate.setX(tx);
        translate.setY(ty);
    }

    private static double clamp(double zoom) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    }
}
