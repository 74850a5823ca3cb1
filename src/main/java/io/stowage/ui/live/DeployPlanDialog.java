package io.stowage.ui.live;

import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The plan of a deploy, as {@code terraform plan} shows one: each change with its sign (+ create, ~ update,
 * ! cannot be done), its details, the notes, and the summary line; Apply is offered only when there is
 * something to apply and nothing is blocked.
 */
final class DeployPlanDialog {
    static final ButtonType APPLY = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);

    private DeployPlanDialog() {
    }

    static Dialog<ButtonType> create(Window owner, DeployPlan plan, String target) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Deploy to ECS: " + target);
        dialog.setHeaderText(plan.summaryLine());
        dialog.setResizable(true);
        // Long notes and targets wrap inside the plan's width rather than widen the dialog past the screen.
        dialog.getDialogPane().setPrefWidth(800);
        ListView<PlannedChange> changes = new ListView<>();
        changes.setId("deploy-plan-changes");
        changes.getItems().setAll(plan.changes());
        changes.setPrefSize(760, 360);
        changes.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(PlannedChange change, boolean empty) {
                super.updateItem(change, empty);
                getStyleClass().removeAll("plan-create", "plan-update", "plan-unchanged", "plan-blocked");
                if (empty || change == null) {
                    setText(null);
                    return;
                }
                getStyleClass().add("plan-" + change.action().name().toLowerCase(java.util.Locale.ROOT));
                StringBuilder text = new StringBuilder(change.toString());
                change.details().forEach(d -> text.append("\n      ").append(d));
                setText(text.toString());
            }
        });
        VBox content = new VBox(8, changes);
        if (!plan.notes().isEmpty() || !plan.warnings().isEmpty()) {
            java.util.List<String> lines = new java.util.ArrayList<>(plan.notes());
            plan.warnings().forEach(w -> lines.add("warning: " + w));
            Label notes = new Label(String.join("\n", lines));
            notes.setId("deploy-plan-notes");
            notes.setWrapText(true);
            notes.setPrefWidth(760);
            notes.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            content.getChildren().add(notes);
        }
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(APPLY, ButtonType.CANCEL);
        var apply = dialog.getDialogPane().lookupButton(APPLY);
        apply.setId("deploy-apply");
        apply.setDisable(!plan.hasChanges() || !plan.blocked().isEmpty());
        return dialog;
    }
}
