package io.stowage.ui.live;

import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.ResourceUse;
import io.stowage.ui.common.Sparkline;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The CPU and memory columns of the tasks panel: each task's containers added up, the latest figure beside a
 * sparkline of the recent ones (on ECS the reserved figures, as text). Samples do not change the task rows, so
 * the cells the table made are redrawn in place once per batch, and only when a newer sample came.
 */
final class ResourceColumns {
    static final String TEXT = "resource-text";

    private final LiveModel model;
    private final Set<UseCell> cells = Collections.newSetFromMap(new WeakHashMap<>());

    ResourceColumns(LiveModel model) {
        this.model = model;
        model.revision().addListener((obs, was, now) -> cells.forEach(UseCell::refresh));
    }

    TableColumn<TaskState, TaskState> cpu() {
        return column("CPU", "task-col-cpu", true);
    }

    TableColumn<TaskState, TaskState> memory() {
        return column("Memory", "task-col-memory", false);
    }

    private TableColumn<TaskState, TaskState> column(String title, String id, boolean cpu) {
        TableColumn<TaskState, TaskState> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(cell.getValue()));
        column.setComparator(Comparator.comparingDouble(t -> cpu ? model.use(t).cpuNow() : model.use(t).memoryNow()));
        column.setCellFactory(c -> {
            UseCell cell = new UseCell(cpu);
            cells.add(cell);
            return cell;
        });
        return column;
    }

    private final class UseCell extends TableCell<TaskState, TaskState> {
        private final boolean cpu;
        private final Label text = new Label();
        private final Sparkline line = new Sparkline(44, 14);
        private final HBox box = new HBox(4, line, text);
        private final Tooltip tip = new Tooltip();
        private Instant drawn;
        private String drawnTask;

        UseCell(boolean cpu) {
            this.cpu = cpu;
            text.getStyleClass().add(TEXT);
            box.setAlignment(Pos.CENTER_LEFT);
            line.managedProperty().bind(line.visibleProperty());
        }

        @Override
        protected void updateItem(TaskState task, boolean empty) {
            super.updateItem(task, empty);
            setText(null);
            if (empty || task == null) {
                setGraphic(null);
                setTooltip(null);
                drawnTask = null;
                return;
            }
            draw(task, true);
        }

        void refresh() {
            TaskState task = getItem();
            if (task != null && !isEmpty()) {
                draw(task, false);
            }
        }

        private void draw(TaskState task, boolean always) {
            ResourceUse use = model.use(task);
            if (!always && task.taskArn().equals(drawnTask) && Objects.equals(use.latest(), drawn)) {
                return;
            }
            drawnTask = task.taskArn();
            drawn = use.latest();
            if (use.isEmpty()) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            text.setText((use.reserved() ? "res. " : "") + (cpu ? use.cpuText() : use.memoryText()));
            line.setVisible(!use.reserved());
            if (!use.reserved()) {
                line.show(cpu ? use.cpuPercent() : use.memoryBytes(), cpu ? use.cpuTop() : use.memoryTop());
            }
            tip.setText(use.reserved() ? "Reserved by the task definition (" + use.summary()
                    + "); ECS reports no live use" : use.summary() + "\n(the task's containers added up)");
            setTooltip(tip);
            setGraphic(box);
        }
    }
}
