package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.ElementId;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.transform.NonInvertibleTransformException;
import javafx.scene.transform.Transform;

import java.util.Map;

/** The picture of a whole design on the canvas: the area it covers, a PNG-ready image, and SVG. */
final class CanvasPicture {
    private static final double MARGIN = 24;

    private CanvasPicture() {
    }

    /** Every element and a margin, in canvas coordinates. */
    static Rectangle2D area(Map<ElementId, Bounds> layout) {
        Bounds extent = EffectiveLayout.extent(layout);
        if (extent == null) {
            return new Rectangle2D(0, 0, 400, 300);
        }
        return new Rectangle2D(Math.floor(extent.x() - MARGIN), Math.floor(extent.y() - MARGIN),
                Math.ceil(extent.width() + 2 * MARGIN), Math.ceil(extent.height() + 2 * MARGIN));
    }

    /** The world group as an image of the area at the scale, whatever the zoom and pan on screen. */
    static WritableImage image(Group world, Rectangle2D area, double scale, Paint background) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(background);
        // The snapshot applies the world's own zoom and pan; undo them, then scale as asked.
        Transform undoView;
        try {
            undoView = world.getLocalToParentTransform().createInverse();
        } catch (NonInvertibleTransformException e) {
            undoView = Transform.scale(1, 1);
        }
        parameters.setTransform(Transform.scale(scale, scale).createConcatenation(undoView));
        parameters.setViewport(new Rectangle2D(area.getMinX() * scale, area.getMinY() * scale,
                area.getWidth() * scale, area.getHeight() * scale));
        return world.snapshot(parameters, null);
    }

    static String svg(Group world, Rectangle2D area, Paint background) {
        return SvgWriter.write(world, area, background);
    }

    /** The region's first background colour, as the picture's background. */
    static Paint background(Region region) {
        region.applyCss();
        var fills = region.getBackground() == null ? java.util.List.<javafx.scene.layout.BackgroundFill>of()
                : region.getBackground().getFills();
        return fills.isEmpty() ? Color.WHITE : fills.get(0).getFill();
    }
}
