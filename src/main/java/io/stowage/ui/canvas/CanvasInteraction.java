package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.ElementId;
import io.stowage.ui.common.Selection;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.Rectangle;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Mouse and keyboard on the canvas: click selects, shift-click toggles, a drag on empty canvas draws a rubber
 * band, a drag on an element moves the selection (previewed in place, one edit on release), a drag of the one
 * selected element's corner handle resizes it (likewise one edit), a click on a task chip selects that task, arrow
 * keys nudge
 * (1 px, 10 with shift, merging), Ctrl+wheel zooms around the pointer, the wheel and a middle-button drag
 * pan. The right button is left to the context menu.
 */
final class CanvasInteraction {
    private enum Mode { NONE, MOVE, BAND, PAN, RESIZE }

    private final DesignCanvas canvas;
    private Mode mode = Mode.NONE;
    private Point2D pressScreen;
    private Point2D pressWorld;
    private Point2D lastLocal;
    private ElementId pressed;
    private boolean reduceOnRelease;
    private double dx;
    private double dy;
    private Set<ElementId> bandBase = Set.of();
    private ElementId resizing;
    private Bounds resizeFrom;
    private Bounds resizeTo;

    CanvasInteraction(DesignCanvas canvas) {
        this.canvas = canvas;
    }

    void install() {
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            canvas.viewport().zoomAt(e.getX(), e.getY(), e.getZoomFactor());
            e.consume();
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        pressScreen = new Point2D(e.getX(), e.getY());
        lastLocal = pressScreen;
        pressWorld = canvas.viewport().toWorld(e.getX(), e.getY());
        dx = 0;
        dy = 0;
        if (e.getButton() == MouseButton.MIDDLE) {
            mode = Mode.PAN;
            canvas.setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        resizing = canvas.handleAt(e.getX(), e.getY());
        if (resizing != null && canvas.drawnBounds().get(resizing) != null) {
            mode = Mode.RESIZE;
            resizeFrom = canvas.drawnBounds().get(resizing);
            resizeTo = resizeFrom;
            e.consume();
            return;
        }
        Selection selection = canvas.selection();
        io.stowage.model.placement.TaskRef task = e.isShiftDown() || e.getPickResult() == null ? null
                : CanvasIds.taskOf(e.getPickResult().getIntersectedNode());
        if (task != null) {
            // A chip is a task: selecting it selects its service and explains where it went.
            selection.selectTask(CanvasIds.workloadOf(task), task);
            mode = Mode.NONE;
            e.consume();
            return;
        }
        pressed = canvas.elementAt(pressWorld.getX(), pressWorld.getY());
        reduceOnRelease = false;
        if (pressed == null) {
            mode = Mode.BAND;
            bandBase = e.isShiftDown() ? new LinkedHashSet<>(selection.elements()) : Set.of();
            if (!e.isShiftDown()) {
                selection.clear();
            }
        } else {
            if (e.isShiftDown()) {
                selection.toggle(pressed);
            } else if (!selection.elements().contains(pressed)) {
                selection.select(pressed);
            } else {
                reduceOnRelease = selection.elements().size() > 1;
            }
            mode = selection.elements().contains(pressed) ? Mode.MOVE : Mode.NONE;
        }
        e.consume();
    }

    private void dragged(MouseEvent e) {
        Point2D world = canvas.viewport().toWorld(e.getX(), e.getY());
        switch (mode) {
            case MOVE -> {
                double[] kept = canvas.keptInside(Math.round(world.getX() - pressWorld.getX()),
                        Math.round(world.getY() - pressWorld.getY()));
                dx = kept[0];
                dy = kept[1];
                canvas.preview(dx, dy);
                canvas.setCursor(Cursor.MOVE);
            }
            case BAND -> {
                Rectangle band = canvas.band();
                double x = Math.min(pressScreen.getX(), e.getX());
                double y = Math.min(pressScreen.getY(), e.getY());
                band.setX(x);
                band.setY(y);
                band.setWidth(Math.abs(e.getX() - pressScreen.getX()));
                band.setHeight(Math.abs(e.getY() - pressScreen.getY()));
                band.setVisible(true);
                Set<ElementId> selected = new LinkedHashSet<>(bandBase);
                selected.addAll(canvas.elementsWithin(bandArea(world)));
                canvas.selection().selectAll(selected);
            }
            case PAN -> {
                canvas.viewport().panBy(e.getX() - lastLocal.getX(), e.getY() - lastLocal.getY());
                lastLocal = new Point2D(e.getX(), e.getY());
            }
            case RESIZE -> {
                Bounds min = canvas.smallestSize(resizing);
                double width = Math.max(min.width(), Math.round(resizeFrom.width() + world.getX() - pressWorld.getX()));
                double height = Math.max(min.height(), Math.round(resizeFrom.height() + world.getY() - pressWorld.getY()));
                resizeTo = resizeFrom.resizedTo(width, height);
                canvas.previewResize(resizing, resizeTo);
                canvas.setCursor(Cursor.SE_RESIZE);
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private Bounds bandArea(Point2D world) {
        return new Bounds(Math.min(pressWorld.getX(), world.getX()), Math.min(pressWorld.getY(), world.getY()),
                Math.abs(world.getX() - pressWorld.getX()), Math.abs(world.getY() - pressWorld.getY()));
    }

    private void released(MouseEvent e) {
        switch (mode) {
            case MOVE -> {
                if (dx != 0 || dy != 0) {
                    canvas.commitMove(dx, dy, false);
                } else if (reduceOnRelease && pressed != null) {
                    canvas.selection().select(pressed);
                }
            }
            case BAND -> canvas.band().setVisible(false);
            case RESIZE -> canvas.commitResize(resizing, resizeTo);
            default -> {
            }
        }
        mode = Mode.NONE;
        canvas.setCursor(Cursor.DEFAULT);
        e.consume();
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            canvas.viewport().zoomAt(e.getX(), e.getY(), Math.pow(1.0015, e.getDeltaY()));
        } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            canvas.viewport().panBy(e.getDeltaY(), 0);
        } else {
            canvas.viewport().panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        if (canvas.selection().elements().isEmpty() || mode != Mode.NONE) {
            return;
        }
        double step = e.isShiftDown() ? 10 : 1;
        switch (e.getCode()) {
            case LEFT -> canvas.commitMove(-step, 0, true);
            case RIGHT -> canvas.commitMove(step, 0, true);
            case UP -> canvas.commitMove(0, -step, true);
            case DOWN -> canvas.commitMove(0, step, true);
            default -> {
                return;
            }
        }
        e.consume();
    }
}
