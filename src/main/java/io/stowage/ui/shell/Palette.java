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
        instanceType.setCellFactory(list -> new InstanceTypeCell());
        instanceType.setButtonCell(new InstanceTypeCell());
        instanceType.setMaxWidth(Double.MAX_VALUE);
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
        label.setOnDragDetected(e -> {
            Dragboard board = label.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(ITEM, item.name());
            board.setContent(content);
            e.consume();
        });
        box.getChildren().add(label);
    }

    private static final class InstanceTypeCell extends ListCell<InstanceType> {
        @Override
        protected void updateItem(InstanceType type, boolean empty) {
            super.updateItem(type, empty);
            setText(empty || type == null ? null
                    : type.name() + "  " + type.vcpus() + " vCPU, " + type.memoryMiB() / 1024.0 + " GiB");
        }
    }
}
