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
    static final String LIVE_MORE = "live-more";
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

    /**
     * Keeps the chip node of each task across redraws, so a chip under the pointer stays the same node. The chips
     * stay inside the box's designed size: a chip wider than the box is cut with "…", and when more tasks run than
     * rows fit, the last chip is a "+N more" summary (its hover text lists them; a click shows the first in the
     * tasks tab). Failed tasks are kept in view first, then those that run, then those that stopped cleanly.
     */
    private static void fill(Region node, List<TaskState> tasks, LiveOverlay live) {
        FlowPane chips = chipsOf(node);
        if (chips == null) {
            return;
        }
        Map<String, Label> existing = new java.util.HashMap<>();
        Label more = null;
        for (Node child : chips.getChildren()) {
            if (child instanceof Label label && child.getStyleClass().contains(LIVE_CHIP)) {
                existing.put(label.getId(), label);
            } else if (child instanceof Label label && child.getStyleClass().contains(LIVE_MORE)) {
                more = label;
            }
        }
        double width = Math.max(40, node.getMinWidth() - node.snappedLeftInset() - node.snappedRightInset());
        List<Label> all = new java.util.ArrayList<>();
        for (TaskState task : tasks) {
            Label chip = existing.get(chipId(task));
            chip = chip == null ? chip(task, live) : update(chip, task, live);
            chip.setMaxWidth(width);
            all.add(chip);
        }
        List<Node> shown = new java.util.ArrayList<>(all);
        if (!all.isEmpty() && !fits(node, chips, all, width)) {
            if (more == null) {
                more = moreChip(live);
            }
            shown = fitted(node, chips, all, more, width);
        }
        if (!shown.equals(chips.getChildren())) {
            chips.getChildren().setAll(shown);
        }
    }

    /** Whether these chips, in the flow's rows, fit the height the box has left for them. */
    private static boolean fits(Region node, FlowPane chips, List<? extends Region> candidates, double width) {
        if (!chips.getChildren().equals(candidates)) {
            chips.getChildren().setAll(candidates);
        }
        node.applyCss(); // new chips take their font and padding, so they measure as they will show
        double room = node.getMinHeight() - node.snappedTopInset() - node.snappedBottomInset();
        double spacing = node instanceof javafx.scene.layout.VBox box ? box.getSpacing() : 0;
        int children = 0;
        for (Node child : node.getChildrenUnmodifiable()) {
            if (child.isManaged()) {
                children++;
                if (child != chips) {
                    room -= child.prefHeight(width);
                }
            }
        }
        room -= spacing * Math.max(0, children - 1);
        double x = 0;
        double rows = 0;
        double rowHeight = 0;
        for (Region chip : candidates) {
            double w = Math.min(width, chip.prefWidth(-1));
            double h = chip.prefHeight(-1);
            if (x > 0 && x + w > width) {
                rows += rowHeight + chips.getVgap();
                x = 0;
                rowHeight = 0;
            }
            x += w + chips.getHgap();
            rowHeight = Math.max(rowHeight, h);
        }
        return rows + rowHeight <= room + 0.5;
    }

    /** As many chips as fit with the "+N more" chip after them, in the tasks' order. */
    private static List<Node> fitted(Region node, FlowPane chips, List<Label> all, Label more, double width) {
        List<Label> byImportance = new java.util.ArrayList<>(all);
        byImportance.sort(java.util.Comparator.comparingInt(LiveChips::importance));
        for (int keep = all.size() - 1; keep >= 0; keep--) {
            java.util.Set<Label> kept = new java.util.HashSet<>(byImportance.subList(0, keep));
            List<Region> candidate = new java.util.ArrayList<>();
            List<TaskState> hidden = new java.util.ArrayList<>();
            for (Label chip : all) {
                if (kept.contains(chip)) {
                    candidate.add(chip);
                } else {
                    hidden.add((TaskState) chip.getProperties().get("liveTask"));
                }
            }
            describeMore(more, hidden);
            candidate.add(more);
            if (keep == 0 || fits(node, chips, candidate, width)) {
                return new java.util.ArrayList<>(candidate);
            }
        }
        return List.of(more);
    }

    /** Failed tasks first, then those that run or start, then those that stopped as asked. */
    private static int importance(Label chip) {
        TaskState task = (TaskState) chip.getProperties().get("liveTask");
        if (task.isStopped()) {
            return StatusLook.failed(task) ? 0 : 2;
        }
        return 1;
    }

    private static Label moreChip(LiveOverlay live) {
        Label more = new Label();
        more.getStyleClass().addAll("task-chip", LIVE_MORE);
        more.setMinWidth(Region.USE_PREF_SIZE);
        more.setOnMousePressed(e -> {
            @SuppressWarnings("unchecked")
            List<TaskState> hidden = (List<TaskState>) more.getProperties().get("liveHidden");
            if (hidden != null && !hidden.isEmpty()) {
                live.taskClicked(hidden.get(0));
            }
            e.consume();
        });
        return more;
    }

    private static void describeMore(Label more, List<TaskState> hidden) {
        more.setText("+" + hidden.size() + " more");
        more.setId("live-more-" + (hidden.isEmpty() ? "none" : hidden.get(0).taskId()));
        more.getProperties().put("liveHidden", List.copyOf(hidden));
        StringBuilder tip = new StringBuilder(hidden.size() + " more tasks here (click to see the first in the tasks tab):");
        for (TaskState task : hidden) {
            tip.append("\n  ").append(task.serviceName() != null ? task.serviceName() : task.family()).append(' ')
                    .append(task.shortId()).append(" · ").append(task.lastStatus());
        }
        HoverTips.set(more, tip.toString());
    }

    static String chipId(TaskState task) {
        return "live-chip-" + task.taskId();
    }

    static Label chip(TaskState task, LiveOverlay live) {
        Label chip = new Label();
        chip.setId(chipId(task));
        chip.getStyleClass().addAll("task-chip", LIVE_CHIP);
        chip.setMinWidth(0);
        chip.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
        // CPU and memory beside the status, as two small lines kept with the chip and redrawn as samples come.
        Sparkline cpu = new Sparkline(26, 10);
        Sparkline memory = new Sparkline(26, 10);
        cpu.setId(chipId(task) + "-cpu");
        memory.setId(chipId(task) + "-memory");
        memory.setStroke(javafx.scene.paint.Color.web("#8e5ea2"));
        Label cpuName = new Label("cpu");
        Label memoryName = new Label("mem");
        cpuName.getStyleClass().add("live-use-name");
        memoryName.getStyleClass().add("live-use-name");
        HBox use = new HBox(2, cpuName, cpu, memoryName, memory);
        use.getStyleClass().add(LIVE_USE);
        use.setAlignment(javafx.geometry.Pos.CENTER);
        use.setMouseTransparent(true);
        chip.setGraphic(use);
        // Shown once the first sample comes (drawUse), so a chip without figures keeps its room for the status.
        use.setVisible(false);
        use.setManaged(false);
        chip.setContentDisplay(ContentDisplay.TEXT_ONLY);
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
            ((Sparkline) box.getChildren().get(1)).show(use.cpuPercent(), use.cpuTop());
            ((Sparkline) box.getChildren().get(3)).show(use.memoryBytes(), use.memoryTop());
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
