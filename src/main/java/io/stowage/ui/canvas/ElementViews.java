package io.stowage.ui.canvas;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PlacementConstraint;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.InstanceUsage;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.TaskRef;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the node of each kind of element, sized and placed at its bounds. */
final class ElementViews {
    private static final PseudoClass DISCONNECTED = PseudoClass.getPseudoClass("disconnected");
    private static final PseudoClass ESSENTIAL = PseudoClass.getPseudoClass("essential");

    private ElementViews() {
    }

    static Region cluster(Cluster cluster, Bounds bounds) {
        Label name = label(cluster.name(), "title");
        Label kind = label("cluster", "kind");
        HBox header = new HBox(8, name, kind);
        header.setAlignment(Pos.BASELINE_LEFT);
        VBox box = box(header);
        CanvasIds.tag(box, cluster.elementId(), "cluster");
        return place(box, bounds);
    }

    static Region instance(String clusterId, ContainerInstance instance, InstanceUsage usage, Cluster cluster,
                           Bounds bounds) {
        Label type = label(instance.instanceType(), "title");
        Label agent = label(instance.agentConnected() ? "ECS agent" : "agent off", "agent-badge");
        agent.pseudoClassStateChanged(DISCONNECTED, !instance.agentConnected());
        io.stowage.ui.common.HoverTips.set(agent, instance.agentConnected()
                ? "The ECS agent is connected: this instance accepts tasks"
                : "The ECS agent is disconnected: no task is placed here");
        HBox header = new HBox(6, type, spacer(), agent);
        header.setAlignment(Pos.CENTER_LEFT);
        Label where = label(instance.availabilityZone() + " · " + instance.id(), "subtitle");
        int cpu = usage == null ? 0 : usage.reservedCpu();
        int memory = usage == null ? 0 : usage.reservedMemoryMiB();
        CapacityBar cpuBar = new CapacityBar("CPU", cpu, instance.registeredCpu(), "");
        CapacityBar memoryBar = new CapacityBar("MEM", memory, instance.registeredMemoryMiB(), " MiB");
        ElementId id = ElementId.instance(clusterId, instance.id());
        cpuBar.setId(CanvasIds.nodeId(id) + "-cpu");
        memoryBar.setId(CanvasIds.nodeId(id) + "-memory");
        Label ports = reservedPorts(instance, usage);
        ports.setId(CanvasIds.nodeId(id) + "-ports");
        FlowPane chips = chips();
        if (usage != null) {
            for (TaskRef task : usage.tasks()) {
                chips.getChildren().add(chip(task, workloadName(cluster, task) + " #" + task.number(),
                        "Task " + task.number() + " of " + kindName(task) + " " + workloadName(cluster, task)
                                + " on " + instance.id(), false));
            }
        }
        VBox box = box(header, where, cpuBar, memoryBar, ports, chips);
        CanvasIds.tag(box, id, "instance");
        return place(box, bounds);
    }

    static Region fargate(Cluster cluster, FargateCapacity fargate, PlacementResult placement, Bounds bounds) {
        Label title = label("Fargate", "title");
        Label badge = label("awsvpc", "agent-badge");
        HBox header = new HBox(6, title, spacer(), badge);
        header.setAlignment(Pos.CENTER_LEFT);
        String zones = fargate.availabilityZones().isEmpty() ? "any zone" : String.join(", ", fargate.availabilityZones());
        Label where = label(zones, "subtitle");
        Label note = label("serverless capacity, no instances", "subtitle");
        FlowPane chips = chips();
        for (Placement p : placement.placements()) {
            if (p.fargate() && p.task().clusterId().equals(cluster.id())) {
                chips.getChildren().add(chip(p.task(), workloadName(cluster, p.task()) + " #" + p.task().number(),
                        "Task " + p.task().number() + " of " + kindName(p.task()) + " "
                                + workloadName(cluster, p.task()) + " on Fargate"
                                + (p.availabilityZone() == null ? "" : " in " + p.availabilityZone()), false));
            }
        }
        VBox box = box(header, where, note, chips);
        CanvasIds.tag(box, ElementId.fargate(cluster.id()), "fargate");
        return place(box, bounds);
    }

    static Region service(Cluster cluster, Service service, PlacementResult placement, Bounds bounds) {
        String name = service.serviceName() == null ? service.id() : service.serviceName();
        Label title = label(name, "title");
        Label kind = label("service", "kind");
        HBox header = new HBox(6, title, spacer(), kind);
        header.setAlignment(Pos.CENTER_LEFT);
        String count = service.isDaemon() ? "daemon"
                : "desired " + (service.desiredCount() == null ? "—" : service.desiredCount());
        Label summary = label(count + " · " + service.launchType() + " · " + family(service.taskDefinitionFamily()),
                "subtitle");
        summary.getStyleClass().add("desired-count");
        Label strategy = label(strategySummary(service.spec().placementStrategy(), service.spec().placementConstraints(),
                "spread AZ, instance"), "subtitle");
        strategy.getStyleClass().add("strategy");
        FlowPane pending = pendingChips(placement.failuresOf(cluster.id(), TaskRef.Kind.SERVICE, service.id()), name);
        VBox box = box(header, summary, strategy, pending);
        CanvasIds.tag(box, ElementId.service(cluster.id(), service.id()), "service");
        return place(box, bounds);
    }

    static Region standaloneTask(Cluster cluster, StandaloneTask task, PlacementResult placement, Bounds bounds) {
        Label title = label(task.id(), "title");
        Label kind = label("RunTask", "kind");
        HBox header = new HBox(6, title, spacer(), kind);
        header.setAlignment(Pos.CENTER_LEFT);
        Label summary = label("count " + task.count() + " · " + task.launchType() + " · "
                + family(task.taskDefinitionFamily()), "subtitle");
        Label strategy = label(strategySummary(task.run().placementStrategy(), task.run().placementConstraints(),
                "random"), "subtitle");
        FlowPane pending = pendingChips(placement.failuresOf(cluster.id(), TaskRef.Kind.TASK, task.id()), task.id());
        VBox box = box(header, summary, strategy, pending);
        CanvasIds.tag(box, ElementId.task(cluster.id(), task.id()), "standalone-task");
        return place(box, bounds);
    }

    static Region taskDefinition(TaskDefinition td, Bounds bounds) {
        Label title = label(td.family(), "title");
        Label kind = label("task definition", "kind");
        HBox header = new HBox(6, title, spacer(), kind);
        header.setAlignment(Pos.CENTER_LEFT);
        List<String> facts = new ArrayList<>();
        facts.add(td.networkMode() == null ? "bridge" : td.networkMode());
        if (!td.requiresCompatibilities().isEmpty()) {
            facts.add(String.join("/", td.requiresCompatibilities()));
        }
        if (td.cpu() != null || td.memory() != null) {
            facts.add((td.cpu() == null ? "?" : td.cpu()) + " CPU, " + (td.memory() == null ? "?" : td.memory()) + " MiB");
        }
        VBox box = box(header, label(String.join(" · ", facts), "subtitle"));
        CanvasIds.tag(box, ElementId.taskDefinition(td.family()), "task-definition");
        return place(box, bounds);
    }

    static Region container(String family, ContainerDefinition container, Bounds bounds) {
        Label name = label(container.name(), "title");
        Label ports = label(ports(container.portMappings()), "ports");
        ports.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(6, name, spacer(), ports);
        header.setAlignment(Pos.CENTER_LEFT);
        Label image = label(container.image() == null ? "no image" : container.image(), "subtitle");
        VBox box = box(header, image);
        box.pseudoClassStateChanged(ESSENTIAL, !Boolean.FALSE.equals(container.essential()));
        io.stowage.ui.common.HoverTips.set(box, container.name() + "\n" + (container.image() == null ? "no image" : container.image())
                + (Boolean.FALSE.equals(container.essential()) ? "\nnot essential" : "\nessential"));
        CanvasIds.tag(box, ElementId.container(family, container.name()), "container");
        return place(box, bounds);
    }

    // ------------------------------------------------------------------ helpers

    static String strategySummary(List<PlacementStrategy> strategies, List<PlacementConstraint> constraints,
                                  String fallback) {
        String text = strategies.isEmpty() ? fallback : strategies.stream()
                .map(s -> (s.type() == null ? "?" : s.type()) + (s.field() == null ? "" : " " + shortField(s.field())))
                .collect(Collectors.joining(", "));
        if (!constraints.isEmpty()) {
            text += " · " + constraints.size() + (constraints.size() == 1 ? " constraint" : " constraints");
        }
        return text;
    }

    private static String shortField(String field) {
        return switch (field) {
            case "attribute:ecs.availability-zone" -> "AZ";
            case "instanceId", "host" -> "instance";
            default -> field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
        };
    }

    private static String ports(List<PortMapping> mappings) {
        return mappings.stream().map(p -> {
            String container = p.containerPort() == null ? (p.containerPortRange() == null ? "?" : p.containerPortRange())
                    : String.valueOf(p.containerPort());
            String host = p.hostPort() == null ? "" : (p.hostPort() == 0 ? "*" : String.valueOf(p.hostPort())) + "→";
            return host + container + (p.protocol() == null || "tcp".equals(p.protocol()) ? "" : "/" + p.protocol());
        }).collect(Collectors.joining(" "));
    }

    private static String family(String family) {
        return family == null ? "no task definition" : family;
    }

    private static String kindName(TaskRef task) {
        return task.kind() == TaskRef.Kind.SERVICE ? "service" : "task";
    }

    private static String workloadName(Cluster cluster, TaskRef task) {
        if (task.kind() == TaskRef.Kind.SERVICE) {
            return cluster.service(task.source()).map(s -> s.serviceName() == null ? s.id() : s.serviceName())
                    .orElse(task.source());
        }
        return task.source();
    }

    private static FlowPane pendingChips(List<PlacementFailure> failures, String name) {
        FlowPane chips = chips();
        for (PlacementFailure failure : failures) {
            chips.getChildren().add(chip(failure.task(), "pending #" + failure.task().number() + " · "
                            + shortReason(failure.reason()),
                    failure.message() + "\n(" + failure.reason() + ")\nClick to explain the placement", true));
        }
        return chips;
    }

    /** RESOURCE:MEMORY → memory: the resource ECS found short, or the reason itself. */
    static String shortReason(String reason) {
        if (reason.startsWith("RESOURCE:")) {
            return reason.substring("RESOURCE:".length()).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        return reason.length() > 12 ? reason.substring(0, reason.indexOf(' ') > 0 ? reason.indexOf(' ') : 12) : reason;
    }

    /**
     * The host ports in use on the instance: the tasks' static ports, then how many the agent reserves for itself
     * (ECS_RESERVED_PORTS), every one of them in the tooltip.
     */
    private static Label reservedPorts(ContainerInstance instance, InstanceUsage usage) {
        java.util.Set<Integer> agent = new java.util.LinkedHashSet<>(instance.reservedPorts());
        List<String> taskPorts = new ArrayList<>();
        if (usage != null) {
            for (io.stowage.model.design.HostPort port : usage.ports()) {
                boolean reservedByAgent = "udp".equals(port.protocol()) ? instance.reservedUdpPorts().contains(port.port())
                        : agent.contains(port.port());
                if (!reservedByAgent) {
                    taskPorts.add(port.protocol().equals("tcp") ? String.valueOf(port.port()) : port.toString());
                }
            }
        }
        int agentCount = agent.size() + instance.reservedUdpPorts().size();
        String text = "ports " + (taskPorts.isEmpty() ? "none" : String.join(" ", taskPorts))
                + (agentCount == 0 ? "" : " + " + agentCount + " agent");
        Label label = label(text, "reserved-ports");
        io.stowage.ui.common.HoverTips.set(label, "Static host ports of the tasks placed here: "
                + (taskPorts.isEmpty() ? "none" : String.join(", ", taskPorts))
                + "\nReserved by the ECS agent (ECS_RESERVED_PORTS): "
                + (agent.isEmpty() ? "none" : agent.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                + (instance.reservedUdpPorts().isEmpty() ? "" : "; UDP " + instance.reservedUdpPorts()));
        return label;
    }

    private static Label chip(TaskRef task, String text, String tooltip, boolean pending) {
        Label chip = new Label(text);
        chip.setId(CanvasIds.chipId(task));
        chip.getStyleClass().add("task-chip");
        chip.setMinWidth(Region.USE_PREF_SIZE);
        chip.pseudoClassStateChanged(CanvasIds.PENDING, pending);
        chip.getProperties().put(CanvasIds.TASK, task);
        io.stowage.ui.common.HoverTips.set(chip, pending ? tooltip : tooltip + "\nClick to explain the placement");
        return chip;
    }

    private static FlowPane chips() {
        FlowPane chips = new FlowPane(4, 3);
        chips.getStyleClass().add("task-chips");
        return chips;
    }

    private static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        label.setMinWidth(0);
        return label;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        spacer.setMinWidth(0);
        return spacer;
    }

    private static VBox box(javafx.scene.Node... children) {
        VBox box = new VBox(2, children);
        box.getStyleClass().add("canvas-element");
        return box;
    }

    /** Sizes the node to the bounds and puts it there (canvas coordinates are absolute). */
    static Region place(Region node, Bounds bounds) {
        node.setMinSize(bounds.width(), bounds.height());
        node.setPrefSize(bounds.width(), bounds.height());
        node.setMaxSize(bounds.width(), bounds.height());
        node.setLayoutX(bounds.x());
        node.setLayoutY(bounds.y());
        return node;
    }
}
