package io.stowage.ui.inspector;

import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;

import java.util.ArrayList;
import java.util.List;

/**
 * A choice among an enum's values, with "(default)" first for leaving the member out. A value the list does not
 * know (from a newer API, or a typo in a file) is shown as it is, so that nothing is lost by looking at it.
 */
final class ChoiceFormField extends FormField {
    static final String DEFAULT = "(default)";

    private final ComboBox<String> box = new ComboBox<>();
    private final List<String> values;
    private boolean updating;

    ChoiceFormField(FormContext context, String local, String label, List<String> values) {
        super(context, local, label);
        this.values = List.copyOf(values);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setOnAction(e -> {
            if (!updating) {
                String chosen = box.getValue();
                context.commit(local, chosen == null || DEFAULT.equals(chosen) ? null : new JsonString(chosen));
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
        String value = JsonTree.text(JsonTree.get(json, local));
        List<String> items = new ArrayList<>();
        items.add(DEFAULT);
        items.addAll(values);
        if (!value.isEmpty() && !items.contains(value)) {
            items.add(value);
        }
        updating = true;
        try {
            if (!box.getItems().equals(items)) {
                box.getItems().setAll(items);
            }
            box.setValue(value.isEmpty() ? DEFAULT : value);
        } finally {
            updating = false;
        }
    }
}
