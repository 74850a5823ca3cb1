package io.stowage.ui.shell;

import io.stowage.edit.PaletteItem;
import io.stowage.model.design.InstanceType;
import io.stowage.model.design.InstanceTypes;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The palette: each ECS concept as an item to drag onto the canvas, with a picker for the EC2 instance type
 * (registered CPU = vCPU × 1024, memory in MiB as ECS registers it).
 */
public final class Palette {
    /** The drag payload: the {@link PaletteItem} name. */
    public static final DataFormat ITEM = new DataFormat("application/x-stowage-palette-item");

    private final ComboBox<InstanceType> instanceType = new ComboBox<>();
    private final VBox box = new VBox(4);

    public Palette() {
        box.setId("palette-items");
        box.getStyleClass().add("palette");
        instanceType.setId("palette-instance-type");
        instanceType.getItems().setAll(InstanceTypes.all());
        instanceType.getSelectionModel().select(InstanceTypes.find("t3.medium").orElse(InstanceTypes.all().get(0)));
        instanceType.setCellFactory(list -> new InstanceTypeCell(false));
        instanceType.setButtonCell(new InstanceTypeCell(true));
        instanceType.setTooltip(new javafx.scene.control.Tooltip("The type of the next EC2 instance dropped"));
        instanceType.setMaxWidth(Double.MAX_VALUE);
        Label hint = new Label("Drag onto the canvas");
        hint.getStyleClass().add("palette-hint");
        box.getChildren().add(hint);
        heading("Capacity");
        item(PaletteItem.CLUSTER);
        item(PaletteItem.EC2_INSTANCE);
        box.getChildren().add(instanceType);
        item(PaletteItem.FARGATE);
        heading("Workloads");
        item(PaletteItem.SERVICE);
        item(PaletteItem.TASK_DEFINITION);
        heading("Containers");
        item(PaletteItem.CONTAINER);
        item(PaletteItem.WEB_SERVER);
        item(PaletteItem.WORKER);
        item(PaletteItem.LOG_ROUTER);
    }

    public VBox node() {
        return box;
    }

    /** The instance type the next dropped EC2 instance gets. */
    public String instanceType() {
        InstanceType type = instanceType.getValue();
        return type == null ? "t3.medium" : type.name();
    }

    private void heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("palette-heading");
        box.getChildren().add(label);
    }

    private void item(PaletteItem item) {
        Label label = new Label(item.label());
        label.setId("palette-" + item.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        label.getStyleClass().addAll("palette-item", "palette-" + item.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        label.setMaxWidth(Double.MAX_VALUE);
        label.setTooltip(new javafx.scene.control.Tooltip(hint(item)));
        label.setOnDragDetected(e -> {
            Dragboard board = label.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(ITEM, item.name());
            board.setContent(content);
            e.consume();
        });
        box.getChildren().add(label);
    }

    private static String hint(PaletteItem item) {
        return switch (item) {
            case CLUSTER -> "A cluster: drop it on the empty canvas";
            case EC2_INSTANCE -> "An EC2 container instance of the type picked below: drop it into a cluster."
                    + "\nIt registers vCPUs × 1024 CPU units and its memory in MiB";
            case FARGATE -> "Fargate capacity (no instances to manage): drop it into a cluster";
            case SERVICE -> "A service, with a task definition of its own: drop it into a cluster";
            case TASK_DEFINITION -> "A task definition, the blueprint of a task: drop it on the empty canvas";
            case CONTAINER -> "An empty container: drop it into a task definition, then give it an image";
            case WEB_SERVER -> "nginx on port 80 with a health check: drop it into a task definition";
            case WORKER -> "A busybox worker with an environment variable: drop it into a task definition";
            case LOG_ROUTER -> "A FireLens log router (Fluent Bit), not essential: drop it into a task definition";
        };
    }

    private static final class InstanceTypeCell extends ListCell<InstanceType> {
        private final boolean compact;

        InstanceTypeCell(boolean compact) {
            this.compact = compact;
        }

        @Override
        protected void updateItem(InstanceType type, boolean empty) {
            super.updateItem(type, empty);
            if (empty || type == null) {
                setText(null);
            } else {
                String size = type.vcpus() + " vCPU, " + type.memoryMiB() / 1024.0 + " GiB";
                setText(compact ? type.name() : type.name() + "  " + size);
                setTooltip(new javafx.scene.control.Tooltip(type.name() + ": " + size + ", registers "
                        + type.vcpus() * 1024 + " CPU units"));
            }
        }
    }
}
