package io.stowage.ui.canvas;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.HoverTips;
import io.stowage.ui.common.ResourceUse;
import io.stowage.ui.common.Sparkline;
import io.stowage.ui.common.StatusLook;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.Map;

/**
 * Draws what runs into the element nodes the canvas made for the design: live task chips in place of the
 * simulated ones on instances and Fargate, the agent's report on each instance, and live counts and the latest
 * event on each service. Redrawn once per batch of runtime changes, touching only those nodes.
 */
final class LiveChips {
    static final String LIVE_REPORT = "live-report";
    static final String LIVE_CHIP = "live-chip";
    private static final String GROWS = "live-grows";
    static final String LIVE_USE = "live-use";

    private LiveChips() {
    }

    static void draw(Design design, Map<ElementId, Region> nodes, LiveOverlay live) {
        for (Cluster cluster : design.clusters()) {
            for (ContainerInstance instance : cluster.instances()) {
                Region node = nodes.get(ElementId.instance(cluster.id(), instance.id()));
                if (node != null) {
                    fill(node, live.tasksOn(cluster.name(), instance.id()), live);
                    // The agent's report takes the row of the reserved ports, so the box keeps its size.
                    String report = live.instance(cluster.name(), instance.id()).map(LiveChips::agentLine)
                            .orElse("agent: no report yet");
                    relabel(node, child -> child.getId() != null && child.getId().endsWith("-ports"), report, report);
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
                if (node == null) {
                    continue;
                }
                var state = live.service(cluster.name(), name);
                String counts = state.map(s -> "live: " + s.runningCount() + "/" + s.desiredCount() + " running · "
                        + s.pendingCount() + " pending" + rollout(s)).orElse("live: no report yet");
                String events = state.map(s -> String.join("\n", s.events().stream().limit(5)
                        .map(e -> e.message()).toList())).orElse("");
                relabel(node, child -> child.getStyleClass().contains("desired-count"), counts, counts);
                String latest = events.isEmpty() ? "no service events yet" : events.lines().findFirst().orElse("");
                relabel(node, child -> child.getStyleClass().contains("strategy"), latest,
                        events.isEmpty() ? latest : events);
            }
        }
    }

    /** The primary deployment's rollout while one is under way or failed, as " · web:2 IN_PROGRESS"; else "". */
    static String rollout(io.stowage.model.runtime.ServiceState s) {
        if (s.deployments().isEmpty()) {
            return "";
        }
        var primary = s.deployments().get(0);
        if (primary.rolloutState() == null || (s.deployments().size() == 1 && "COMPLETED".equals(primary.rolloutState()))) {
            return "";
        }
        String td = primary.taskDefinitionArn() == null ? "" : primary.taskDefinitionArn()
                .substring(primary.taskDefinitionArn().lastIndexOf('/') + 1) + " ";
        return " · " + td + primary.rolloutState();
    }

    static String agentLine(InstanceState i) {
        return (i.agentConnected() ? "agent ✓" : "agent ✗") + (i.agentVersion() == null ? "" : " " + i.agentVersion())
                + " · " + i.runningTasksCount() + " running · " + i.pendingTasksCount() + " pending · free "
                + i.remainingCpu() + " CPU, " + i.remainingMemoryMiB() + " MiB";
    }

    /** Keeps the chip node of each task across redraws, so a chip under the pointer stays the same node. */
    private static void fill(Region node, List<TaskState> tasks, LiveOverlay live) {
        FlowPane chips = chipsOf(node);
        if (chips == null) {
            return;
        }
        Map<String, Label> existing = new java.util.HashMap<>();
        for (Node child : chips.getChildren()) {
            if (child instanceof Label label && child.getStyleClass().contains(LIVE_CHIP)) {
                existing.put(label.getId(), label);
            }
        }
        List<Node> shown = new java.util.ArrayList<>();
        for (TaskState task : tasks) {
            Label chip = existing.get(chipId(task));
            shown.add(chip == null ? chip(task, live) : update(chip, task, live));
        }
        if (!shown.equals(chips.getChildren())) {
            chips.getChildren().setAll(shown);
        }
        growToFit(node);
    }

    /**
     * Lets a box that runs more tasks than its designed size shows grow downwards over what lies below it, in
     * front, so that every chip stays visible and clickable; the design's bounds do not change, and the box
     * takes its designed size again when the run ends and the canvas redraws it.
     */
    private static void growToFit(Region node) {
        if (node.getProperties().putIfAbsent(GROWS, Boolean.TRUE) != null) {
            return;
        }
        node.setMaxHeight(Region.USE_PREF_SIZE);
        node.setPrefHeight(Region.USE_COMPUTED_SIZE);
        // Follows the height layout gives the box (chips come and go, a status or a sparkline widens a chip and
        // it wraps) instead of measuring it on every batch, which would cost a CSS and layout pass each time.
        double designed = node.getMinHeight();
        node.heightProperty().addListener((observed, was, now) -> {
            if (now.doubleValue() > designed + 0.5) {
                node.toFront();
            }
        });
    }

    static String chipId(TaskState task) {
        return "live-chip-" + task.taskId();
    }

    static Label chip(TaskState task, LiveOverlay live) {
        Label chip = new Label();
        chip.setId(chipId(task));
        chip.getStyleClass().addAll("task-chip", LIVE_CHIP);
        chip.setMinWidth(Region.USE_PREF_SIZE);
        // CPU and memory beside the status, as two small lines kept with the chip and redrawn as samples come.
        Sparkline cpu = new Sparkline(26, 10);
        Sparkline memory = new Sparkline(26, 10);
        cpu.setId(chipId(task) + "-cpu");
        memory.setId(chipId(task) + "-memory");
        memory.setStroke(javafx.scene.paint.Color.web("#8e5ea2"));
        HBox use = new HBox(2, cpu, memory);
        use.getStyleClass().add(LIVE_USE);
        use.setAlignment(javafx.geometry.Pos.CENTER);
        use.setMouseTransparent(true);
        chip.setGraphic(use);
        chip.setContentDisplay(ContentDisplay.RIGHT);
        chip.setGraphicTextGap(4);
        // On press, not click: the canvas would take a press for the start of a drag or a rubber band.
        chip.setOnMousePressed(e -> {
            live.taskClicked((TaskState) chip.getProperties().get("liveTask"));
            e.consume();
        });
        return update(chip, task, live);
    }

    private static Label update(Label chip, TaskState task, LiveOverlay live) {
        ResourceUse use = live.use(task);
        boolean newUse = !java.util.Objects.equals(use.latest(), chip.getProperties().get("liveUseAt"));
        if (newUse) {
            drawUse(chip, use);
        }
        if (task.equals(chip.getProperties().get("liveTask"))) {
            if (newUse) {
                HoverTips.set(chip, tooltip(task, use));
            }
            return chip;
        }
        // A container that finished its work (exit 0) is no news; one that failed while its task runs is.
        long failed = task.containers().stream().filter(c -> c.isStopped() && c.exitCode() != null
                && c.exitCode() != 0).count();
        String name = task.serviceName() != null ? task.serviceName() : task.family();
        chip.setText(name + " " + task.shortId().substring(0, Math.min(4, task.shortId().length()))
                + " · " + task.lastStatus() + (failed > 0 ? "  ✕" + failed : ""));
        StatusLook.apply(chip, task);
        chip.getProperties().put("liveTask", task);
        HoverTips.set(chip, tooltip(task, use));
        return chip;
    }

    private static void drawUse(Label chip, ResourceUse use) {
        chip.getProperties().put("liveUseAt", use.latest());
        HBox box = (HBox) chip.getGraphic();
        // Reservations (ECS) do not move: the tooltip says them, and the chip keeps its room for the status.
        boolean lines = !use.isEmpty() && !use.reserved();
        box.setVisible(lines);
        box.setManaged(lines);
        chip.setContentDisplay(lines ? ContentDisplay.RIGHT : ContentDisplay.TEXT_ONLY);
        if (lines) {
            ((Sparkline) box.getChildren().get(0)).show(use.cpuPercent(), use.cpuTop());
            ((Sparkline) box.getChildren().get(1)).show(use.memoryBytes(), use.memoryTop());
        }
    }

    static String tooltip(TaskState task, ResourceUse use) {
        String text = tooltip(task);
        return use.isEmpty() ? text : text + "\n" + use.summary();
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
                text.append(", exit ").append(io.stowage.model.runtime.ExitCodes.explain(c));
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

    private static void relabel(Region node, java.util.function.Predicate<Node> which, String text, String tip) {
        for (Node child : node.getChildrenUnmodifiable()) {
            if (child instanceof Label label && which.test(child)) {
                label.setText(text);
                if (!label.getStyleClass().contains(LIVE_REPORT)) {
                    label.getStyleClass().add(LIVE_REPORT);
                }
                HoverTips.set(label, tip);
            }
        }
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
