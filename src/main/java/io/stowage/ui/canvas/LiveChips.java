package io.stowage.ui.canvas;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.StatusLook;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Map;

/**
 * Draws what runs into the element nodes the canvas made for the design: live task chips in place of the
 * simulated ones on instances and Fargate, the agent's report on each instance, and live counts and the latest
 * event on each service. Redrawn once per batch of runtime changes, touching only those nodes.
 */
final class LiveChips {
    static final String AGENT_REPORT = "agent-report";
    static final String SERVICE_REPORT = "service-report";
    static final String LIVE_CHIP = "live-chip";

    private LiveChips() {
    }

    static void draw(Design design, Map<ElementId, Region> nodes, LiveOverlay live) {
        for (Cluster cluster : design.clusters()) {
            for (ContainerInstance instance : cluster.instances()) {
                Region node = nodes.get(ElementId.instance(cluster.id(), instance.id()));
                if (node != null) {
                    fill(node, live.tasksOn(cluster.name(), instance.id()), live);
                    report(node, AGENT_REPORT, live.instance(cluster.name(), instance.id()).map(LiveChips::agentLine)
                            .orElse("agent: no report yet"));
                }
            }
            if (cluster.fargate() != null) {
                Region node = nodes.get(ElementId.fargate(cluster.id()));
                if (node != null) {
                    fill(node, live.fargateTasks(cluster.name()), live);
                }
            }
            for (Service service : cluster.services()) {
                Region node = nodes.get(ElementId.service(cluster.id(), service.id()));
                String name = service.serviceName() == null ? service.id() : service.serviceName();
                if (node != null) {
                    report(node, SERVICE_REPORT, live.service(cluster.name(), name).map(LiveChips::serviceLine)
                            .orElse("live: waiting for the first report"));
                }
            }
        }
    }

    static String agentLine(InstanceState i) {
        return (i.agentConnected() ? "agent ✓" : "agent ✗") + (i.agentVersion() == null ? "" : " " + i.agentVersion())
                + " · " + i.runningTasksCount() + " running · " + i.pendingTasksCount() + " pending · free "
                + i.remainingCpu() + " CPU, " + i.remainingMemoryMiB() + " MiB";
    }

    static String serviceLine(ServiceState s) {
        String counts = "live: " + s.runningCount() + "/" + s.desiredCount() + " running · " + s.pendingCount()
                + " pending";
        return s.events().isEmpty() ? counts : counts + "\n" + s.events().get(0).message();
    }

    private static void fill(Region node, List<TaskState> tasks, LiveOverlay live) {
        FlowPane chips = chipsOf(node);
        if (chips == null) {
            return;
        }
        chips.getChildren().setAll(tasks.stream().map(t -> chip(t, live)).toList());
    }

    static Label chip(TaskState task, LiveOverlay live) {
        long exited = task.containers().stream().filter(c -> c.isStopped() && !task.isStopped()).count();
        String name = task.serviceName() != null ? task.serviceName() : task.family();
        Label chip = new Label(name + " " + task.shortId().substring(0, Math.min(4, task.shortId().length()))
                + " · " + task.lastStatus() + (exited > 0 ? "  ✕" + exited : ""));
        chip.setId("live-chip-" + task.taskId());
        chip.getStyleClass().addAll("task-chip", LIVE_CHIP);
        chip.setMinWidth(Region.USE_PREF_SIZE);
        StatusLook.apply(chip, task);
        chip.getProperties().put("liveTask", task);
        chip.setTooltip(new Tooltip(tooltip(task)));
        chip.setOnMouseClicked(e -> {
            live.taskClicked(task);
            e.consume();
        });
        return chip;
    }

    static String tooltip(TaskState task) {
        StringBuilder text = new StringBuilder("Task " + task.taskId() + "\n" + task.taskDefinitionArn() + "\n"
                + task.lastStatus() + (task.healthStatus() == null ? "" : ", " + task.healthStatus()));
        if (task.stoppedReason() != null) {
            text.append("\nStopped: ").append(task.stoppedReason());
        }
        for (ContainerState c : task.containers()) {
            text.append("\n  ").append(c.name()).append(": ").append(c.lastStatus());
            if (c.exitCode() != null) {
                text.append(", exit ").append(c.exitCode());
            }
            if (c.healthStatus() != null) {
                text.append(", ").append(c.healthStatus());
            }
            if (c.reason() != null) {
                text.append(" (").append(c.reason()).append(')');
            }
        }
        return text.toString();
    }

    private static void report(Region node, String styleClass, String text) {
        if (!(node instanceof Pane pane)) {
            return;
        }
        Label label = null;
        for (Node child : pane.getChildren()) {
            if (child.getStyleClass().contains(styleClass)) {
                label = (Label) child;
            }
        }
        if (label == null) {
            label = new Label();
            label.getStyleClass().addAll("subtitle", styleClass);
            label.setWrapText(true);
            FlowPane chips = chipsOf(node);
            int at = chips == null ? pane.getChildren().size() : pane.getChildren().indexOf(chips);
            pane.getChildren().add(at, label);
        }
        label.setText(text);
    }

    private static FlowPane chipsOf(Parent node) {
        for (Node child : node.getChildrenUnmodifiable()) {
            if (child instanceof FlowPane flow && child.getStyleClass().contains("task-chips")) {
                return flow;
            }
        }
        return null;
    }
}
