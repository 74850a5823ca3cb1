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
import java.util.Locale;
import java.util.function.Function;

/**
 * The tasks tab of the ECS console, but live: every task with its definition, instance, statuses, health,
 * times and stop reason; a filter over every column, sortable columns, stopped tasks kept (with their
 * reason) until cleared, and the selected task's details beside the table.
 */
public final class TasksPanel {
    private final LiveModel model;
    private final TableView<TaskState> table = new TableView<>();
    private final TextField filter = new TextField();
    private final CheckBox showStopped = new CheckBox("Show stopped");
    private final TaskDetails details;
    private final BorderPane root = new BorderPane();
    private String selectedArn;
    private TaskActions actions = TaskActions.NONE;

    public TasksPanel(LiveModel model, TaskDetails details) {
        this.model = model;
        this.details = details;
        ResourceColumns resources = new ResourceColumns(model);
        table.setId("tasks-table");
        table.setPlaceholder(new Label("No tasks yet: run the design locally, or deploy or watch a cluster."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getColumns().setAll(
                width(text("Task", "task-col-id", TaskState::shortId), 76),
                width(text("Task definition", "task-col-definition", t -> t.family() == null ? "" : t.family()), 96),
                width(number("Rev.", "task-col-revision", TaskState::revision), 40),
                width(text("Group", "task-col-group", t -> t.group() == null ? "" : t.group()), 110),
                width(text("Instance", "task-col-instance", t -> t.instanceId() != null ? t.instanceId()
                        : t.launchType() != null ? t.launchType() : ""), 92),
                width(status(), 104),
                width(resources.cpu(), 104),
                width(resources.memory(), 170),
                width(text("Desired", "task-col-desired", t -> t.desiredStatus() == null ? "" : t.desiredStatus().name()), 76),
                width(text("Health", "task-col-health", t -> t.healthStatus() == null ? "" : t.healthStatus().name()), 84),
                width(time("Started", "task-col-started", TaskState::startedAt), 68),
                width(time("Stopped", "task-col-stopped", TaskState::stoppedAt), 68),
                width(text("Stopped reason", "task-col-reason", t -> t.stoppedReason() == null ? "" : t.stoppedReason()), 240),
                width(text("Stop code", "task-col-stop-code", t -> t.stopCode() == null ? "" : t.stopCode()), 170));
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

        SplitPane split = new SplitPane(table, details.node());
        split.setDividerPositions(0.58);
        root.setTop(bar);
        root.setCenter(split);
        root.setId("tasks-panel");
    }

    public Node node() {
        return root;
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
                String.valueOf(task.stopCode())).toLowerCase(Locale.ROOT);
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

    private static <T> TableColumn<TaskState, T> width(TableColumn<TaskState, T> column, double width) {
        column.setPrefWidth(width);
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
