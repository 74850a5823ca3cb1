package io.stowage.ui.inspector;

import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;

/**
 * A yes/no member whose absence matters (ECS applies a default), so three states: checked, unchecked, and
 * indeterminate for "not set".
 */
final class CheckFormField extends FormField {
    private final CheckBox box = new CheckBox();
    private boolean updating;

    CheckFormField(FormContext context, String local, String label) {
        super(context, local, label);
        box.setAllowIndeterminate(true);
        box.setOnAction(e -> {
            if (!updating) {
                context.commit(local, box.isIndeterminate() ? null : JsonBool.of(box.isSelected()));
            }
        });
        refresh(context.json());
    }

    @Override
    Node control() {
        return box;
    }

    @Override
    void refresh(JsonObject json) {
        updating = true;
        try {
            if (JsonTree.get(json, local) instanceof JsonBool b) {
                box.setIndeterminate(false);
                box.setSelected(b.value());
                box.setText(b.value() ? "yes" : "no");
            } else {
                box.setSelected(false);
                box.setIndeterminate(true);
                box.setText("not set (default)");
            }
        } finally {
            updating = false;
        }
    }
}
