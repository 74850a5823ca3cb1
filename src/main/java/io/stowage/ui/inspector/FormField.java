package io.stowage.ui.inspector;

import io.stowage.model.json.JsonObject;
import io.stowage.model.rules.Finding;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import io.stowage.ui.common.HoverTips;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One field of a form: a control bound to the member at a local path of the element's JSON, a message line under
 * it for input errors and validation findings, and a tooltip from the member's summary in the ECS schema.
 */
abstract class FormField {
    static final String HAS_ERROR = "has-error";
    static final String HAS_WARNING = "has-warning";

    protected final FormContext context;
    protected final String local;
    private final String label;
    private final Label message = new Label();
    private String inputError;
    private List<Finding> findings = List.of();
    private VBox box;

    FormField(FormContext context, String local, String label) {
        this.context = context;
        this.local = local;
        this.label = label;
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        message.setId(context.fieldId(local) + "-message");
    }

    String local() {
        return local;
    }

    String label() {
        return label;
    }

    /** The path of the member inside its document, e.g. {@code containerDefinitions[0].memory}. */
    String path() {
        return context.fieldPath(local);
    }

    /** The node that takes focus and shows the error state. */
    abstract Node control();

    /** Shows the value of the element's JSON; leaves a field the user is typing in alone. */
    abstract void refresh(JsonObject json);

    /** Whether the field spans the form's width, label above (tables), rather than label beside. */
    boolean wide() {
        return false;
    }

    /** The control with its message line, built once. */
    final Node node() {
        if (box == null) {
            Node control = control();
            control.setId(context.fieldId(local));
            box = new VBox(2, control, message);
            box.getStyleClass().add("form-field");
            updateMessage();
        }
        return box;
    }

    String tooltipText() {
        return context.summary(local);
    }

    void focus() {
        control().requestFocus();
    }

    final void showInputError(String text) {
        inputError = text;
        updateMessage();
    }

    final void clearInputError() {
        if (inputError != null) {
            inputError = null;
            updateMessage();
        }
    }

    /** Shows the validation findings that point at this field (or inside it); an empty list clears them. */
    void showFindings(List<Finding> value) {
        findings = List.copyOf(value);
        updateMessage();
    }

    private void updateMessage() {
        Node control = control();
        control.getStyleClass().removeAll(HAS_ERROR, HAS_WARNING);
        message.getStyleClass().removeAll(HAS_ERROR, HAS_WARNING);
        String text;
        String state;
        if (inputError != null) {
            text = inputError;
            state = HAS_ERROR;
        } else if (!findings.isEmpty()) {
            text = findings.stream().map(Finding::message).collect(Collectors.joining("\n"));
            state = findings.stream().anyMatch(Finding::isError) ? HAS_ERROR : HAS_WARNING;
        } else {
            text = null;
            state = null;
        }
        if (state != null) {
            control.getStyleClass().add(state);
            message.getStyleClass().add(state);
        }
        message.setText(text == null ? "" : text);
        message.setVisible(text != null);
        message.setManaged(text != null);
        // The inspector shows it in its one tooltip (HoverTips): a tooltip per field would be a window per field.
        String summary = context.summary(local);
        HoverTips.set(control, text == null ? summary : summary == null ? text : text + "\n\n" + summary);
    }
}
