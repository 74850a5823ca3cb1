package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.VolumeFrom;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

import java.util.Map;

/**
 * The relations drawn between elements: service (and standalone task) → task definition arrows, and between the
 * containers of a task definition dependsOn arrows labelled with their condition, links and volumesFrom as dashed
 * lines. Two layers: workload arrows go under the cards, container relations on top of them.
 */
final class RelationLayer {
    private static final double HEAD = 8;

    private RelationLayer() {
    }

    /** Service and standalone-task arrows to their task definitions. */
    static Group workloads(Design design, Map<ElementId, Bounds> layout) {
        Group group = new Group();
        group.getStyleClass().add("relations");
        group.setMouseTransparent(true);
        for (Cluster cluster : design.clusters()) {
            for (Service service : cluster.services()) {
                workloadArrow(group, layout, ElementId.service(cluster.id(), service.id()), service.taskDefinitionFamily());
            }
            for (StandaloneTask task : cluster.tasks()) {
                workloadArrow(group, layout, ElementId.task(cluster.id(), task.id()), task.taskDefinitionFamily());
            }
        }
        return group;
    }

    private static void workloadArrow(Group group, Map<ElementId, Bounds> layout, ElementId from, String family) {
        if (family == null) {
            return;
        }
        Bounds a = layout.get(from);
        Bounds b = layout.get(ElementId.taskDefinition(family));
        if (a == null || b == null) {
            return;
        }
        boolean rightwards = b.x() >= a.right() || b.x() + b.width() / 2 >= a.x() + a.width() / 2;
        double sx = rightwards ? a.right() : a.x();
        double ex = rightwards ? b.x() : b.right();
        double sy = a.y() + a.height() / 2;
        double ey = b.y() + Math.min(24, b.height() / 2);
        double pull = Math.max(40, Math.abs(ex - sx) / 2) * (rightwards ? 1 : -1);
        Group relation = curve(sx, sy, sx + pull, sy, ex - pull, ey, ex, ey, "uses");
        relation.setId("rel-" + CanvasIds.sanitize(from.value()) + "-uses-" + CanvasIds.sanitize(family));
        group.getChildren().add(relation);
    }

    /** dependsOn, links and volumesFrom between the containers of each task definition. */
    static Group containers(Design design, Map<ElementId, Bounds> layout) {
        Group group = new Group();
        group.getStyleClass().add("relations");
        group.setMouseTransparent(true);
        for (TaskDefinition td : design.taskDefinitionList()) {
            int index = 0;
            for (ContainerDefinition container : td.containerDefinitions()) {
                if (container.name() == null) {
                    continue;
                }
                for (ContainerDependency dependency : container.dependsOn()) {
                    index += add(group, layout, td.family(), container.name(), dependency.containerName(),
                            "depends-on", dependency.condition() == null ? "START" : dependency.condition(), index);
                }
                for (String link : container.links()) {
                    int colon = link.indexOf(':');
                    index += add(group, layout, td.family(), container.name(),
                            colon < 0 ? link : link.substring(0, colon), "link", "link", index);
                }
                for (VolumeFrom volumes : container.volumesFrom()) {
                    index += add(group, layout, td.family(), container.name(), volumes.sourceContainer(),
                            "volumes-from", "volumes", index);
                }
            }
        }
        return group;
    }

    private static int add(Group group, Map<ElementId, Bounds> layout, String family, String from, String to,
                           String kind, String text, int index) {
        if (to == null) {
            return 0;
        }
        Bounds a = layout.get(ElementId.container(family, from));
        Bounds b = layout.get(ElementId.container(family, to));
        if (a == null || b == null || a.equals(b)) {
            return 0;
        }
        Group relation;
        boolean stacked = a.x() < b.right() && b.x() < a.right();
        if (stacked) {
            // One above the other: bow out to the left (dependsOn) or right (links, volumesFrom) of the boxes.
            boolean left = kind.equals("depends-on");
            double bulge = (44 + 12 * (index % 4)) * (left ? -1 : 1);
            double sx = left ? a.x() : a.right();
            double ex = left ? b.x() : b.right();
            double sy = a.y() + a.height() / 2;
            double ey = b.y() + b.height() / 2;
            relation = curve(sx, sy, sx + bulge, sy, ex + bulge, ey, ex, ey, text);
        } else {
            boolean rightwards = b.x() >= a.right();
            double sx = rightwards ? a.right() : a.x();
            double ex = rightwards ? b.x() : b.right();
            double sy = a.y() + a.height() / 2;
            double ey = b.y() + b.height() / 2;
            double pull = (ex - sx) / 2;
            relation = curve(sx, sy, sx + pull, sy, ex - pull, ey, ex, ey, text);
        }
        relation.getStyleClass().add(kind);
        relation.setId("rel-" + CanvasIds.sanitize(ElementId.container(family, from).value()) + "-" + kind + "-"
                + CanvasIds.sanitize(to));
        relation.getProperties().put("from", ElementId.container(family, from));
        relation.getProperties().put("to", ElementId.container(family, to));
        group.getChildren().add(relation);
        return 1;
    }

    /** A curve with an arrow head at its end and, unless the text is "uses", a label at its middle. */
    private static Group curve(double sx, double sy, double c1x, double c1y, double c2x, double c2y, double ex,
                               double ey, String text) {
        CubicCurve line = new CubicCurve(sx, sy, c1x, c1y, c2x, c2y, ex, ey);
        line.getStyleClass().add("relation-line");
        double dx = ex - c2x;
        double dy = ey - c2y;
        double length = Math.hypot(dx, dy);
        if (length < 1e-6) {
            dx = ex - sx;
            dy = ey - sy;
            length = Math.max(1e-6, Math.hypot(dx, dy));
        }
        double ux = dx / length;
        double uy = dy / length;
        Polygon head = new Polygon(ex, ey,
                ex - ux * HEAD - uy * HEAD / 2, ey - uy * HEAD + ux * HEAD / 2,
                ex - ux * HEAD + uy * HEAD / 2, ey - uy * HEAD - ux * HEAD / 2);
        head.getStyleClass().add("relation-head");
        Group relation = new Group(line, head);
        relation.getStyleClass().add("relation");
        if (!text.equals("uses")) {
            Label label = new Label(text);
            label.getStyleClass().add("relation-label");
            double mx = 0.125 * sx + 0.375 * c1x + 0.375 * c2x + 0.125 * ex;
            double my = 0.125 * sy + 0.375 * c1y + 0.375 * c2y + 0.125 * ey;
            label.setLayoutX(mx);
            label.setLayoutY(my);
            label.translateXProperty().bind(label.widthProperty().divide(-2));
            label.translateYProperty().bind(label.heightProperty().divide(-2));
            relation.getChildren().add(label);
        } else {
            relation.getStyleClass().add("uses");
        }
        return relation;
    }
}
