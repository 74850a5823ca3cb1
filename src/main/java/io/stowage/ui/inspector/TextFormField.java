package io.stowage.ui.inspector;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

/**
 * A text or whole-number field. It commits on Enter or when it loses focus, Escape puts back the value it showed,
 * and an empty field removes the member. A number field refuses text that is not a whole number with a message
 * under it, and makes no edit.
 */
final class TextFormField extends FormField {
    static final String NOT_A_NUMBER = "Enter a whole number, e.g. 512";

    private final TextField field = new TextField();
    private final boolean integer;
    private String shown = "";

    TextFormField(FormContext context, String local, String label, boolean integer) {
        super(context, local, label);
        this.integer = integer;
        field.getStyleClass().add(integer ? "integer-field" : "text-field-form");
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((obs, was, is) -> {
            if (!is) {
                commit();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(shown);
                clearInputError();
                e.consume();
            }
        });
        refresh(context.json());
    }

    @Override
    Node control() {
        return field;
    }

    TextField textField() {
        return field;
    }

    private void commit() {
        String text = field.getText() == null ? "" : field.getText();
        if (text.equals(shown)) {
            clearInputError();
            return;
        }
        Json value;
        if (text.isBlank()) {
            value = null;
        } else if (integer) {
            try {
                value = JsonNumber.of(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                showInputError("\"" + text.strip() + "\" is not a whole number. " + NOT_A_NUMBER);
                return;
            }
        } else {
            value = new JsonString(text);
        }
        clearInputError();
        context.commit(local, value);
    }

    @Override
    void refresh(JsonObject json) {
        String text = JsonTree.text(JsonTree.get(json, local));
        boolean typing = field.isFocused() && !field.getText().equals(shown);
        shown = text;
        io.stowage.ui.common.CommittedText.mark(field, text);
        if (!typing) {
            field.setText(text);
            clearInputError();
        }
    }
}
