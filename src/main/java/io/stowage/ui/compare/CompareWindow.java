package io.stowage.ui.compare;

import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskDefinitionComparison;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonDiff;
import io.stowage.model.json.JsonText;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * Two task definitions side by side, member by member: what the right one adds, removes or changes compared with
 * the left, at its JSON path. Each side is a task definition of the design or a JSON file (a register input, a
 * describe output of another revision, a template), so a user can see what changed between revisions, which ECS
 * never shows.
 */
public final class CompareWindow {
    /** One side: what it is called and the task definition. */
    public record Side(String label, TaskDefinition taskDefinition) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Side FROM_FILE = new Side("A JSON file…", null);

    private final Stage stage = new Stage();
    private final ComboBox<Side> left = new ComboBox<>();
    private final ComboBox<Side> right = new ComboBox<>();
    private final CheckBox emptyIsAbsent = new CheckBox("Empty lists and objects count as absent");
    private final Label summary = new Label();
    private final Label message = new Label();
    private final ObservableList<JsonDiff.Change> rows = FXCollections.observableArrayList();
    private final TableView<JsonDiff.Change> table = new TableView<>(rows);

    public CompareWindow(Design design, String preselected, Window owner, List<String> stylesheets) {
        ObservableList<Side> sides = FXCollections.observableArrayList();
        for (TaskDefinition td : design.taskDefinitionList()) {
            sides.add(new Side(td.family() + " (this design)", td));
        }
        sides.add(FROM_FILE);
        setUp(left, sides, "compare-left");
        setUp(right, FXCollections.observableArrayList(sides), "compare-right");
        int first = Math.max(0, design.taskDefinitionList().stream().map(TaskDefinition::family).toList().indexOf(preselected));
        if (sides.size() > 1) {
            left.getSelectionModel().select(first);
            right.getSelectionModel().select(sides.size() > 2 ? (first + 1) % (sides.size() - 1) : first);
        }
        emptyIsAbsent.setId("compare-empty-as-absent");
        emptyIsAbsent.setSelected(true);
        emptyIsAbsent.setTooltip(new Tooltip("DescribeTaskDefinition and the console write empty lists such as"
                + " \"mountPoints\": [] that a file usually leaves out"));
        emptyIsAbsent.selectedProperty().addListener((obs, was, is) -> refresh());
        summary.setId("compare-summary");
        summary.getStyleClass().add("compare-summary");
        message.setId("compare-message");
        message.getStyleClass().add("compare-message");
        message.setWrapText(true);
        table.setId("compare-table");
        table.getStyleClass().add("compare-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The two task definitions are the same."));
        table.getColumns().setAll(List.of(column("Member", c -> c.label().isEmpty() ? "(whole)" : c.label(), 260),
                column("", c -> switch (c.kind()) {
                    case ADDED -> "added";
                    case REMOVED -> "removed";
                    default -> "changed";
                }, 70), column("Left", c -> text(c.before()), 300), column("Right", c -> text(c.after()), 300)));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(JsonDiff.Change change, boolean empty) {
                super.updateItem(change, empty);
                getStyleClass().removeAll("diff-added", "diff-removed", "diff-changed");
                if (!empty && change != null) {
                    getStyleClass().add("diff-" + change.kind().name().toLowerCase(java.util.Locale.ROOT));
                    setTooltip(new Tooltip(change.path().text()));
                }
            }
        });

        GridPane sidesPane = new GridPane();
        sidesPane.setHgap(10);
        sidesPane.setVgap(6);
        sidesPane.addRow(0, new Label("Left"), left, new Label("Right"), right);
        GridPane.setHgrow(left, Priority.ALWAYS);
        GridPane.setHgrow(right, Priority.ALWAYS);
        left.setMaxWidth(Double.MAX_VALUE);
        right.setMaxWidth(Double.MAX_VALUE);
        VBox top = new VBox(8, sidesPane, emptyIsAbsent, message, summary);
        top.setPadding(new Insets(10, 10, 6, 10));
        top.setAlignment(Pos.CENTER_LEFT);
        BorderPane root = new BorderPane(table);
        root.setTop(top);
        root.setId("compare");
        root.getStyleClass().add("compare");
        BorderPane.setMargin(table, new Insets(0, 10, 10, 10));
        Scene scene = new Scene(root, 1000, 620);
        scene.getStylesheets().setAll(stylesheets);
        io.stowage.ui.common.Theme.applyCurrent(scene);
        stage.setScene(scene);
        io.stowage.ui.common.EscapeCloses.install(stage);
        stage.setTitle("Compare task definitions — Stowage");
        if (owner != null) {
            stage.initOwner(owner);
        }
        refresh();
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    /** Reads a task-definition file into one side; an unreadable file is reported in the window. */
    public void load(boolean leftSide, Path file) {
        ComboBox<Side> box = leftSide ? left : right;
        try {
            LoadedTaskDefinition loaded = TaskDefinitionFormat.read(file);
            String revision = loaded.readOnly().get("revision") == null ? ""
                    : " revision " + JsonText.compact(loaded.readOnly().get("revision"));
            Side side = new Side(file.getFileName() + revision, loaded.taskDefinition());
            box.getItems().add(box.getItems().size() - 1, side);
            box.getSelectionModel().select(side);
            message.setText("");
        } catch (UnreadableFileException e) {
            message.setText(e.getMessage());
            box.getSelectionModel().select(0);
        }
        refresh();
    }

    /** The differences shown now. */
    public List<JsonDiff.Change> changes() {
        return List.copyOf(rows);
    }

    public String summary() {
        return summary.getText();
    }

    private void setUp(ComboBox<Side> box, ObservableList<Side> items, String id) {
        box.setItems(items);
        box.setId(id);
        box.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Side side, boolean empty) {
                super.updateItem(side, empty);
                setText(empty || side == null ? null : side.label());
            }
        });
        box.setOnAction(e -> {
            if (box.getValue() == FROM_FILE) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Compare with a task-definition file");
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Task definitions", "*.json"));
                File file = chooser.showOpenDialog(stage);
                if (file == null) {
                    box.getSelectionModel().select(0);
                } else {
                    load(box == left, file.toPath());
                }
                return;
            }
            refresh();
        });
    }

    private void refresh() {
        Side a = left.getValue();
        Side b = right.getValue();
        if (a == null || b == null || a.taskDefinition() == null || b.taskDefinition() == null) {
            rows.clear();
            summary.setText("Choose two task definitions.");
            return;
        }
        List<JsonDiff.Change> changes = TaskDefinitionComparison.of(a.taskDefinition(), b.taskDefinition(),
                emptyIsAbsent.isSelected());
        rows.setAll(changes);
        summary.setText(a.label() + " → " + b.label() + ": " + TaskDefinitionComparison.summarize(changes));
    }

    private static TableColumn<JsonDiff.Change, String> column(String title,
                                                               java.util.function.Function<JsonDiff.Change, String> value,
                                                               double width) {
        TableColumn<JsonDiff.Change, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static String text(Json value) {
        if (value == null) {
            return "—";
        }
        String text = JsonText.compact(value);
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
