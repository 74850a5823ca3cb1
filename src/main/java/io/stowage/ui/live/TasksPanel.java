package io.stowage.ui.live;

import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.StatusLook;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The tasks tab of the ECS console, but live: every task with its definition, instance, statuses, health,
 * times and stop reason; a filter over every column, sortable columns, stopped tasks kept (with their
 * reason) until cleared, and the selected task's details beside the table.
 */
public final class TasksPanel {
    /** The panel width from which the details go beside the table instead of below it. */
    static final double WIDE = 1200;
    /** The table width from which Instance, CPU and Memory are shown besides the columns a glance needs. */
    static final double ROOMY = 1000;
    private final LiveModel model;
    private final TableView<TaskState> table = new TableView<>();
    private final TextField filter = new TextField();
    private final CheckBox showStopped = new CheckBox("Show stopped");
    private final TaskDetails details;
    private final BorderPane root = new BorderPane();
    private String selectedArn;
    private final SplitPane split = new SplitPane();
    private final BorderPane detailsPane;
    private TaskActions actions = TaskActions.NONE;

    public TasksPanel(LiveModel model, TaskDetails details) {
        this.model = model;
        this.details = details;
        ResourceColumns resources = new ResourceColumns(model);
        table.setId("tasks-table");
        table.setPlaceholder(new Label("No tasks yet: run the design locally, or deploy or watch a cluster."));
        // Fits the panel: the columns a glance needs share the width (the reason takes what is left and wraps);
        // the others are one click away in the table's menu (+ at the right of the header).
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setTableMenuButtonVisible(true);
        TableColumn<TaskState, Integer> revision = hidden(number("Rev.", "task-col-revision", TaskState::revision), 40);
        TableColumn<TaskState, String> group = hidden(text("Group", "task-col-group",
                t -> t.group() == null ? "" : t.group()), 110);
        TableColumn<TaskState, String> desired = hidden(text("Desired", "task-col-desired",
                t -> t.desiredStatus() == null ? "" : t.desiredStatus().name()), 76);
        TableColumn<TaskState, java.time.Instant> stoppedAt = hidden(time("Stopped", "task-col-stopped",
                TaskState::stoppedAt), 68);
        TableColumn<TaskState, String> stopCode = hidden(text("Stop code", "task-col-stop-code",
                t -> t.stopCode() == null ? "" : t.stopCode()), 170);
        TableColumn<TaskState, String> instance = text("Instance", "task-col-instance", t -> t.instanceId() != null
                ? t.instanceId() : t.launchType() != null ? t.launchType() : "");
        TableColumn<TaskState, TaskState> cpu = resources.cpu();
        TableColumn<TaskState, TaskState> memory = resources.memory();
        table.getColumns().setAll(
                fixed(text("Task", "task-col-id", TaskState::shortId), 76),
                width(text("Task definition", "task-col-definition", TasksPanel::definition), 96),
                fixed(status(), 118),
                width(text("Health", "task-col-health", t -> t.healthStatus() == null ? "" : t.healthStatus().name()), 80),
                width(instance, 96),
                width(cpu, 96),
                width(memory, 130),
                fixed(time("Started", "task-col-started", TaskState::startedAt), 68),
                revision, group, desired, stoppedAt, stopCode,
                width(reason(), 220));
        // Instance, CPU and memory join when the table is wide enough to keep the reason readable beside them
        // (the task's details and the canvas's chips show them too); the table's menu shows or hides any column.
        List<TableColumn<TaskState, ?>> roomy = List.of(instance, cpu, memory);
        table.widthProperty().addListener((obs, was, now) -> {
            boolean wide = now.doubleValue() >= ROOMY;
            if (wide != (was.doubleValue() >= ROOMY) || was.doubleValue() == 0) {
                roomy.forEach(column -> column.setVisible(wide));
            }
        });
        table.setRowFactory(view -> {
            TableRow<TaskState> row = new TableRow<>() {
                @Override
                protected void updateItem(TaskState task, boolean empty) {
                    super.updateItem(task, empty);
                    StatusLook.apply(this, empty ? null : task);
                }
            };
            row.setContextMenu(contextMenu(row));
            return row;
        });

        FilteredList<TaskState> filtered = new FilteredList<>(model.tasks());
        filtered.predicateProperty().bind(Bindings.createObjectBinding(
                () -> task -> matches(task, filter.getText(), showStopped.isSelected()),
                filter.textProperty(), showStopped.selectedProperty()));
        SortedList<TaskState> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, task) -> {
            if (task == null) {
                return; // A row replaced by the task's newer state deselects for a moment; see below.
            }
            if (!task.taskArn().equals(selectedArn)) {
                selectedArn = task.taskArn();
                details.show(task);
            }
        });
        // A selected task that changes (RUNNING -> STOPPED) stays selected and keeps its details current.
        model.revision().addListener((obs, was, now) -> {
            if (selectedArn == null) {
                return;
            }
            model.task(selectedArn).ifPresentOrElse(task -> {
                if (table.getSelectionModel().getSelectedItem() != task) {
                    table.getSelectionModel().select(task);
                }
                details.refresh(task);
            }, () -> {
                selectedArn = null;
                details.show(null);
            });
        });

        filter.setId("tasks-filter");
        filter.setPromptText("Filter tasks: id, family, status, reason…");
        showStopped.setId("tasks-show-stopped");
        showStopped.setSelected(true);
        Button clear = new Button("Clear stopped");
        clear.setId("tasks-clear-stopped");
        clear.setOnAction(e -> model.clearStopped());
        Label count = new Label();
        count.setId("tasks-count");
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(filtered.size(), model.tasks().size()),
                filtered, model.tasks()));
        HBox bar = new HBox(8, filter, showStopped, clear, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar.getStyleClass().add("live-toolbar");

        // The details go beside the table while a task is chosen; on a narrow panel the table has the whole width
        // until then (every column a glance needs fits), and Close details gives it back.
        Button close = new Button("Close details");
        close.setId("task-details-close");
        close.setOnAction(e -> {
            table.getSelectionModel().clearSelection();
            selectedArn = null;
            details.show(null);
            layoutSplit();
        });
        HBox closeBar = new HBox(close);
        closeBar.setAlignment(Pos.CENTER_RIGHT);
        closeBar.setPadding(new Insets(2, 6, 0, 6));
        detailsPane = new BorderPane(details.node());
        detailsPane.setTop(closeBar);
        split.getItems().setAll(table);
        split.widthProperty().addListener((obs, was, now) -> layoutSplit());
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> layoutSplit());
        // A wrapped reason changes a row's height when its column's width changes: the rows are measured anew.
        table.getVisibleLeafColumns().get(table.getVisibleLeafColumns().size() - 1).widthProperty()
                .addListener((obs, was, now) -> table.refresh());
        root.setTop(bar);
        root.setCenter(split);
        root.setId("tasks-panel");
    }

    public Node node() {
        return root;
    }

    /** The details beside the table when the panel is wide or a task is chosen; the table alone otherwise. */
    private void layoutSplit() {
        boolean shown = split.getWidth() >= WIDE || selectedArn != null;
        if (shown == split.getItems().contains(detailsPane)) {
            return;
        }
        if (shown) {
            split.getItems().setAll(table, detailsPane);
            split.setDividerPositions(split.getWidth() >= WIDE ? 0.62 : 0.5);
        } else {
            split.getItems().setAll(table);
        }
    }

    /** Who acts on a task chosen here: the local run or the ECS watch that shows it. */
    public void useActions(TaskActions value) {
        actions = value;
    }

    private ContextMenu contextMenu(TableRow<TaskState> row) {
        MenuItem stop = new MenuItem("Stop Task");
        stop.setId("task-menu-stop");
        stop.setOnAction(e -> actions.stopTask(row.getItem()));
        MenuItem scale = new MenuItem("Scale Service…");
        scale.setId("task-menu-scale");
        scale.setOnAction(e -> actions.scaleService(row.getItem()));
        Menu shell = new Menu("Copy Shell Command");
        shell.setId("task-menu-shell");
        ContextMenu menu = new ContextMenu(stop, scale, shell);
        menu.setOnShowing(e -> {
            TaskState task = row.getItem();
            stop.setDisable(task == null || task.isStopped());
            scale.setDisable(task == null || task.serviceName() == null);
            shell.getItems().clear();
            if (task != null) {
                for (var container : task.containers()) {
                    MenuItem item = new MenuItem(container.name());
                    item.setDisable(container.runtimeId() == null || container.isStopped());
                    item.setOnAction(a -> actions.copyShellCommand(task, container.name()));
                    shell.getItems().add(item);
                }
            }
            shell.setDisable(shell.getItems().isEmpty());
        });
        return menu;
    }

    public TableView<TaskState> table() {
        return table;
    }

    public ReadOnlyObjectProperty<TaskState> selectedTask() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** Selects the task, e.g. when its chip is clicked on the canvas. */
    public void select(String taskArn) {
        model.task(taskArn).ifPresent(task -> {
            table.getSelectionModel().select(task);
            table.scrollTo(task);
        });
    }

    static boolean matches(TaskState task, String filterText, boolean showStopped) {
        if (!showStopped && task.isStopped()) {
            return false;
        }
        if (filterText == null || filterText.isBlank()) {
            return true;
        }
        String needle = filterText.strip().toLowerCase(Locale.ROOT);
        String haystack = String.join(" ", task.taskId(), String.valueOf(task.taskDefinitionArn()),
                String.valueOf(task.group()), String.valueOf(task.instanceId()), task.lastStatus().name(),
                String.valueOf(task.healthStatus()), String.valueOf(task.stoppedReason()),
                String.valueOf(task.stopCode()), reasonText(task)).toLowerCase(Locale.ROOT);
        for (String word : needle.split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static String countText(int shown, int all) {
        return shown == all ? all + (all == 1 ? " task" : " tasks") : shown + " of " + all + " tasks";
    }

    /** A column whose text is never cut ("R…", "aaaa…"): its width stays. */
    private static <T> TableColumn<TaskState, T> fixed(TableColumn<TaskState, T> column, double width) {
        width(column, width).setMinWidth(width);
        return column;
    }

    private static <T> TableColumn<TaskState, T> hidden(TableColumn<TaskState, T> column, double width) {
        column.setVisible(false);
        return width(column, width);
    }

    static String definition(TaskState task) {
        return task.family() == null ? "" : task.family() + (task.revision() == null ? "" : ":" + task.revision());
    }

    /**
     * Why the task stopped, then each essential container that failed with its exit code explained
     * ("Essential container in task exited · app 137: killed (SIGKILL), not out of memory").
     */
    static String reasonText(TaskState task) {
        StringBuilder text = new StringBuilder(task.stoppedReason() == null ? "" : task.stoppedReason());
        for (var container : task.containers()) {
            if (container.isStopped() && container.exitCode() != null && container.exitCode() != 0
                    && (container.essential() || task.isStopped())) {
                text.append(text.isEmpty() ? "" : " · ").append(container.name()).append(' ')
                        .append(io.stowage.model.runtime.ExitCodes.explain(container));
            }
        }
        return text.toString();
    }

    private TableColumn<TaskState, TaskState> reason() {
        TableColumn<TaskState, TaskState> column = new TableColumn<>("Stopped reason");
        column.setId("task-col-reason");
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        column.setComparator(java.util.Comparator.comparing(TasksPanel::reasonText));
        column.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.getStyleClass().add("task-reason-text");
                // Wraps in the column's width, so the whole reason is read without scrolling sideways.
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                // The row takes the wrapped text's height (a row is otherwise one line high, whatever it holds).
                text.layoutBoundsProperty().addListener((obs, was, now) -> fit());
            }

            private void fit() {
                setPrefHeight(getGraphic() == null ? USE_COMPUTED_SIZE
                        : Math.max(24, Math.ceil(text.getLayoutBounds().getHeight()) + 8));
            }

            @Override
            protected void updateItem(TaskState task, boolean empty) {
                super.updateItem(task, empty);
                if (empty || task == null) {
                    setGraphic(null);
                    setTooltip(null);
                    fit();
                    return;
                }
                text.setText(reasonText(task));
                setGraphic(text);
                fit();
                setTooltip(task.stopCode() == null ? null : new javafx.scene.control.Tooltip("Stop code " + task.stopCode()));
            }
        });
        return column;
    }

    private static <T> TableColumn<TaskState, T> width(TableColumn<TaskState, T> column, double width) {
        column.setPrefWidth(width);
        // A status chip is never cut ("R…"); the other columns give up a quarter of their width before the table
        // scrolls sideways.
        column.setMinWidth(Math.round(width * 0.75));
        return column;
    }

    private static TableColumn<TaskState, String> text(String title, String id, Function<TaskState, String> value) {
        TableColumn<TaskState, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<TaskState, Integer> number(String title, String id, Function<TaskState, Integer> value) {
        TableColumn<TaskState, Integer> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<TaskState, Instant> time(String title, String id, Function<TaskState, Instant> value) {
        TableColumn<TaskState, Instant> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty ? null : StatusLook.clock(at));
            }
        });
        return column;
    }

    private TableColumn<TaskState, TaskState> status() {
        TableColumn<TaskState, TaskState> column = new TableColumn<>("Last status");
        column.setId("task-col-status");
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        column.setComparator((a, b) -> a.lastStatus().compareTo(b.lastStatus()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label chip = new Label();

            {
                chip.getStyleClass().add("status-chip");
                chip.setMinWidth(USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(TaskState task, boolean empty) {
                super.updateItem(task, empty);
                if (empty || task == null) {
                    setGraphic(null);
                    return;
                }
                chip.setText(task.lastStatus().name());
                StatusLook.apply(chip, task);
                setGraphic(chip);
            }
        });
        return column;
    }
}
