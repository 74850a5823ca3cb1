package io.stowage.edit;

import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What Copy takes: copies of the selected containers, task definitions, services and instances, with where
 * they were drawn. Immutable, so it can be pasted any number of times, into this design or another one.
 * A copied task definition brings its containers and where they were drawn in its card ({@code cardContents},
 * by the original container's id); a copied container whose task definition is copied too is that task
 * definition's, so a paste gives it to the copy and never adds it to the original again.
 */
public record Fragment(List<Copied<ContainerDefinition>> containers, List<Copied<TaskDefinition>> taskDefinitions,
                       List<Copied<Service>> services, List<Copied<ContainerInstance>> instances,
                       Map<ElementId, Bounds> cardContents) {

    public Fragment {
        containers = List.copyOf(containers);
        taskDefinitions = List.copyOf(taskDefinitions);
        services = List.copyOf(services);
        instances = List.copyOf(instances);
        cardContents = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cardContents));
    }

    public Fragment(List<Copied<ContainerDefinition>> containers, List<Copied<TaskDefinition>> taskDefinitions,
                    List<Copied<Service>> services, List<Copied<ContainerInstance>> instances) {
        this(containers, taskDefinitions, services, instances, Map.of());
    }

    /** One copied element, the family or cluster it came from, and its bounds (null when it had none). */
    public record Copied<T>(T element, String origin, Bounds bounds) {
    }

    public boolean isEmpty() {
        return containers.isEmpty() && taskDefinitions.isEmpty() && services.isEmpty() && instances.isEmpty();
    }

    public static Fragment copy(Design design, Set<ElementId> selected) {
        List<Copied<ContainerDefinition>> containers = new ArrayList<>();
        List<Copied<TaskDefinition>> taskDefinitions = new ArrayList<>();
        List<Copied<Service>> services = new ArrayList<>();
        List<Copied<ContainerInstance>> instances = new ArrayList<>();
        Layout layout = design.layout();
        for (ElementId id : selected) {
            Bounds bounds = layout.boundsOf(id).orElse(null);
            String parent = id.parent() == null ? null : id.parent().localId();
            switch (id.kind()) {
                case ElementId.CONTAINER -> design.taskDefinition(parent).flatMap(td -> td.containerDefinitions().stream()
                        .filter(c -> id.localId().equals(c.name())).findFirst())
                        .ifPresent(c -> containers.add(new Copied<>(c, parent, bounds)));
                case ElementId.TASK_DEFINITION -> design.taskDefinition(id.localId())
                        .ifPresent(td -> taskDefinitions.add(new Copied<>(td, null, bounds)));
                case ElementId.SERVICE -> design.cluster(parent).flatMap(c -> c.service(id.localId()))
                        .ifPresent(s -> services.add(new Copied<>(s, parent, bounds)));
                case ElementId.INSTANCE -> design.cluster(parent).flatMap(c -> c.instance(id.localId()))
                        .ifPresent(i -> instances.add(new Copied<>(i, parent, bounds)));
                default -> {
                }
            }
        }
        Map<ElementId, Bounds> cardContents = new LinkedHashMap<>();
        for (Copied<TaskDefinition> copied : taskDefinitions) {
            for (ContainerDefinition container : copied.element().containerDefinitions()) {
                if (container.name() != null) {
                    ElementId id = ElementId.container(copied.element().family(), container.name());
                    layout.boundsOf(id).ifPresent(b -> cardContents.put(id, b));
                }
            }
        }
        return new Fragment(containers, taskDefinitions, services, instances, cardContents);
    }

    /**
     * One edit adding copies of everything in the fragment, moved by ({@code dx}, {@code dy}) and renamed where
     * a name is taken: containers go into {@code targetFamily} (else the family they came from, when the design
     * has it), services and instances into {@code targetCluster} (else the cluster they came from, else the
     * first). Null when nothing could be pasted.
     */
    public PasteResult pasteInto(Design design, String targetFamily, String targetCluster, double dx, double dy) {
        Design after = design;
        Map<ElementId, Bounds> placed = new LinkedHashMap<>();
        List<ElementId> created = new ArrayList<>();
        Map<String, String> copiedFamilies = new LinkedHashMap<>();
        List<String> unplacedCards = new ArrayList<>();
        List<ElementId> slotted = new ArrayList<>();
        for (Copied<TaskDefinition> copied : taskDefinitions) {
            String original = copied.element().family();
            String family = unique(original, after.taskDefinitions()::containsKey);
            copiedFamilies.put(original, family);
            after = after.withTaskDefinition(copied.element().withFamily(family));
            created.add(record(placed, ElementId.taskDefinition(family), copied.bounds(), dx, dy));
            for (ContainerDefinition container : copied.element().containerDefinitions()) {
                if (container.name() == null) {
                    continue;
                }
                Bounds drawn = cardContents.get(ElementId.container(original, container.name()));
                if (drawn != null && copied.bounds() != null) {
                    record(placed, ElementId.container(family, container.name()), drawn, dx, dy);
                } else if (copied.bounds() != null) {
                    unplacedCards.add(family);
                }
            }
        }
        for (Copied<ContainerDefinition> copied : containers) {
            String copiedWith = copiedFamilies.get(copied.origin());
            if (copiedWith != null) {
                // Its task definition is in the fragment: the copy brought it along already.
                created.add(ElementId.container(copiedWith, copied.element().name()));
                continue;
            }
            String family = targetFamily != null ? targetFamily : copied.origin();
            Optional<TaskDefinition> td = after.taskDefinition(family);
            if (td.isEmpty()) {
                continue;
            }
            List<String> names = td.get().containerDefinitions().stream().map(ContainerDefinition::name).toList();
            String name = unique(copied.element().name(), names::contains);
            List<ContainerDefinition> list = new ArrayList<>(td.get().containerDefinitions());
            list.add(copied.element().withName(name));
            after = after.withTaskDefinition(td.get().withContainerDefinitions(list));
            // Drawn in a slot of its card (which grows), wherever the original was drawn.
            ElementId id = ElementId.container(family, name);
            slotted.add(id);
            created.add(id);
        }
        for (Copied<Service> copied : services) {
            Cluster cluster = cluster(after, targetCluster, copied.origin());
            if (cluster == null) {
                continue;
            }
            List<String> ids = cluster.services().stream().map(Service::id).toList();
            String id = unique(copied.element().id(), ids::contains);
            Service service = copied.element().withId(id).withSpec(copied.element().spec().withServiceName(id));
            String runsCopy = copiedFamilies.get(copied.element().taskDefinitionFamily());
            if (runsCopy != null) {
                // Copied with the task definition it runs: the copy runs the copy, as the original runs the original.
                service = service.withSpec(service.spec().withTaskDefinition(runsCopy));
            }
            after = after.withCluster(cluster.withService(service));
            created.add(record(placed, ElementId.service(cluster.id(), id), copied.bounds(), dx, dy));
        }
        for (Copied<ContainerInstance> copied : instances) {
            Cluster cluster = cluster(after, targetCluster, copied.origin());
            if (cluster == null) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            after.clusters().forEach(c -> c.instances().forEach(i -> ids.add(i.id())));
            String id = unique(copied.element().id(), ids::contains);
            after = after.withCluster(cluster.withInstance(copied.element().withId(id)));
            created.add(record(placed, ElementId.instance(cluster.id(), id), copied.bounds(), dx, dy));
        }
        if (created.isEmpty()) {
            return null;
        }
        Layout layout = after.layout();
        for (Map.Entry<ElementId, Bounds> entry : placed.entrySet()) {
            layout = layout.with(entry.getKey(), entry.getValue());
        }
        for (ElementId id : slotted) {
            layout = AutoLayout.withContainerSlot(layout.without(id), id.parent().localId(), id.localId(), 0, 0);
        }
        for (String family : unplacedCards) {
            layout = AutoLayout.withCardContents(layout, after.taskDefinition(family).orElseThrow());
        }
        after = after.withLayout(layout);
        String what = created.size() == 1 ? "1 element" : created.size() + " elements";
        return new PasteResult(Edit.of("Paste " + what, design, after), List.copyOf(created));
    }

    /**
     * As {@link #pasteInto}, offset so that the copies land clear of the originals and of whatever else is drawn
     * beside them (to the right of the copied group, else below it, further out until clear), and a cluster
     * grows to hold the services and instances pasted into it.
     */
    public PasteResult pasteClear(Design design, String targetFamily, String targetCluster) {
        PasteResult unmoved = pasteInto(design, targetFamily, targetCluster, 0, 0);
        if (unmoved == null) {
            return null;
        }
        Layout at = unmoved.edit().after().layout();
        Map<ElementId, Bounds> moving = new LinkedHashMap<>();
        for (ElementId id : unmoved.created()) {
            boolean carried = id.parent() != null && unmoved.created().contains(id.parent());
            if (!carried && !ElementId.CONTAINER.equals(id.kind())) {
                at.boundsOf(id).ifPresent(b -> moving.put(id, b));
            }
        }
        if (moving.isEmpty()) {
            return unmoved;
        }
        double[] offset = clearOffset(design.layout(), moving);
        PasteResult result = pasteInto(design, targetFamily, targetCluster, offset[0], offset[1]);
        Design after = result.edit().after();
        Layout layout = after.layout();
        for (ElementId id : moving.keySet()) {
            ElementId parent = id.parent();
            Bounds child = layout.boundsOf(id).orElse(null);
            Bounds outer = parent == null ? null : layout.boundsOf(parent).orElse(null);
            if (child != null && outer != null && !outer.contains(child)) {
                double right = Math.max(outer.right(), child.right() + GROW_PADDING);
                double bottom = Math.max(outer.bottom(), child.bottom() + GROW_PADDING);
                layout = layout.with(parent, outer.resizedTo(right - outer.x(), bottom - outer.y()));
            }
        }
        Edit edit = result.edit();
        return new PasteResult(Edit.of(edit.description(), edit.before(), after.withLayout(layout)), result.created());
    }

    private static final double GAP = 24;
    private static final double GROW_PADDING = 24;

    /** The first offset (right of the group, then below, then twice as far, ...) where nothing is overlapped. */
    private static double[] clearOffset(Layout layout, Map<ElementId, Bounds> moving) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Bounds b : moving.values()) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.right());
            maxY = Math.max(maxY, b.bottom());
        }
        double stepX = maxX - minX + GAP;
        double stepY = maxY - minY + GAP;
        for (int k = 1; k <= 40; k++) {
            for (double[] candidate : new double[][] {{k * stepX, 0}, {0, k * stepY}, {k * stepX, k * stepY}}) {
                if (isClear(layout, moving, candidate[0], candidate[1])) {
                    return candidate;
                }
            }
        }
        return new double[] {stepX, 0};
    }

    private static boolean isClear(Layout layout, Map<ElementId, Bounds> moving, double dx, double dy) {
        for (Map.Entry<ElementId, Bounds> entry : moving.entrySet()) {
            ElementId parent = entry.getKey().parent();
            Bounds moved = entry.getValue().movedTo(entry.getValue().x() + dx, entry.getValue().y() + dy);
            for (Map.Entry<ElementId, Bounds> other : layout.bounds().entrySet()) {
                boolean sibling = java.util.Objects.equals(other.getKey().parent(), parent);
                if (sibling && other.getValue().overlaps(moved)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The paste edit and the elements it created, to select them. */
    public record PasteResult(Edit edit, List<ElementId> created) {
    }

    private static ElementId record(Map<ElementId, Bounds> placed, ElementId id, Bounds bounds, double dx, double dy) {
        if (bounds != null) {
            placed.put(id, bounds.movedTo(bounds.x() + dx, bounds.y() + dy));
        }
        return id;
    }

    private static Cluster cluster(Design design, String target, String origin) {
        if (target != null && design.cluster(target).isPresent()) {
            return design.cluster(target).get();
        }
        if (origin != null && design.cluster(origin).isPresent()) {
            return design.cluster(origin).get();
        }
        return design.clusters().isEmpty() ? null : design.clusters().get(0);
    }

    private static String unique(String name, Predicate<String> taken) {
        if (!taken.test(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String candidate = name + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
