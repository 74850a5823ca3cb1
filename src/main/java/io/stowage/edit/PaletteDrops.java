package io.stowage.edit;

import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Drop targets for the palette (Scene Builder's pattern): for an item and the element under the pointer, says
 * whether the drop is legal there and builds the one undoable edit that adds the element where it was dropped.
 * A drop onto an element inside a legal target counts as a drop onto that target (a container dropped on a
 * container goes into its task definition).
 */
public final class PaletteDrops {
    public static final String DEFAULT_INSTANCE_TYPE = "t3.medium";

    private PaletteDrops() {
    }

    /**
     * @param target the element under the pointer, or null for the empty canvas
     * @param x where it was dropped, in canvas coordinates
     */
    public static DropOutcome drop(Design design, PaletteItem item, ElementId target, double x, double y) {
        return drop(design, item, target, x, y, DEFAULT_INSTANCE_TYPE);
    }

    /** @param instanceType the type of an EC2 instance the drop adds, from the palette's picker */
    public static DropOutcome drop(Design design, PaletteItem item, ElementId target, double x, double y,
                                   String instanceType) {
        return switch (item) {
            case CLUSTER -> target == null ? addCluster(design, x, y)
                    : DropOutcome.refused("A cluster goes on the empty canvas, not inside another element.");
            case EC2_INSTANCE -> inCluster(design, target)
                    .map(cluster -> addInstance(design, cluster, x, y, instanceType))
                    .orElseGet(() -> DropOutcome.refused("An EC2 container instance goes into a cluster."));
            case FARGATE -> inCluster(design, target)
                    .map(cluster -> cluster.hasFargate()
                            ? DropOutcome.refused("Cluster " + cluster.name() + " already has Fargate capacity.")
                            : addFargate(design, cluster, x, y))
                    .orElseGet(() -> DropOutcome.refused("Fargate capacity goes into a cluster."));
            case SERVICE -> inCluster(design, target)
                    .map(cluster -> addService(design, cluster, x, y))
                    .orElseGet(() -> DropOutcome.refused("A service goes into a cluster."));
            case TASK_DEFINITION -> target == null ? addTaskDefinition(design, x, y)
                    : DropOutcome.refused("A task definition goes on the empty canvas: it is a blueprint, not part of a cluster.");
            default -> inTaskDefinition(target)
                    .map(family -> addContainer(design, family, item, x, y))
                    .orElseGet(() -> DropOutcome.refused("A container goes into a task definition."));
        };
    }

    private static Optional<Cluster> inCluster(Design design, ElementId target) {
        for (ElementId id = target; id != null; id = id.parent()) {
            if (ElementId.CLUSTER.equals(id.kind())) {
                return design.cluster(id.localId());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inTaskDefinition(ElementId target) {
        for (ElementId id = target; id != null; id = id.parent()) {
            if (ElementId.TASK_DEFINITION.equals(id.kind())) {
                return Optional.of(id.localId());
            }
        }
        return Optional.empty();
    }

    private static DropOutcome addCluster(Design design, double x, double y) {
        List<String> taken = design.clusters().stream().map(Cluster::id).toList();
        String id = unique("cluster", taken::contains);
        Cluster cluster = Cluster.named(id);
        Design after = design.withCluster(cluster)
                .withLayout(design.layout().with(cluster.elementId(), new Bounds(x, y, 640, 360)));
        return DropOutcome.accepted(Edit.of("Add cluster " + id, design, after), cluster.elementId());
    }

    private static DropOutcome addInstance(Design design, Cluster cluster, double x, double y, String instanceType) {
        Set<String> taken = new java.util.HashSet<>();
        design.clusters().forEach(c -> c.instances().forEach(i -> taken.add(i.id())));
        String id = unique("i-new", taken::contains);
        String zone = cluster.instances().isEmpty() ? "us-east-1a" : cluster.instances().get(0).availabilityZone();
        ContainerInstance instance = ContainerInstance.of(id, instanceType, zone);
        ElementId element = ElementId.instance(cluster.id(), id);
        Design after = design.withCluster(cluster.withInstance(instance))
                .withLayout(design.layout().with(element, new Bounds(x, y, 220, 130)));
        return DropOutcome.accepted(Edit.of("Add EC2 instance " + id, design, after), element);
    }

    private static DropOutcome addFargate(Design design, Cluster cluster, double x, double y) {
        ElementId element = ElementId.fargate(cluster.id());
        Design after = design.withCluster(cluster.withFargate(FargateCapacity.in(List.of("us-east-1a", "us-east-1b"))))
                .withLayout(design.layout().with(element, new Bounds(x, y, 240, 130)));
        return DropOutcome.accepted(Edit.of("Add Fargate capacity", design, after), element);
    }

    /**
     * A service needs a task definition. It runs one the design has (the first no service runs yet, else the
     * first), which its form can change; only a design without task definitions gets a new one, of the service's
     * name with one container, drawn where task definitions go: on the canvas, right of everything else.
     */
    private static DropOutcome addService(Design design, Cluster cluster, double x, double y) {
        List<String> names = new ArrayList<>(design.taskDefinitions().keySet());
        design.clusters().forEach(c -> c.services().forEach(s -> names.add(s.id())));
        String name = unique("service", names::contains);
        Optional<String> existing = existingTaskDefinitionFor(design);
        String family = existing.orElse(name);
        Service service = Service.of(ServiceSpec.EMPTY.withServiceName(name).withTaskDefinition(family).withDesiredCount(1));
        ElementId element = ElementId.service(cluster.id(), service.id());
        Design after = design.withCluster(cluster.withService(service))
                .withLayout(design.layout().with(element, new Bounds(x, y, 200, 90)));
        if (existing.isPresent()) {
            return DropOutcome.accepted(Edit.of("Add service " + name + " running " + family, design, after), element);
        }
        TaskDefinition taskDefinition = TaskDefinition.EMPTY.withFamily(family)
                .withContainerDefinitions(List.of(PaletteItem.starterContainer("app")));
        ElementId card = ElementId.taskDefinition(family);
        Bounds free = freeCardPlace(after);
        after = after.withTaskDefinition(taskDefinition).withLayout(AutoLayout.withCardContents(
                after.layout().with(card, free), taskDefinition));
        return DropOutcome.accepted(Edit.of("Add service " + name + " and task definition " + family, design, after),
                element);
    }

    private static Optional<String> existingTaskDefinitionFor(Design design) {
        Set<String> running = new java.util.HashSet<>();
        design.clusters().forEach(c -> c.services().forEach(s -> running.add(s.taskDefinitionFamily())));
        List<TaskDefinition> all = design.taskDefinitionList();
        return all.stream().map(TaskDefinition::family).filter(f -> !running.contains(f)).findFirst()
                .or(() -> all.stream().map(TaskDefinition::family).findFirst());
    }

    /** A card's place on the empty canvas: right of every element drawn, level with the topmost. */
    private static Bounds freeCardPlace(Design design) {
        double right = 0;
        double top = Double.MAX_VALUE;
        for (var entry : design.layout().bounds().entrySet()) {
            if (entry.getKey().parent() == null) {
                right = Math.max(right, entry.getValue().right());
                top = Math.min(top, entry.getValue().y());
            }
        }
        return new Bounds(right + 48, top == Double.MAX_VALUE ? 40 : top, 260, 112);
    }

    private static DropOutcome addTaskDefinition(Design design, double x, double y) {
        String family = unique("taskdef", design.taskDefinitions()::containsKey);
        TaskDefinition taskDefinition = TaskDefinition.EMPTY.withFamily(family)
                .withContainerDefinitions(List.of(PaletteItem.starterContainer("app")));
        ElementId element = ElementId.taskDefinition(family);
        Design after = design.withTaskDefinition(taskDefinition).withLayout(AutoLayout.withCardContents(
                design.layout().with(element, new Bounds(x, y, 260, 160)), taskDefinition));
        return DropOutcome.accepted(Edit.of("Add task definition " + family, design, after), element);
    }

    private static DropOutcome addContainer(Design design, String family, PaletteItem item, double x, double y) {
        Optional<TaskDefinition> taskDefinition = design.taskDefinition(family);
        if (taskDefinition.isEmpty()) {
            return DropOutcome.refused("Task definition " + family + " is not in this design.");
        }
        if (taskDefinition.get().containerDefinitions().size() >= 10) {
            return DropOutcome.refused("Task definition " + family + " already has 10 containers, the most ECS allows.");
        }
        List<String> names = taskDefinition.get().containerDefinitions().stream().map(ContainerDefinition::name).toList();
        String base = switch (item) {
            case WEB_SERVER -> "web";
            case WORKER -> "worker";
            case LOG_ROUTER -> "log_router";
            default -> "container";
        };
        String name = names.contains(base) ? unique(base, names::contains) : base;
        Edit added = DesignEdits.addContainer(design, family, item.container(name));
        ElementId element = ElementId.container(family, name);
        Design after = added.after().withLayout(AutoLayout.withContainerSlot(added.after().layout(), family, name, x, y));
        return DropOutcome.accepted(Edit.of("Add container " + name, design, after), element);
    }

    private static String unique(String base, Predicate<String> taken) {
        for (int n = 1; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
