package io.stowage.ui.live;

import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.ResourceUse;
import io.stowage.ui.common.Sparkline;
import io.stowage.ui.common.StatusLook;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * "Why did it stop": the selected task's status, stopped reason and stop code, each container's state, exit
 * code, reason and health, and the last lines its containers printed (read off the JavaFX thread).
 */
public final class TaskDetails {
    static final int LAST_LINES = 20;
    private static final String WRAPS = "details-wraps";

    private final Supplier<LogSource> logs;
    private final io.stowage.ui.common.TaskExecutor workers;
    private final BiConsumer<TaskState, String> openLog;
    private final VBox box = new VBox(8);
    private final Label title = new Label("Select a task to see its details.");
    private final Label reason = new Label();
    private final Label role = new Label();
    private final GridPane containers = new GridPane();
    private final TextArea lastLines = new TextArea();
    private final LiveModel model;
    // Kept while the same task is shown, so a new sample redraws its line instead of making new nodes.
    private final Map<String, ContainerUse> uses = new HashMap<>();
    private TaskState shown;
    private long request;

    /**
     * @param logs    where the task's lines are read, asked anew for each task (local run or ECS)
     * @param workers runs the reads
     * @param openLog opens a container's log in the logs tab
     */
    public TaskDetails(Supplier<LogSource> logs, io.stowage.ui.common.TaskExecutor workers, BiConsumer<TaskState, String> openLog) {
        this(logs, workers, openLog, null);
    }

    /** @param model where each container's CPU and memory samples are read, or null to show none */
    public TaskDetails(Supplier<LogSource> logs, io.stowage.ui.common.TaskExecutor workers, BiConsumer<TaskState, String> openLog,
                       LiveModel model) {
        this.model = model;
        this.logs = logs;
        this.workers = workers;
        this.openLog = openLog;
        title.setId("task-details-title");
        title.getStyleClass().add("details-title");
        reason.setId("task-details-reason");
        reason.setWrapText(true);
        reason.getStyleClass().add("details-reason");
        role.setId("task-details-role");
        role.setWrapText(true);
        role.managedProperty().bind(role.visibleProperty());
        containers.setId("task-details-containers");
        containers.setHgap(10);
        containers.setVgap(4);
        lastLines.setId("task-details-last-lines");
        lastLines.setEditable(false);
        lastLines.setPrefRowCount(8);
        lastLines.getStyleClass().add("log-text");
        Label linesHeading = new Label("Last lines printed");
        linesHeading.getStyleClass().add("details-heading");
        box.getChildren().setAll(title, reason, role, containers, linesHeading, lastLines);
        box.setPadding(new Insets(8));
        box.setId("task-details");
    }

    public Node node() {
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Shows a task (null clears), reading its last lines anew. */
    public void show(TaskState task) {
        uses.clear();
        shown = task;
        render(task);
        lastLines.clear();
        if (task != null) {
            readLastLines(task);
        }
    }

    /** The same task in a newer state; its last lines are read again once it stopped. */
    public void refresh(TaskState task) {
        boolean justStopped = shown != null && !shown.isStopped() && task.isStopped();
        if (task.equals(shown)) {
            // Only new samples (they come every second or two): redraw their lines, keep every other node.
            task.containers().forEach(c -> {
                ContainerUse use = uses.get(c.name());
                if (use != null && model != null) {
                    use.draw(model.use(task.taskArn(), c.name()));
                }
            });
            return;
        }
        shown = task;
        render(task);
        if (justStopped) {
            readLastLines(task);
        }
    }

    String reasonText() {
        return reason.getText();
    }

    String roleText() {
        return role.getText();
    }

    /**
     * The task's IAM role as the agent that runs it holds it, and whether its credentials were served: "Task role
     * arn:...:role/web · assumed · credentials served to a container at 18:02:03 (they expire 19:02:03)"; empty for a
     * task without a role (or one whose role its engine does not report).
     */
    static String roleLine(io.stowage.model.runtime.TaskRole r) {
        if (r == null) {
            return "";
        }
        java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault());
        String served = r.lastServedAt() == null ? "no container has fetched its credentials yet"
                : "credentials served to a container at " + clock.format(r.lastServedAt());
        String expiry = r.expiration() == null ? "" : " (they expire " + clock.format(r.expiration()) + ")";
        return "Task role " + r.roleArn() + " · " + switch (r.status()) {
            case PENDING -> "being assumed: the credentials endpoint answers 503 meanwhile";
            case ASSUMED -> "assumed · " + served + expiry;
            case USER_CREDENTIALS -> "your own AWS credentials instead (a deviation) · " + served
                    + (r.detail() == null ? "" : ": " + r.detail());
            case REFUSED -> "refused: its containers get no credentials" + (r.detail() == null ? "" : ": "
                    + r.detail());
            case NOT_SERVED -> "not served" + (r.detail() == null ? "" : ": " + r.detail());
        };
    }

    String lastLinesText() {
        return lastLines.getText();
    }

    private void render(TaskState task) {
        containers.getChildren().clear();
        if (task == null) {
            title.setText("Select a task to see its details.");
            reason.setText("");
            role.setText("");
            role.setVisible(false);
            StatusLook.apply(title, null);
            return;
        }
        title.setText(task.shortId() + "  ·  " + task.family() + (task.revision() == null ? "" : ":" + task.revision())
                + "  ·  " + task.lastStatus());
        StatusLook.apply(title, task);
        role.setText(roleLine(task.role()));
        role.setVisible(task.role() != null);
        String[] headings = {"Container", "Status", "Exit", "Health", "Reason", "", "CPU", "Memory"};
        for (int c = 0; c < headings.length; c++) {
            Label heading = new Label(headings[c]);
            heading.getStyleClass().add("details-heading");
            containers.add(heading, c, 0);
        }
        int row = 1;
        for (ContainerState container : task.containers()) {
            Label name = new Label(container.name());
            if (!container.essential()) {
                name.setText(container.name() + " *");
                name.setTooltip(new javafx.scene.control.Tooltip("not essential: its exit does not stop the task"));
            }
            containers.add(name, 0, row);
            containers.add(new Label(container.lastStatus().name()), 1, row);
            // The code with what it means: "137: killed (SIGKILL), not out of memory", from its OOMKilled state.
            Label exit = new Label(container.exitCode() == null ? "–" : io.stowage.model.runtime.ExitCodes.explain(container));
            exit.setId("task-details-exit-" + container.name());
            exit.setWrapText(true);
            exit.setMaxWidth(240);
            exit.setMinWidth(140); // wraps between words, never inside "137"
            exit.getProperties().put(WRAPS, Boolean.TRUE);
            containers.add(exit, 2, row);
            containers.add(new Label(container.healthStatus() == null ? "–" : container.healthStatus().name()), 3, row);
            ContainerUse use = uses.computeIfAbsent(container.name(), ContainerUse::new);
            use.draw(model == null ? ResourceUse.NONE : model.use(task.taskArn(), container.name()));
            Label why = new Label(container.reason() == null ? "" : container.reason());
            why.setWrapText(true);
            why.setMaxWidth(320);
            why.setMinWidth(120);
            why.getProperties().put(WRAPS, Boolean.TRUE);
            containers.add(why, 4, row);
            Button log = new Button("Logs");
            log.setId("task-details-log-" + container.name());
            log.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            log.setOnAction(e -> openLog.accept(task, container.name()));
            containers.add(new HBox(log), 5, row);
            // Last, so that a narrow pane keeps the log button in view and scrolls to the figures.
            containers.add(use.cpu, 6, row);
            containers.add(use.memory, 7, row);
            row++;
        }
        // Cells keep their whole text; a narrow pane scrolls instead of cutting "STOPPED" to "STOPP…".
        containers.getChildren().forEach(cell -> {
            if (cell instanceof javafx.scene.layout.Region region && !cell.getProperties().containsKey(WRAPS)) {
                region.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        });
        // Last: whoever waits for the reason (a test, a screen reader) then finds the containers' rows too.
        reason.setText(reasonOf(task));
    }

    /** The CPU and memory of one container: the latest figure beside a sparkline (text only when reserved). */
    static final class ContainerUse {
        final Label cpuText = new Label();
        final Label memoryText = new Label();
        final Sparkline cpuLine = new Sparkline(52, 14);
        final Sparkline memoryLine = new Sparkline(52, 14);
        final HBox cpu = new HBox(4, cpuLine, cpuText);
        final HBox memory = new HBox(4, memoryLine, memoryText);
        private java.time.Instant drawn;
        private boolean drawnOnce;

        ContainerUse(String container) {
            cpuText.setId("task-details-cpu-" + container);
            memoryText.setId("task-details-memory-" + container);
            cpu.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            memory.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            cpuLine.managedProperty().bind(cpuLine.visibleProperty());
            memoryLine.managedProperty().bind(memoryLine.visibleProperty());
        }

        void draw(ResourceUse use) {
            if (drawnOnce && java.util.Objects.equals(use.latest(), drawn)) {
                return;
            }
            drawnOnce = true;
            drawn = use.latest();
            String prefix = use.reserved() ? "res. " : "";
            cpuText.setText(use.isEmpty() ? "–" : prefix + use.cpuText());
            memoryText.setText(use.isEmpty() ? "–" : prefix + use.memoryText());
            boolean lines = !use.isEmpty() && !use.reserved();
            cpuLine.setVisible(lines);
            memoryLine.setVisible(lines);
            if (lines) {
                cpuLine.show(use.cpuPercent(), use.cpuTop());
                memoryLine.show(use.memoryBytes(), use.memoryTop());
            }
        }
    }

    static String reasonOf(TaskState task) {
        if (task.stoppedReason() == null && task.stopCode() == null) {
            return task.isStopped() ? "Stopped." : "";
        }
        return "Stopped reason: " + (task.stoppedReason() == null ? "–" : task.stoppedReason())
                + (task.stopCode() == null ? "" : "   (stop code " + task.stopCode() + ")");
    }

    private void readLastLines(TaskState task) {
        long mine = ++request;
        LogSource source = logs.get();
        PulseBatcher<String> toView = new PulseBatcher<>(batch -> {
            if (mine == request) {
                lastLines.setText(String.join("\n", batch.get(batch.size() - 1).lines().toList()));
            }
        });
        workers.task("Reading the last lines of task " + task.shortId(), progress -> {
            StringBuilder text = new StringBuilder();
            for (ContainerState container : task.containers()) {
                if (container.runtimeId() == null) {
                    continue;
                }
                List<LogLine> lines = new ArrayList<>();
                try (AutoCloseable ignored = source.lines(task, container.name(), LAST_LINES, false, lines::add)) {
                    for (LogLine line : lines) {
                        text.append(container.name()).append(" | ").append(line.text()).append('\n');
                    }
                } catch (Exception unreadable) {
                    text.append(container.name()).append(" | (logs unavailable: ").append(unreadable.getMessage())
                            .append(")\n");
                }
            }
            toView.add(text.toString());
            return null;
        }).quiet().start();
    }
}
