package io.stowage.ui.canvas;

import io.stowage.edit.DesignEdits;
import io.stowage.edit.Edit;
import io.stowage.edit.EditHistory;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.placement.TaskRef;
import io.stowage.ui.common.DesignAnalysis;
import io.stowage.ui.common.Selection;
import javafx.beans.value.ChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The design canvas: draws the current document of an {@link EditHistory} (clusters with their instances,
 * Fargate capacity, services and tasks; task definitions with their containers; relations), follows and changes
 * the shared {@link Selection}, and turns drags and arrow keys into move and resize edits. Zoom and pan apply to
 * a world group inside this region; element bounds are world (canvas) coordinates. Drawing is incremental
 * ({@link CanvasRenderer}): an edit redraws only the elements it changes.
 */
public final class DesignCanvas extends Region {
    private final EditHistory history;
    private final Selection selection;
    private final DesignAnalysis analysis;
    private final Group world = new Group();
    private final Viewport viewport = new Viewport(world);
    private final CanvasRenderer renderer = new CanvasRenderer();
    private final Rectangle band = new Rectangle();
    private final Rectangle handle = new Rectangle(10, 10);
    private final Consumer<EditHistory> historyListener = h -> render();
    private final SetChangeListener<ElementId> selectionListener = change -> showSelection();
    private final ChangeListener<TaskRef> taskListener = (obs, was, task) -> showExplainedTask();
    /** The chips of each task: where it runs, and on its service when it is pending. */
    private final Map<TaskRef, List<Node>> chips = new HashMap<>();
    /** Nodes drawn selected, and nodes moved by a drag preview, so that only those are touched again. */
    private final Set<ElementId> shownSelected = new HashSet<>();
    private final Set<Node> previewed = new HashSet<>();
    private Design rendered;
    private LiveOverlay live;
    private boolean liveDrawn;
    private Map<ElementId, Bounds> layout = Map.of();
    private TaskRef explained;
    /** A design opens fitted to the view, once the canvas knows its size. */
    private boolean fitPending = true;

    /** A canvas on its own, with findings and placement of its own (a test, a picture). */
    public DesignCanvas(EditHistory history, Selection selection) {
        this(history, selection, new DesignAnalysis());
    }

    /** The canvas of a window's document: the window's selection, and its placement computed once per revision. */
    public DesignCanvas(io.stowage.ui.common.WindowState state) {
        this(state.history(), state.selection(), state.analysis());
    }

    private DesignCanvas(EditHistory history, Selection selection, DesignAnalysis analysis) {
        this.history = history;
        this.selection = selection;
        this.analysis = analysis;
        setId("design-canvas");
        getStyleClass().add("design-canvas");
        setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        band.getStyleClass().add("rubber-band");
        band.setId("rubber-band");
        band.setManaged(false);
        band.setVisible(false);
        band.setMouseTransparent(true);
        handle.getStyleClass().add("resize-handle");
        handle.setId("resize-handle");
        handle.setManaged(false);
        handle.setVisible(false);
        handle.setMouseTransparent(true);
        world.getChildren().setAll(renderer.layers());
        getChildren().addAll(world, band, handle);
        // A change listener, not an invalidation one: the transform is computed lazily and, unread, would
        // invalidate once only, leaving the handle behind after the next Fit or zoom.
        world.localToParentTransformProperty().addListener((o, was, is) -> placeHandle());
        history.addListener(historyListener);
        selection.elements().addListener(selectionListener);
        selection.taskProperty().addListener(taskListener);
        new CanvasInteraction(this).install();
        io.stowage.ui.common.HoverTips.install(this, "canvas-tooltip");
        render();
    }

    /** This canvas, for callers that place it in a layout. */
    public Node node() {
        return this;
    }

    /** Stops following the history and the selection (when the design is closed). */
    public void dispose() {
        history.removeListener(historyListener);
        selection.elements().removeListener(selectionListener);
        selection.taskProperty().removeListener(taskListener);
    }

    /** Zooms and pans so that the whole design is in view. */
    public void fitToView() {
        double width = getWidth() > 0 ? getWidth() : prefWidth(-1);
        double height = getHeight() > 0 ? getHeight() : prefHeight(-1);
        viewport.fit(EffectiveLayout.extent(layout), width, height);
    }

    /** Zoom 100 %, keeping the centre of the view in place. */
    public void zoomTo100() {
        viewport.zoomAt(getWidth() / 2, getHeight() / 2, 1 / viewport.zoom());
    }

    /** Zooms in (factor above 1) or out around the centre of the view. */
    public void zoomBy(double factor) {
        viewport.zoomAt(getWidth() / 2, getHeight() / 2, factor);
    }

    /** The zoom factor, 1 at 100 %. */
    public double zoom() {
        return viewport.zoom();
    }

    /** The area a picture of the whole design shows, in canvas coordinates: every element and a margin. */
    public Rectangle2D pictureArea() {
        return CanvasPicture.area(layout);
    }

    /** A picture of the whole design (not only what is in view) at the scale, as on screen but unselected. */
    public WritableImage picture(double scale) {
        return unselected(() -> CanvasPicture.image(world, pictureArea(), scale, CanvasPicture.background(this)));
    }

    /** The whole design as SVG: the same nodes, colours and fonts as on screen, unselected. */
    public String svg() {
        return unselected(() -> CanvasPicture.svg(world, pictureArea(), CanvasPicture.background(this)));
    }

    /** Runs the export with no element drawn as selected, all within one pulse, so the screen never shows it. */
    private <T> T unselected(Supplier<T> export) {
        renderer.nodes().values().forEach(n -> n.pseudoClassStateChanged(CanvasIds.SELECTED, false));
        world.applyCss();
        world.layout();
        try {
            return export.get();
        } finally {
            shownSelected.clear();
            showSelection();
            world.applyCss();
        }
    }

    /** The node drawn for an element, or null. */
    public Region nodeOf(ElementId id) {
        return renderer.nodes().get(id);
    }

    /** Where each element is drawn now, in canvas coordinates. */
    public Map<ElementId, Bounds> drawnBounds() {
        return layout;
    }

    /** The group that zoom and pan apply to; its local coordinates are canvas coordinates. */
    public Group world() {
        return world;
    }

    /** The tooltip text of a node drawn on the canvas, or null. */
    public static String tooltipOf(Node node) {
        return io.stowage.ui.common.HoverTips.under(node);
    }

    /** The chips standing for the task (where it runs, or pending on its service). */
    public List<Node> chipsOf(TaskRef task) {
        return List.copyOf(chips.getOrDefault(task, List.of()));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        // The world keeps its own size; only the band and the handle are placed by hand.
        if (fitPending && getWidth() > 0 && getHeight() > 0) {
            fitPending = false;
            fitToView();
        }
    }

    // ------------------------------------------------------------------ rendering

    private void render() {
        Design design = history.current();
        if (design == rendered) {
            return;
        }
        rendered = design;
        layout = EffectiveLayout.of(design);
        clearPreview();
        renderer.render(design, layout, analysis.placement(design));
        indexChips();
        if (live != null && live.active()) {
            LiveChips.draw(design, renderer.nodes(), live);
            liveDrawn = true;
        }
        showSelection();
        explained = null;
        showExplainedTask();
    }

    /**
     * Draws what runs over the design from now on: live task chips in place of the simulated ones, the agents'
     * reports, the services' live counts. Call {@link #refreshLive()} after each batch of runtime changes.
     */
    public void showLive(LiveOverlay overlay) {
        live = overlay;
        refreshLive();
    }

    /** Redraws the live parts; when nothing runs any more, the simulated placement comes back. */
    public void refreshLive() {
        if (live != null && live.active()) {
            LiveChips.draw(rendered, renderer.nodes(), live);
            liveDrawn = true;
        } else if (liveDrawn) {
            liveDrawn = false;
            renderer.forget();
            rendered = null;
            render();
        }
    }

    private void indexChips() {
        chips.clear();
        for (Region node : renderer.nodes().values()) {
            for (Node child : node.getChildrenUnmodifiable()) {
                if (child.getStyleClass().contains("task-chips")) {
                    for (Node chip : ((Parent) child).getChildrenUnmodifiable()) {
                        if (chip.getProperties().get(CanvasIds.TASK) instanceof TaskRef task) {
                            chips.computeIfAbsent(task, t -> new ArrayList<>(2)).add(chip);
                        }
                    }
                }
            }
        }
    }

    private void showExplainedTask() {
        if (explained != null) {
            chips.getOrDefault(explained, List.of()).forEach(c -> c.pseudoClassStateChanged(CanvasIds.EXPLAINED, false));
        }
        explained = selection.taskProperty().get();
        if (explained != null) {
            chips.getOrDefault(explained, List.of()).forEach(c -> c.pseudoClassStateChanged(CanvasIds.EXPLAINED, true));
        }
    }

    /**
     * Marks the selected nodes, touching only those whose state changes: nodes are drawn unselected, and a node
     * kept across a redraw keeps the state it was given.
     */
    private void showSelection() {
        Set<ElementId> now = new HashSet<>(selection.elements());
        Map<ElementId, Region> nodes = renderer.nodes();
        for (ElementId id : shownSelected) {
            if (!now.contains(id) && nodes.containsKey(id)) {
                nodes.get(id).pseudoClassStateChanged(CanvasIds.SELECTED, false);
            }
        }
        for (ElementId id : now) {
            if (nodes.containsKey(id)) {
                nodes.get(id).pseudoClassStateChanged(CanvasIds.SELECTED, true);
            }
        }
        shownSelected.clear();
        shownSelected.addAll(now);
        placeHandle();
    }

    /** The resize handle sits on the bottom-right corner of the one selected element, in screen pixels. */
    private void placeHandle() {
        ElementId only = selection.elements().size() == 1 ? selection.primary() : null;
        Bounds b = only == null ? null : layout.get(only);
        if (b == null) {
            handle.setVisible(false);
            return;
        }
        moveHandleTo(b);
        handle.setVisible(true);
    }

    private void moveHandleTo(Bounds b) {
        Point2D corner = world.localToParent(b.right(), b.bottom());
        handle.setX(corner.getX() - handle.getWidth() / 2);
        handle.setY(corner.getY() - handle.getHeight() / 2);
    }

    // ------------------------------------------------------------------ used by the interaction

    Viewport viewport() {
        return viewport;
    }

    Selection selection() {
        return selection;
    }

    Rectangle band() {
        return band;
    }

    /** The innermost element drawn at the world point (the last drawn wins), or null. */
    ElementId elementAt(double x, double y) {
        ElementId hit = null;
        for (ElementId id : renderer.nodes().keySet()) {
            Bounds b = layout.get(id);
            if (x >= b.x() && x <= b.right() && y >= b.y() && y <= b.bottom()) {
                hit = id;
            }
        }
        return hit;
    }

    /** The elements whose bounds lie inside the world rectangle, in drawing order. */
    List<ElementId> elementsWithin(Bounds area) {
        List<ElementId> out = new ArrayList<>();
        layout.forEach((id, b) -> {
            if (area.contains(b)) {
                out.add(id);
            }
        });
        return out;
    }

    /** The element whose resize handle is at the canvas point, or null. */
    ElementId handleAt(double x, double y) {
        double slack = 3;
        if (!handle.isVisible() || x < handle.getX() - slack || y < handle.getY() - slack
                || x > handle.getX() + handle.getWidth() + slack || y > handle.getY() + handle.getHeight() + slack) {
            return null;
        }
        return selection.primary();
    }

    /**
     * The move by dx, dy limited so that no moved element leaves the element holding it (a service its
     * cluster, a container its card) unless that one moves too; one already outside may come back, not go
     * further.
     */
    double[] keptInside(double dx, double dy) {
        Set<ElementId> moving = Set.copyOf(selection.elements());
        double loX = -Double.MAX_VALUE;
        double hiX = Double.MAX_VALUE;
        double loY = -Double.MAX_VALUE;
        double hiY = Double.MAX_VALUE;
        for (Map.Entry<ElementId, Bounds> entry : layout.entrySet()) {
            ElementId id = entry.getKey();
            ElementId parent = id.parent();
            Bounds outer = parent == null ? null : layout.get(parent);
            if (outer == null || !EffectiveLayout.isMoved(id, moving) || EffectiveLayout.isMoved(parent, moving)) {
                continue;
            }
            Bounds b = entry.getValue();
            loX = Math.max(loX, Math.min(0, outer.x() - b.x()));
            hiX = Math.min(hiX, Math.max(0, outer.right() - b.right()));
            loY = Math.max(loY, Math.min(0, outer.y() - b.y()));
            hiY = Math.min(hiY, Math.max(0, outer.bottom() - b.bottom()));
        }
        return new double[] {Math.max(loX, Math.min(hiX, dx)), Math.max(loY, Math.min(hiY, dy))};
    }

    /** The smallest size the element may be resized to: readable, and still holding what is inside it. */
    Bounds smallestSize(ElementId id) {
        Bounds min = minimumSize(id);
        Bounds b = layout.get(id);
        double width = min.width();
        double height = min.height();
        if (b != null) {
            for (Map.Entry<ElementId, Bounds> entry : layout.entrySet()) {
                if (entry.getKey().isInside(id)) {
                    width = Math.max(width, entry.getValue().right() - b.x());
                    height = Math.max(height, entry.getValue().bottom() - b.y());
                }
            }
        }
        return new Bounds(0, 0, width, height);
    }

    /** The smallest bounds an element may be resized to, so that its heading stays readable. */
    static Bounds minimumSize(ElementId id) {
        return switch (id.kind()) {
            case ElementId.CLUSTER -> new Bounds(0, 0, 220, 100);
            case ElementId.CONTAINER -> new Bounds(0, 0, 120, 40);
            case ElementId.TASK_DEFINITION -> new Bounds(0, 0, 160, 60);
            default -> new Bounds(0, 0, 150, 70);
        };
    }

    /**
     * Shows the selected elements (and what they hold) moved by dx, dy without changing the document: only
     * their nodes and the relations touching them are touched, so a drag costs the same on any design.
     */
    void preview(double dx, double dy) {
        Set<ElementId> moving = Set.copyOf(selection.elements());
        Set<Node> now = new HashSet<>();
        Set<ElementId> movedIds = new HashSet<>();
        renderer.nodes().forEach((id, node) -> {
            if (EffectiveLayout.isMoved(id, moving)) {
                node.setTranslateX(dx);
                node.setTranslateY(dy);
                now.add(node);
                movedIds.add(id);
            }
        });
        for (Node node : previewed) {
            if (!now.contains(node)) {
                node.setTranslateX(0);
                node.setTranslateY(0);
            }
        }
        previewed.clear();
        previewed.addAll(now);
        renderer.moveRelations(movedIds::contains, id -> {
            Bounds b = layout.get(id);
            return movedIds.contains(id) ? b.movedTo(b.x() + dx, b.y() + dy) : b;
        });
        handle.setVisible(false);
    }

    private void clearPreview() {
        for (Node node : previewed) {
            node.setTranslateX(0);
            node.setTranslateY(0);
        }
        previewed.clear();
    }

    /** Ends a preview: pushes one edit moving the selection by dx, dy (none when both are 0), then redraws. */
    void commitMove(double requestedDx, double requestedDy, boolean merging) {
        double[] kept = keptInside(requestedDx, requestedDy);
        double dx = kept[0];
        double dy = kept[1];
        boolean changed = false;
        if ((dx != 0 || dy != 0) && !selection.elements().isEmpty()) {
            Edit edit = moveEdit(history.current(), new LinkedHashSet<>(selection.elements()), dx, dy);
            if (!merging) {
                edit = edit.unmerged();
            }
            changed = history.push(edit);
        }
        if (!changed) {
            undoPreview();
        }
    }

    /** Puts what a preview moved or resized back where the document has it. */
    private void undoPreview() {
        clearPreview();
        renderer.moveRelations(id -> true, layout::get);
        renderer.nodes().forEach((id, node) -> ElementViews.place(node, layout.get(id)));
        placeHandle();
    }

    /** Shows the element at the new bounds without changing the document. */
    void previewResize(ElementId id, Bounds bounds) {
        Region node = renderer.nodes().get(id);
        if (node == null) {
            return;
        }
        ElementViews.place(node, bounds);
        renderer.moveRelations(id::equals, other -> other.equals(id) ? bounds : layout.get(other));
        moveHandleTo(bounds);
    }

    /** Ends a resize: one edit giving the element its new bounds (none when unchanged), then redraws. */
    void commitResize(ElementId id, Bounds bounds) {
        boolean changed = false;
        if (!bounds.equals(layout.get(id))) {
            changed = history.push(DesignEdits.resize(history.current(), id, bounds).unmerged());
        }
        if (!changed) {
            undoPreview();
        }
    }

    /**
     * {@link DesignEdits#moveBy}; when an element to move has no bounds of its own yet (drawn where the auto layout
     * put it) the drawn bounds are written instead, so that it moves too.
     */
    private Edit moveEdit(Design design, Set<ElementId> elements, double dx, double dy) {
        boolean allStored = layout.keySet().stream().filter(id -> EffectiveLayout.isMoved(id, elements))
                .allMatch(id -> design.layout().bounds().containsKey(id));
        if (allStored) {
            return DesignEdits.moveBy(design, elements, dx, dy);
        }
        Map<ElementId, Bounds> moved = new LinkedHashMap<>();
        EffectiveLayout.offset(layout, elements, dx, dy).forEach((id, b) -> {
            if (EffectiveLayout.isMoved(id, elements)) {
                moved.put(id, b);
            }
        });
        return DesignEdits.move(design, Collections.unmodifiableMap(moved));
    }
}
