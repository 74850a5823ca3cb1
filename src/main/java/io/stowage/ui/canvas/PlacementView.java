package io.stowage.ui.canvas;

import io.stowage.edit.EditHistory;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.placement.Explanation;
import io.stowage.model.placement.Placement;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.placement.Step;
import io.stowage.model.placement.TaskRef;
import io.stowage.ui.common.DesignAnalysis;
import io.stowage.ui.common.Selection;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Explain placement: for the selected task (a chip, or the first pending or placed task of the selected service),
 * where the scheduler put it, or ECS's reason why it cannot, and every container instance with the step of the
 * pipeline at which it was kept or dropped (resources, ports, attributes, constraints, then the strategies).
 * It follows the edits, so a change that re-places the task shows at once.
 */
public final class PlacementView {
    /** One instance's row. */
    public record Row(String instanceId, String instanceType, String zone, Step step) {
        /** What happened to the instance, as the table says it. */
        public String verdict() {
            return switch (step) {
                case SELECTED -> "placed here";
                case STRATEGY -> "kept; " + step.description().replace("passed every check; ", "");
                default -> "dropped: " + step.description();
            };
        }
    }

    private final EditHistory history;
    private final Selection selection;
    private final BorderPane root = new BorderPane();
    private final Label heading = new Label();
    private final Label reason = new Label();
    private final Label strategy = new Label();
    private final ComboBox<TaskRef> tasks = new ComboBox<>();
    private final TableView<Row> table = new TableView<>();
    private final Consumer<EditHistory> historyListener = h -> refresh();
    private final SetChangeListener<ElementId> selectionListener = c -> refresh();
    private final javafx.beans.value.ChangeListener<TaskRef> taskListener = (obs, was, task) -> refresh();
    private boolean updating;

    private final DesignAnalysis analysis;

    /** The placement explanation of a window's document, over the window's placement (computed once per revision). */
    public PlacementView(io.stowage.ui.common.WindowState state) {
        this(state.history(), state.selection(), state.analysis());
    }

    public PlacementView(EditHistory history, Selection selection, DesignAnalysis analysis) {
        this.history = history;
        this.analysis = analysis;
        this.selection = selection;
        root.setId("placement-view");
        root.getStyleClass().add("placement-view");
        heading.setId("placement-heading");
        heading.getStyleClass().add("placement-heading");
        reason.setId("placement-reason");
        reason.getStyleClass().add("placement-reason");
        reason.setWrapText(true);
        strategy.setId("placement-strategy");
        strategy.getStyleClass().add("placeholder");
        tasks.setId("placement-task");
        tasks.setCellFactory(list -> new TaskCell());
        tasks.setButtonCell(new TaskCell());
        tasks.setOnAction(e -> {
            if (!updating && tasks.getValue() != null) {
                selection.taskProperty().set(tasks.getValue());
            }
        });
        table.setId("placement-table");
        table.getStyleClass().add("placement-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(column("Container instance", Row::instanceId, 160),
                column("Type", Row::instanceType, 90), column("Zone", Row::zone, 90),
                column("Verdict", Row::verdict, 360)));
        table.setRowFactory(view -> new VerdictRow());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(10, heading, gap, tasks);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, top, reason, strategy);
        header.setPadding(new Insets(0, 0, 6, 0));
        root.setTop(header);
        root.setCenter(table);
        history.addListener(historyListener);
        selection.elements().addListener(selectionListener);
        selection.taskProperty().addListener(taskListener);
        refresh();
    }

    public Node node() {
        return root;
    }

    public void dispose() {
        history.removeListener(historyListener);
        selection.elements().removeListener(selectionListener);
        selection.taskProperty().removeListener(taskListener);
    }

    /** The rows shown now. */
    public List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    private void refresh() {
        Design design = history.current();
        PlacementResult result = analysis.placement(design);
        TaskRef task = taskToExplain(result);
        updating = true;
        try {
            if (task == null) {
                show("Select a task (a chip on the canvas) or a service to see where the scheduler puts it, and why.",
                        null, null, List.of());
                tasks.getItems().clear();
                tasks.setVisible(false);
                return;
            }
            List<TaskRef> siblings = tasksOf(result, task);
            tasks.getItems().setAll(siblings);
            tasks.setValue(task);
            tasks.setVisible(siblings.size() > 1);
            explain(design, result, task);
        } finally {
            updating = false;
        }
    }

    private void explain(Design design, PlacementResult result, TaskRef task) {
        Cluster cluster = design.cluster(task.clusterId()).orElse(null);
        String name = "Task " + task.number() + " of " + (task.kind() == TaskRef.Kind.SERVICE ? "service " : "")
                + task.source();
        String strategyText = cluster == null ? null : strategyOf(cluster, task);
        PlacementFailure failure = result.failures().stream().filter(f -> f.task().equals(task)).findFirst().orElse(null);
        Placement placement = result.placement(task).orElse(null);
        List<Row> rows = new ArrayList<>();
        Explanation explanation = result.explanation(task).orElse(null);
        if (explanation != null && cluster != null) {
            for (Explanation.Verdict verdict : explanation.verdicts()) {
                ContainerInstance instance = cluster.instances().stream()
                        .filter(i -> i.id().equals(verdict.instanceId())).findFirst().orElse(null);
                rows.add(new Row(verdict.instanceId(), instance == null ? "" : instance.instanceType(),
                        instance == null ? "" : instance.availabilityZone(), verdict.step()));
            }
        }
        if (failure != null) {
            show(name + ": PENDING, cannot be placed (" + failure.reason() + ")", failure.message(), strategyText, rows);
        } else if (placement != null && placement.fargate()) {
            show(name + ": on Fargate" + (placement.availabilityZone() == null ? "" : " in " + placement.availabilityZone()),
                    null, "Fargate has no instances to choose from: ECS spreads Fargate tasks across the zones of"
                            + " their subnets; placement strategies and constraints do not apply.", rows);
        } else if (placement != null) {
            show(name + ": placed on " + placement.instanceId() + " (" + placement.availabilityZone() + ")", null,
                    strategyText, rows);
        } else {
            show(name + " is no longer in the design.", null, null, List.of());
        }
    }

    private void show(String headingText, String reasonText, String strategyText, List<Row> rows) {
        heading.setText(headingText);
        reason.setText(reasonText == null ? "" : reasonText);
        reason.setVisible(reasonText != null);
        reason.setManaged(reasonText != null);
        strategy.setText(strategyText == null ? "" : strategyText);
        strategy.setVisible(strategyText != null);
        strategy.setManaged(strategyText != null);
        table.getItems().setAll(rows);
    }

    /** The selected task; else the first pending, or else the first placed, task of the selected workload. */
    private TaskRef taskToExplain(PlacementResult result) {
        TaskRef chosen = selection.taskProperty().get();
        if (chosen != null) {
            return chosen;
        }
        ElementId primary = selection.primary();
        if (primary == null || !(ElementId.SERVICE.equals(primary.kind()) || ElementId.TASK.equals(primary.kind()))) {
            return null;
        }
        TaskRef.Kind kind = ElementId.SERVICE.equals(primary.kind()) ? TaskRef.Kind.SERVICE : TaskRef.Kind.TASK;
        String cluster = primary.parent().localId();
        return result.failuresOf(cluster, kind, primary.localId()).stream().map(PlacementFailure::task).findFirst()
                .orElseGet(() -> result.placementsOf(cluster, kind, primary.localId()).stream().map(Placement::task)
                        .findFirst().orElse(null));
    }

    private static List<TaskRef> tasksOf(PlacementResult result, TaskRef task) {
        List<TaskRef> out = new ArrayList<>();
        result.placementsOf(task.clusterId(), task.kind(), task.source()).forEach(p -> out.add(p.task()));
        result.failuresOf(task.clusterId(), task.kind(), task.source()).forEach(f -> out.add(f.task()));
        if (!out.contains(task)) {
            out.add(task);
        }
        out.sort(Comparator.comparingInt(TaskRef::number));
        return out;
    }

    private static String strategyOf(Cluster cluster, TaskRef task) {
        if (task.kind() == TaskRef.Kind.SERVICE) {
            return cluster.service(task.source()).map(s -> "Strategy: " + ElementViews.strategySummary(
                    s.spec().placementStrategy(), s.spec().placementConstraints(),
                    "spread across zones, then instances (the service default)")).orElse(null);
        }
        return cluster.tasks().stream().filter(t -> t.id().equals(task.source())).findFirst()
                .map(t -> "Strategy: " + ElementViews.strategySummary(t.run().placementStrategy(),
                        t.run().placementConstraints(), "random (RunTask's default)")).orElse(null);
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> value, double width) {
        TableColumn<Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    /** Rows styled by verdict. Static, so that a row never holds the view (and its history) alive. */
    private static final class VerdictRow extends TableRow<Row> {
        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("verdict-selected", "verdict-kept", "verdict-dropped");
            if (!empty && row != null) {
                getStyleClass().add(row.step() == Step.SELECTED ? "verdict-selected"
                        : row.step() == Step.STRATEGY ? "verdict-kept" : "verdict-dropped");
            }
        }
    }

    private static final class TaskCell extends ListCell<TaskRef> {
        @Override
        protected void updateItem(TaskRef task, boolean empty) {
            super.updateItem(task, empty);
            setText(empty || task == null ? null : "Task " + task.number());
        }
    }

    @Override
    public String toString() {
        return Objects.toString(heading.getText());
    }
}
