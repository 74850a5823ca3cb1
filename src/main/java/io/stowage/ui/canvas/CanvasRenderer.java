package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.TaskRef;
import javafx.collections.ObservableList;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Draws a design into six layers (clusters, workload arrows, what clusters hold, task-definition cards,
 * containers, container relations) and keeps what it drew: on the next document, an element whose inputs (its
 * model, its bounds, what placement says of it) are the same keeps its node, and only the others are drawn anew
 * and swapped in place. So an edit of one field, or an undo, redraws one element of a design of thousands, and
 * the scene graph around the rest does not change (no style or layout pass over them).
 */
final class CanvasRenderer {
    private record Drawn(List<Object> key, Region node) {
    }

    private record DrawnRelation(RelationLayer.Spec spec, Bounds from, Bounds to, Group node) {
    }

    private final Group clusters = layer("clusters", false);
    private final Group workloadRelations = layer("workload-relations", true);
    private final Group inside = layer("inside", false);
    private final Group cards = layer("cards", false);
    private final Group containers = layer("containers", false);
    private final Group containerRelations = layer("container-relations", true);
    private Map<ElementId, Drawn> drawn = new HashMap<>();
    private Map<String, DrawnRelation> relations = new HashMap<>();
    private final Map<ElementId, Region> nodes = new LinkedHashMap<>();

    private static Group layer(String name, boolean relation) {
        Group group = new Group();
        group.setId("layer-" + name);
        if (relation) {
            group.getStyleClass().add("relations");
            group.setMouseTransparent(true);
        }
        return group;
    }

    /** The layers, bottom first, to put in the world group once. */
    List<Group> layers() {
        return List.of(clusters, workloadRelations, inside, cards, containers, containerRelations);
    }

    /** The node of every element drawn, in drawing order. */
    Map<ElementId, Region> nodes() {
        return nodes;
    }

    /** Forgets what it drew, so that the next render draws every element anew (e.g. when a live run ends). */
    void forget() {
        drawn = new HashMap<>();
    }

    void render(Design design, Map<ElementId, Bounds> layout, PlacementResult placement) {
        Map<ElementId, Drawn> next = new HashMap<>();
        nodes.clear();
        List<Node> clusterNodes = new ArrayList<>();
        List<Node> insideNodes = new ArrayList<>();
        List<Node> cardNodes = new ArrayList<>();
        List<Node> containerNodes = new ArrayList<>();
        Map<String, List<Placement>> fargate = new HashMap<>();
        for (Placement p : placement.placements()) {
            if (p.fargate()) {
                fargate.computeIfAbsent(p.task().clusterId(), c -> new ArrayList<>()).add(p);
            }
        }
        Map<String, List<Object>> failures = new HashMap<>();
        placement.failures().forEach(f -> failures.computeIfAbsent(workloadKey(f.task()), k -> new ArrayList<>()).add(f));
        for (Cluster cluster : design.clusters()) {
            ElementId clusterId = cluster.elementId();
            draw(next, clusterNodes, clusterId, layout, List.of(cluster.id(), cluster.name()),
                    b -> ElementViews.cluster(cluster, b));
            List<String> names = cluster.services().stream().map(s -> s.id() + "=" + s.serviceName()).toList();
            if (cluster.fargate() != null) {
                draw(next, insideNodes, ElementId.fargate(cluster.id()), layout,
                        list(cluster.fargate(), fargate.getOrDefault(cluster.id(), List.of()), names),
                        b -> ElementViews.fargate(cluster, cluster.fargate(), placement, b));
            }
            for (ContainerInstance instance : cluster.instances()) {
                var usage = placement.instance(cluster.id(), instance.id()).orElse(null);
                draw(next, insideNodes, ElementId.instance(cluster.id(), instance.id()), layout,
                        list(instance, usage, names),
                        b -> ElementViews.instance(cluster.id(), instance, usage, cluster, b));
            }
            for (Service service : cluster.services()) {
                draw(next, insideNodes, ElementId.service(cluster.id(), service.id()), layout,
                        list(service, failures.get(cluster.id() + "/service/" + service.id())),
                        b -> ElementViews.service(cluster, service, placement, b));
            }
            for (StandaloneTask task : cluster.tasks()) {
                draw(next, insideNodes, ElementId.task(cluster.id(), task.id()), layout,
                        list(task, failures.get(cluster.id() + "/task/" + task.id())),
                        b -> ElementViews.standaloneTask(cluster, task, placement, b));
            }
        }
        for (TaskDefinition td : design.taskDefinitionList()) {
            draw(next, cardNodes, ElementId.taskDefinition(td.family()), layout, list(td),
                    b -> ElementViews.taskDefinition(td, b));
            for (ContainerDefinition container : td.containerDefinitions()) {
                if (container.name() != null) {
                    draw(next, containerNodes, ElementId.container(td.family(), container.name()), layout,
                            list(container), b -> ElementViews.container(td.family(), container, b));
                }
            }
        }
        drawn = next;
        Map<String, DrawnRelation> nextRelations = new HashMap<>();
        List<Node> workloadNodes = relations(RelationLayer.workloads(design), layout, nextRelations);
        List<Node> containerRelationNodes = relations(RelationLayer.containers(design), layout, nextRelations);
        relations = nextRelations;
        sync(clusters, clusterNodes);
        sync(workloadRelations, workloadNodes);
        sync(inside, insideNodes);
        sync(cards, cardNodes);
        sync(containers, containerNodes);
        sync(containerRelations, containerRelationNodes);
    }

    private static String workloadKey(TaskRef task) {
        return task.clusterId() + (task.kind() == TaskRef.Kind.SERVICE ? "/service/" : "/task/") + task.source();
    }

    private static List<Object> list(Object... inputs) {
        return Arrays.asList(inputs);
    }

    private void draw(Map<ElementId, Drawn> next, List<Node> into, ElementId id, Map<ElementId, Bounds> layout,
                      List<Object> inputs, Function<Bounds, Region> view) {
        Bounds bounds = layout.get(id);
        if (bounds == null || next.containsKey(id)) {
            return;
        }
        List<Object> key = new ArrayList<>(inputs);
        key.add(bounds);
        Drawn old = drawn.get(id);
        Drawn now = old != null && old.key().equals(key) ? old : new Drawn(key, view.apply(bounds));
        next.put(id, now);
        nodes.put(id, now.node());
        into.add(now.node());
    }

    private List<Node> relations(List<RelationLayer.Spec> specs, Map<ElementId, Bounds> layout,
                                 Map<String, DrawnRelation> next) {
        List<Node> out = new ArrayList<>(specs.size());
        for (RelationLayer.Spec spec : specs) {
            Bounds a = layout.get(spec.from());
            Bounds b = layout.get(spec.to());
            String key = spec.id() + "#" + spec.index();
            if (a == null || b == null || a.equals(b) || next.containsKey(key)) {
                continue;
            }
            DrawnRelation old = relations.get(key);
            DrawnRelation now;
            if (old != null && old.spec().equals(spec)) {
                if (!old.from().equals(a) || !old.to().equals(b)) {
                    RelationLayer.reposition(old.node(), spec, a, b);
                }
                now = new DrawnRelation(spec, a, b, old.node());
            } else {
                now = new DrawnRelation(spec, a, b, RelationLayer.draw(spec, a, b));
            }
            next.put(key, now);
            out.add(now.node());
        }
        return out;
    }

    /** Moves the relations touching moved elements to where the bounds function puts their ends, in place. */
    void moveRelations(Predicate<ElementId> moved, Function<ElementId, Bounds> bounds) {
        for (DrawnRelation relation : relations.values()) {
            if (moved.test(relation.spec().from()) || moved.test(relation.spec().to())) {
                RelationLayer.reposition(relation.node(), relation.spec(), bounds.apply(relation.spec().from()),
                        bounds.apply(relation.spec().to()));
            }
        }
    }

    /** Makes the layer hold exactly these nodes in this order, touching only what differs. */
    static void sync(Group layer, List<Node> wanted) {
        ObservableList<Node> children = layer.getChildren();
        if (children.equals(wanted)) {
            return;
        }
        Set<Node> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(wanted);
        children.removeIf(n -> !keep.contains(n));
        for (int i = 0; i < wanted.size(); i++) {
            Node node = wanted.get(i);
            if (i < children.size() && children.get(i) == node) {
                continue;
            }
            int at = -1;
            for (int j = i + 1; j < children.size(); j++) {
                if (children.get(j) == node) {
                    at = j;
                    break;
                }
            }
            if (at >= 0) {
                children.remove(at);
            }
            children.add(i, node);
        }
    }
}
