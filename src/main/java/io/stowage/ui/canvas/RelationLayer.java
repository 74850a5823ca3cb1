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

import java.util.ArrayList;
import java.util.List;

/**
 * The relations drawn between elements: service (and standalone task) → task definition arrows, and between the
 * containers of a task definition dependsOn arrows labelled with their condition, links and volumesFrom as dashed
 * lines. Workload arrows go under the cards, container relations on top of them. A relation is first described
 * ({@link Spec}, no nodes), then drawn between two bounds, and can be moved to new bounds in place, so a drag
 * touches only the relations of what moves.
 */
final class RelationLayer {
    private static final double HEAD = 8;

    /**
     * One relation.
     *
     * @param id    the stable node id, e.g. {@code rel-taskdef_web_container_nginx-depends-on-init}
     * @param from  where it starts
     * @param to    where it points
     * @param kind  uses, depends-on, link or volumes-from
     * @param text  the label (the dependsOn condition...), or "uses" for none
     * @param index its position among the task definition's relations, to fan out curves that would overlap
     */
    record Spec(String id, ElementId from, ElementId to, String kind, String text, int index) {
    }

    private RelationLayer() {
    }

    /** Service and standalone-task arrows to their task definitions. */
    static List<Spec> workloads(Design design) {
        List<Spec> out = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            for (Service service : cluster.services()) {
                workload(out, ElementId.service(cluster.id(), service.id()), service.taskDefinitionFamily());
            }
            for (StandaloneTask task : cluster.tasks()) {
                workload(out, ElementId.task(cluster.id(), task.id()), task.taskDefinitionFamily());
            }
        }
        return out;
    }

    private static void workload(List<Spec> out, ElementId from, String family) {
        if (family != null) {
            out.add(new Spec("rel-" + CanvasIds.sanitize(from.value()) + "-uses-" + CanvasIds.sanitize(family), from,
                    ElementId.taskDefinition(family), "uses", "uses", 0));
        }
    }

    /** dependsOn, links and volumesFrom between the containers of each task definition. */
    static List<Spec> containers(Design design) {
        List<Spec> out = new ArrayList<>();
        for (TaskDefinition td : design.taskDefinitionList()) {
            int index = 0;
            for (ContainerDefinition container : td.containerDefinitions()) {
                if (container.name() == null) {
                    continue;
                }
                for (ContainerDependency dependency : container.dependsOn()) {
                    index += add(out, td.family(), container.name(), dependency.containerName(), "depends-on",
                            dependency.condition() == null ? "START" : dependency.condition(), index);
                }
                for (String link : container.links()) {
                    int colon = link.indexOf(':');
                    index += add(out, td.family(), container.name(), colon < 0 ? link : link.substring(0, colon),
                            "link", "link", index);
                }
                for (VolumeFrom volumes : container.volumesFrom()) {
                    index += add(out, td.family(), container.name(), volumes.sourceContainer(), "volumes-from",
                            "volumes", index);
                }
            }
        }
        return out;
    }

    private static int add(List<Spec> out, String family, String from, String to, String kind, String text, int index) {
        if (to == null || to.equals(from)) {
            return 0;
        }
        ElementId a = ElementId.container(family, from);
        out.add(new Spec("rel-" + CanvasIds.sanitize(a.value()) + "-" + kind + "-" + CanvasIds.sanitize(to), a,
                ElementId.container(family, to), kind, text, index));
        return 1;
    }

    /** The relation between the two bounds: a curve, an arrow head and, unless it is a "uses" arrow, a label. */
    static Group draw(Spec spec, Bounds a, Bounds b) {
        CubicCurve line = new CubicCurve();
        line.getStyleClass().add("relation-line");
        Polygon head = new Polygon();
        head.getStyleClass().add("relation-head");
        Group relation = new Group(line, head);
        relation.getStyleClass().addAll("relation", spec.kind());
        relation.setId(spec.id());
        relation.getProperties().put("from", spec.from());
        relation.getProperties().put("to", spec.to());
        if (!spec.text().equals("uses")) {
            Label label = new Label(spec.text());
            label.getStyleClass().add("relation-label");
            label.translateXProperty().bind(label.widthProperty().divide(-2));
            label.translateYProperty().bind(label.heightProperty().divide(-2));
            relation.getChildren().add(label);
        }
        reposition(relation, spec, a, b);
        return relation;
    }

    /** Moves a drawn relation to new bounds of its ends, in place. */
    static void reposition(Group relation, Spec spec, Bounds a, Bounds b) {
        double[] c = spec.kind().equals("uses") ? workloadCurve(a, b) : containerCurve(spec, a, b);
        CubicCurve line = (CubicCurve) relation.getChildren().get(0);
        line.setStartX(c[0]);
        line.setStartY(c[1]);
        line.setControlX1(c[2]);
        line.setControlY1(c[3]);
        line.setControlX2(c[4]);
        line.setControlY2(c[5]);
        line.setEndX(c[6]);
        line.setEndY(c[7]);
        double dx = c[6] - c[4];
        double dy = c[7] - c[5];
        double length = Math.hypot(dx, dy);
        if (length < 1e-6) {
            dx = c[6] - c[0];
            dy = c[7] - c[1];
            length = Math.max(1e-6, Math.hypot(dx, dy));
        }
        double ux = dx / length;
        double uy = dy / length;
        double ex = c[6];
        double ey = c[7];
        ((Polygon) relation.getChildren().get(1)).getPoints().setAll(ex, ey,
                ex - ux * HEAD - uy * HEAD / 2, ey - uy * HEAD + ux * HEAD / 2,
                ex - ux * HEAD + uy * HEAD / 2, ey - uy * HEAD - ux * HEAD / 2);
        if (relation.getChildren().size() > 2) {
            Label label = (Label) relation.getChildren().get(2);
            label.setLayoutX(0.125 * c[0] + 0.375 * c[2] + 0.375 * c[4] + 0.125 * c[6]);
            label.setLayoutY(0.125 * c[1] + 0.375 * c[3] + 0.375 * c[5] + 0.125 * c[7]);
        }
    }

    /** From the workload's side to the card's header, bowing horizontally. */
    private static double[] workloadCurve(Bounds a, Bounds b) {
        boolean rightwards = b.x() >= a.right() || b.x() + b.width() / 2 >= a.x() + a.width() / 2;
        double sx = rightwards ? a.right() : a.x();
        double ex = rightwards ? b.x() : b.right();
        double sy = a.y() + a.height() / 2;
        double ey = b.y() + Math.min(24, b.height() / 2);
        double pull = Math.max(40, Math.abs(ex - sx) / 2) * (rightwards ? 1 : -1);
        return new double[] {sx, sy, sx + pull, sy, ex - pull, ey, ex, ey};
    }

    /** Between containers: beside each other a plain curve; one above the other a bow out to the side. */
    private static double[] containerCurve(Spec spec, Bounds a, Bounds b) {
        boolean stacked = a.x() < b.right() && b.x() < a.right();
        double sy = a.y() + a.height() / 2;
        double ey = b.y() + b.height() / 2;
        if (stacked) {
            // dependsOn bows out to the left, links and volumesFrom to the right of the boxes.
            boolean left = spec.kind().equals("depends-on");
            double bulge = (44 + 12 * (spec.index() % 4)) * (left ? -1 : 1);
            double sx = left ? a.x() : a.right();
            double ex = left ? b.x() : b.right();
            return new double[] {sx, sy, sx + bulge, sy, ex + bulge, ey, ex, ey};
        }
        boolean rightwards = b.x() >= a.right();
        double sx = rightwards ? a.right() : a.x();
        double ex = rightwards ? b.x() : b.right();
        double pull = (ex - sx) / 2;
        return new double[] {sx, sy, sx + pull, sy, ex - pull, ey, ex, ey};
    }
}
