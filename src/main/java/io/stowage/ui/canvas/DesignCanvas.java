package io.stowage.ui.canvas;

import io.stowage.edit.DesignEdits;
import io.stowage.edit.Edit;
import io.stowage.edit.EditHistory;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.PlacementResult;
import io.stowage.ui.common.Selection;
import javafx.collections.SetChangeListener;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The design canvas: draws the current document of an {@link EditHistory} (clusters with their instances,
 * Fargate capacity, services and tasks; task definitions with their containers; relations), follows and changes
 * the shared {@link Selection}, and turns drags and arrow keys into move edits. Zoom and pan apply to a world
 * group inside this region; element bounds are world (canvas) coordinates.
 */
public final class DesignCanvas extends Region {
    private final EditHistory history;
    private final Selection selection;
    private final Group world = new Group();
    private final Viewport viewport = new Viewport(world);
    private final Rectangle band = new Rectangle();
    private final Rectangle handle = new Rectangle(10, 10);
    private final Consumer<EditHistory> historyListener = h -> render();
    private final SetChangeListener<ElementId> selectionListener = change -> showSelection();
    private final javafx.beans.value.ChangeListener<io.stowage.model.placement.TaskRef> taskListener =
            (obs, was, task) -> showExplainedTask();
    private Design rendered;
    private LiveOverlay live;
    private boolean liveDrawn;
    private Map<ElementId, Bounds> layout = Map.of();
    private final Map<ElementId, Region> nodes = new LinkedHashMap<>();
    /** The chips of each task: where it runs, and on its service when it is pending. */
    private final Map<io.stowage.model.placement.TaskRef, List<Node>> chips = new java.util.HashMap<>();
    private Group workloadRelations = new Group();
    private Group containerRelations = new Group();
    /** A design opens fitted to the view, once the canvas knows its size. */
    private boolean fitPending = true;

    public DesignCanvas(EditHistory history, Selection selection) {
        this.history = history;
        this.selection = selection;
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
        getChildren().addAll(world, band, handle);
        world.localToParentTransformProperty().addListener(o -> placeHandle());
        history.addListener(historyListener);
        selection.elements().addListener(selectionListener);
        selection.taskProperty().addListener(taskListener);
        new CanvasInteraction(this).install();
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
    public javafx.geometry.Rectangle2D pictureArea() {
        Bounds extent = EffectiveLayout.extent(layout);
        if (extent == null) {
            return new javafx.geometry.Rectangle2D(0, 0, 400, 300);
        }
        double margin = 24;
        return new javafx.geometry.Rectangle2D(Math.floor(extent.x() - margin), Math.floor(extent.y() - margin),
                Math.ceil(extent.width() + 2 * margin), Math.ceil(extent.height() + 2 * margin));
    }

    /** A picture of the whole design (not only what is in view) at the scale, as on screen but unselected. */
    public javafx.scene.image.WritableImage picture(double scale) {
        javafx.geometry.Rectangle2D area = pictureArea();
        return unselected(() -> {
            javafx.scene.SnapshotParameters parameters = new javafx.scene.SnapshotParameters();
            parameters.setFill(background());
            // The snapshot applies the world's own zoom and pan; undo them, then scale as asked.
            javafx.scene.transform.Transform undoView;
            try {
                undoView = world.getLocalToParentTransform().createInverse();
            } catch (javafx.scene.transform.NonInvertibleTransformException e) {
                undoView = javafx.scene.transform.Transform.scale(1, 1);
            }
            parameters.setTransform(javafx.scene.transform.Transform.scale(scale, scale).createConcatenation(undoView));
            parameters.setViewport(new javafx.geometry.Rectangle2D(area.getMinX() * scale, area.getMinY() * scale,
                    area.getWidth() * scale, area.getHeight() * scale));
            return world.snapshot(parameters, null);
        });
    }

    /** The whole design as SVG: the same nodes, colours and fonts as on screen, unselected. */
    public String svg() {
        return unselected(() -> SvgWriter.write(world, pictureArea(), background()));
    }

    private javafx.scene.paint.Paint background() {
        applyCss();
        var fills = getBackground() == null ? java.util.List.<javafx.scene.layout.BackgroundFill>of() : getBackground().getFills();
        return fills.isEmpty() ? javafx.scene.paint.Color.WHITE : fills.get(0).getFill();
    }

    /** Runs the export with no element drawn as selected, all within one pulse, so the screen never shows it. */
    private <T> T unselected(java.util.function.Supplier<T> export) {
        nodes.values().forEach(n -> n.pseudoClassStateChanged(CanvasIds.SELECTED, false));
        world.applyCss();
        world.layout();
        try {
            return export.get();
        } finally {
            showSelection();
            world.applyCss();
        }
    }

    /** The node drawn for an element, or null. */
    public Region nodeOf(ElementId id) {
        return nodes.get(id);
    }

    /** Where each element is drawn now, in canvas coordinates. */
    public Map<ElementId, Bounds> drawnBounds() {
        return layout;
    }

    /** The group that zoom and pan apply to; its local coordinates are canvas coordinates. */
    public Group world() {
        return world;
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
        // The world keeps its own size; only the band is placed by hand.
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
        PlacementResult placement = io.stowage.ui.common.DesignPlacement.of(design);
        nodes.clear();
        List<Node> clusters = new ArrayList<>();
        List<Node> inside = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            add(clusters, cluster.elementId(), b -> ElementViews.cluster(cluster, b));
            if (cluster.fargate() != null) {
                add(inside, ElementId.fargate(cluster.id()), b -> ElementViews.fargate(cluster, cluster.fargate(), placement, b));
            }
            for (ContainerInstance instance : cluster.instances()) {
                add(inside, ElementId.instance(cluster.id(), instance.id()), b -> ElementViews.instance(cluster.id(),
                        instance, placement.instance(cluster.id(), instance.id()).orElse(null), cluster, b));
            }
            for (Service service : cluster.services()) {
                add(inside, ElementId.service(cluster.id(), service.id()), b -> ElementViews.service(cluster, service, placement, b));
            }
            for (StandaloneTask task : cluster.tasks()) {
                add(inside, ElementId.task(cluster.id(), task.id()), b -> ElementViews.standaloneTask(cluster, task, placement, b));
            }
        }
        List<Node> cards = new ArrayList<>();
        List<Node> containers = new ArrayList<>();
        for (TaskDefinition td : design.taskDefinitionList()) {
            add(cards, ElementId.taskDefinition(td.family()), b -> ElementViews.taskDefinition(td, b));
            for (ContainerDefinition container : td.containerDefinitions()) {
                if (container.name() != null) {
                    add(containers, ElementId.container(td.family(), container.name()),
                            b -> ElementViews.container(td.family(), container, b));
                }
            }
        }
        workloadRelations = RelationLayer.workloads(design, layout);
        containerRelations = RelationLayer.containers(design, layout);
        List<Node> children = new ArrayList<>(clusters);
        children.add(workloadRelations);
        children.addAll(inside);
        children.addAll(cards);
        children.addAll(containers);
        children.add(containerRelations);
        world.getChildren().setAll(children);
        indexChips();
        if (live != null && live.active()) {
            LiveChips.draw(design, nodes, live);
            liveDrawn = true;
        }
        showSelection();
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
            LiveChips.draw(rendered, nodes, live);
            liveDrawn = true;
        } else if (liveDrawn) {
            liveDrawn = false;
            rendered = null;
            render();
        }
    }

    private void indexChips() {
        chips.clear();
        for (Region node : nodes.values()) {
            for (Node child : node.getChildrenUnmodifiable()) {
                if (child.getStyleClass().contains("task-chips")) {
                    for (Node chip : ((javafx.scene.Parent) child).getChildrenUnmodifiable()) {
                        if (chip.getProperties().get(CanvasIds.TASK) instanceof io.stowage.model.placement.TaskRef task) {
                            chips.computeIfAbsent(task, t -> new ArrayList<>(2)).add(chip);
                        }
                    }
                }
            }
        }
    }

    private io.stowage.model.placement.TaskRef explained;

    private void showExplainedTask() {
        if (explained != null) {
            chips.getOrDefault(explained, List.of()).forEach(c -> c.pseudoClassStateChanged(CanvasIds.EXPLAINED, false));
        }
        explained = selection.taskProperty().get();
        if (explained != null) {
            chips.getOrDefault(explained, List.of()).forEach(c -> c.pseudoClassStateChanged(CanvasIds.EXPLAINED, true));
        }
    }

    /** The chips standing for the task (where it runs, or pending on its service). */
    public List<Node> chipsOf(io.stowage.model.placement.TaskRef task) {
        return List.copyOf(chips.getOrDefault(task, List.of()));
    }

    private void add(List<Node> into, ElementId id, java.util.function.Function<Bounds, Region> view) {
        Bounds bounds = layout.get(id);
        if (bounds == null || nodes.containsKey(id)) {
            return;
        }
        Region node = view.apply(bounds);
        nodes.put(id, node);
        into.add(node);
    }

    private void showSelection() {
        nodes.forEach((id, node) -> node.pseudoClassStateChanged(CanvasIds.SELECTED, selection.elements().contains(id)));
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
        javafx.geometry.Point2D corner = world.localToParent(b.right(), b.bottom());
        handle.setX(corner.getX() - handle.getWidth() / 2);
        handle.setY(corner.getY() - handle.getHeight() / 2);
        handle.setVisible(true);
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

    /** The smallest bounds an element may be resized to, so that its heading stays readable. */
    static Bounds minimumSize(ElementId id) {
        return switch (id.kind()) {
            case ElementId.CLUSTER -> new Bounds(0, 0, 220, 100);
            case ElementId.CONTAINER -> new Bounds(0, 0, 120, 40);
            case ElementId.TASK_DEFINITION -> new Bounds(0, 0, 160, 60);
            default -> new Bounds(0, 0, 150, 70);
        };
    }

    /** Shows the element at the new bounds without changing the document. */
    void previewResize(ElementId id, Bounds bounds) {
        Region node = nodes.get(id);
        if (node == null) {
            return;
        }
        ElementViews.place(node, bounds);
        Map<ElementId, Bounds> resized = new LinkedHashMap<>(layout);
        resized.put(id, bounds);
        replaceRelations(resized);
        javafx.geometry.Point2D corner = world.localToParent(bounds.right(), bounds.bottom());
        handle.setX(corner.getX() - handle.getWidth() / 2);
        handle.setY(corner.getY() - handle.getHeight() / 2);
    }

    /** Ends a resize: one edit giving the element its new bounds (none when unchanged), then redraws. */
    void commitResize(ElementId id, Bounds bounds) {
        boolean changed = false;
        if (!bounds.equals(layout.get(id))) {
            Edit edit = DesignEdits.resize(history.current(), id, bounds);
            changed = history.push(Edit.of(edit.description(), edit.before(), edit.after()));
        }
        if (!changed) {
            rendered = null;
            render();
        }
    }

    private void replaceRelations(Map<ElementId, Bounds> drawn) {
        Group workloads = RelationLayer.workloads(rendered, drawn);
        Group containers = RelationLayer.containers(rendered, drawn);
        world.getChildren().set(world.getChildren().indexOf(workloadRelations), workloads);
        world.getChildren().set(world.getChildren().indexOf(containerRelations), containers);
        workloadRelations = workloads;
        containerRelations = containers;
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
        for (Map.Entry<ElementId, Region> entry : nodes.entrySet()) {
            Bounds b = layout.get(entry.getKey());
            if (x >= b.x() && x <= b.right() && y >= b.y() && y <= b.bottom()) {
                hit = entry.getKey();
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

    /** Shows the selected elements moved by dx, dy without changing the document. */
    void preview(double dx, double dy) {
        Set<ElementId> moving = Set.copyOf(selection.elements());
        nodes.forEach((id, node) -> {
            boolean moved = EffectiveLayout.isMoved(id, moving);
            node.setTranslateX(moved ? dx : 0);
            node.setTranslateY(moved ? dy : 0);
        });
        replaceRelations(EffectiveLayout.offset(layout, moving, dx, dy));
        handle.setVisible(false);
    }

    /** Ends a preview: pushes one edit moving the selection by dx, dy (none when both are 0), then redraws. */
    void commitMove(double dx, double dy, boolean merging) {
        boolean changed = false;
        if ((dx != 0 || dy != 0) && !selection.elements().isEmpty()) {
            Edit edit = moveEdit(history.current(), new LinkedHashSet<>(selection.elements()), dx, dy);
            if (!merging) {
                edit = Edit.of(edit.description(), edit.before(), edit.after());
            }
            changed = history.push(edit);
        }
        if (!changed) {
            rendered = null;
            render();
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
