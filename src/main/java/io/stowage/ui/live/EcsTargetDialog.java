package io.stowage.ui.live;

import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks where an ECS action goes: region, profile, endpoint and, for watch and import, the cluster. */
final class EcsTargetDialog {

    private EcsTargetDialog() {
    }

    /**
     * @param action       the button's text, e.g. "Plan deploy"
     * @param askCluster   whether the cluster is asked for (watch, import)
     */
    static Dialog<EcsTarget> create(Window owner, String title, String action, EcsTarget start, boolean askCluster) {
        Dialog<EcsTarget> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        TextField cluster = field("ecs-target-cluster", start.cluster(), "e.g. demo");
        TextField region = field("ecs-target-region", start.region(), "default: from the profile or AWS_REGION");
        TextField profile = field("ecs-target-profile", start.profile(), "default: AWS_PROFILE or default");
        TextField endpoint = field("ecs-target-endpoint", start.endpoint(), "optional, e.g. http://127.0.0.1:5000");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        if (askCluster) {
            grid.addRow(row++, new Label("Cluster"), cluster);
        }
        grid.addRow(row++, new Label("Region"), region);
        grid.addRow(row++, new Label("Profile"), profile);
        grid.addRow(row, new Label("Endpoint URL"), endpoint);
        dialog.getDialogPane().setContent(grid);
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(go, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(go).setId("ecs-target-go");
        if (askCluster) {
            dialog.getDialogPane().lookupButton(go).disableProperty().bind(cluster.textProperty().isEmpty());
        }
        dialog.setResultConverter(button -> button == go
                ? new EcsTarget(region.getText(), profile.getText(), endpoint.getText(), cluster.getText()) : null);
        Platform.runLater((askCluster ? cluster : region)::requestFocus);
        return dialog;
    }

    private static TextField field(String id, String value, String prompt) {
        TextField field = new TextField(value);
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(28);
        return field;
    }
}
