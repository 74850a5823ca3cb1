package io.stowage.model.design;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain grid layout so that a design opens readable: clusters stacked on the left, each holding a row of
 * capacity (Fargate, then instances), a row of services and a row of standalone tasks; task-definition cards to
 * the right in columns about as tall as the clusters (so the whole fits a screen), each listing its containers.
 * Nothing overlaps except a child inside its parent.
 */
public final class AutoLayout {
    static final double MARGIN = 40;
    static final double GAP = 24;
    static final double PADDING = 24;
    static final double CLUSTER_HEADER = 40;
    static final double CLUSTER_MIN_WIDTH = 300;
    static final double CAPACITY_WIDTH = 220;
    static final double CAPACITY_HEIGHT = 140;
    static final double WORKLOAD_WIDTH = 220;
    static final double WORKLOAD_HEIGHT = 80;
    static final int COLUMNS = 4;
    static final double CARD_WIDTH = 260;
    static final double CARD_HEADER = 48;
    static final double CONTAINER_HEIGHT = 44;
    /** Card columns are at least this tall before the next one starts. */
    static final double CARD_COLUMN_MIN_HEIGHT = 560;

    private AutoLayout() {
    }

    /** A layout for every element of the design, ignoring the one it has. */
    public static Layout arrange(Design design) {
        Map<ElementId, Bounds> out = new LinkedHashMap<>();
        double y = MARGIN;
        double right = MARGIN;
        for (Cluster cluster : design.clusters()) {
            Bounds bounds = arrangeCluster(cluster, MARGIN, y, out);
            y = bounds.bottom() + MARGIN;
            right = Math.max(right, bounds.right());
        }
        double cardsLeft = design.clusters().isEmpty() ? MARGIN : right + 2 * MARGIN;
        arrangeTaskDefinitions(design.taskDefinitionList(), cardsLeft, Math.max(CARD_COLUMN_MIN_HEIGHT, y - MARGIN), out);
        return new Layout(out);
    }

    /**
     * The layout with a container just added to a task definition given a slot: below the card's lowest
     * container, as wide as the others, the card growing to hold it. A card that is not laid out yet leaves the
     * container where it was dropped.
     */
    public static Layout withContainerSlot(Layout layout, String family, String containerName, double dropX,
                                           double dropY) {
        ElementId card = ElementId.taskDefinition(family);
        ElementId container = ElementId.container(family, containerName);
        Bounds cardBounds = layout.bounds().get(card);
        if (cardBounds == null) {
            return layout.with(container, new Bounds(dropX, dropY, CARD_WIDTH - PADDING, CONTAINER_HEIGHT));
        }
        double top = cardBounds.y() + CARD_HEADER;
        double width = cardBounds.width() - PADDING;
        for (Map.Entry<ElementId, Bounds> entry : layout.bounds().entrySet()) {
            if (entry.getKey().isInside(card) && !entry.getKey().equals(container)) {
                top = Math.max(top, entry.getValue().bottom() + GAP / 3);
            }
        }
        Bounds slot = new Bounds(cardBounds.x() + PADDING / 2, top, width, CONTAINER_HEIGHT);
        double height = Math.max(cardBounds.height(), slot.bottom() + PADDING / 2 - cardBounds.y());
        return layout.with(container, slot).with(card, cardBounds.resizedTo(cardBounds.width(), height));
    }

    /**
     * The layout with every container of the task definition that has no bounds yet given a slot in its card
     * (in order, below the ones drawn), so that a new or pasted card holds its containers instead of them being
     * drawn where the auto layout would put a card.
     */
    public static Layout withCardContents(Layout layout, TaskDefinition taskDefinition) {
        if (layout.boundsOf(ElementId.taskDefinition(taskDefinition.family())).isEmpty()) {
            return layout;
        }
        Layout out = layout;
        for (ContainerDefinition container : taskDefinition.containerDefinitions()) {
            if (container.name() != null
                    && out.boundsOf(ElementId.container(taskDefinition.family(), container.name())).isEmpty()) {
                out = withContainerSlot(out, taskDefinition.family(), container.name(), 0, 0);
            }
        }
        return out;
    }

    private static Bounds arrangeCluster(Cluster cluster, double left, double top, Map<ElementId, Bounds> out) {
        List<ElementId> capacity = new ArrayList<>();
        if (cluster.hasFargate()) {
            capacity.add(ElementId.fargate(cluster.id()));
        }
        cluster.instances().forEach(i -> capacity.add(ElementId.instance(cluster.id(), i.id())));
        List<ElementId> services = cluster.services().stream().map(s -> ElementId.service(cluster.id(), s.id())).toList();
        List<ElementId> tasks = cluster.tasks().stream().map(t -> ElementId.task(cluster.id(), t.id())).toList();

        // The cluster box is added first so that it precedes its children in the file, as a reader expects.
        ElementId clusterId = cluster.elementId();
        out.put(clusterId, new Bounds(left, top, 0, 0));
        double x = left + PADDING;
        double y = top + CLUSTER_HEADER;
        double widest = 0;
        for (List<ElementId> row : List.of(capacity, services, tasks)) {
            if (row.isEmpty()) {
                continue;
            }
            boolean isCapacity = row == capacity;
            double width = isCapacity ? CAPACITY_WIDTH : WORKLOAD_WIDTH;
            double height = isCapacity ? CAPACITY_HEIGHT : WORKLOAD_HEIGHT;
            Bounds grid = grid(row, x, y, width, height, COLUMNS, out);
            widest = Math.max(widest, grid.width());
            y = grid.bottom() + GAP;
        }
        double width = Math.max(CLUSTER_MIN_WIDTH, widest + 2 * PADDING);
        double height = Math.max(y - GAP + PADDING, top + CLUSTER_HEADER + 2 * PADDING) - top;
        Bounds bounds = new Bounds(left, top, width, height);
        out.put(clusterId, bounds);
        return bounds;
    }

    /** Cells left to right, wrapping after {@code columns}; returns the area they cover. */
    private static Bounds grid(List<ElementId> items, double left, double top, double width, double height,
                               int columns, Map<ElementId, Bounds> out) {
        for (int i = 0; i < items.size(); i++) {
            int column = i % columns;
            int row = i / columns;
            out.put(items.get(i), new Bounds(left + column * (width + GAP), top + row * (height + GAP), width, height));
        }
        int usedColumns = Math.min(columns, items.size());
        int rows = (items.size() + columns - 1) / columns;
        return new Bounds(left, top, usedColumns * (width + GAP) - GAP, rows * (height + GAP) - GAP);
    }

    /** Cards top to bottom, starting a new column to the right when one would grow past {@code height}. */
    private static void arrangeTaskDefinitions(List<TaskDefinition> taskDefinitions, double left, double height,
                                               Map<ElementId, Bounds> out) {
        double x = left;
        double top = MARGIN;
        for (TaskDefinition td : taskDefinitions) {
            Map<ElementId, Bounds> card = new LinkedHashMap<>();
            double cardHeight = arrangeCard(td, x, top, card);
            if (top > MARGIN && top + cardHeight > MARGIN + height) {
                x += CARD_WIDTH + GAP;
                top = MARGIN;
                card.clear();
                cardHeight = arrangeCard(td, x, top, card);
            }
            card.forEach(out::putIfAbsent);
            top += cardHeight + GAP;
        }
    }

    private static double arrangeCard(TaskDefinition td, double left, double top, Map<ElementId, Bounds> out) {
        ElementId cardId = ElementId.taskDefinition(td.family());
        out.put(cardId, new Bounds(left, top, 0, 0));
        double y = top + CARD_HEADER;
        for (ContainerDefinition container : td.containerDefinitions()) {
            ElementId id = container.name() == null ? null : ElementId.container(td.family(), container.name());
            // Two containers of one name are an error the validator reports; draw the first only.
            if (id != null && !out.containsKey(id)) {
                out.put(id, new Bounds(left + PADDING / 2, y, CARD_WIDTH - PADDING, CONTAINER_HEIGHT));
                y += CONTAINER_HEIGHT + GAP / 3;
            }
        }
        double height = Math.max(y + PADDING / 2, top + CARD_HEADER + PADDING) - top;
        out.put(cardId, new Bounds(left, top, CARD_WIDTH, height));
        return height;
    }
}
