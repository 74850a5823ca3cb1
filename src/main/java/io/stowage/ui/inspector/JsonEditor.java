package io.stowage.ui.inspector;

import io.stowage.edit.Edit;
import io.stowage.edit.EditHistory;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.SourcePosition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.TaskDefinition;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.function.Consumer;

/**
 * The JSON tab of a task definition: its RegisterTaskDefinition input as text. Apply (or Ctrl+Enter) parses it;
 * an error is shown in place with its line and column and the caret moved there, and nothing changes; a valid
 * text replaces the task definition as one undoable edit, unknown members and all.
 */
final class JsonEditor {
    private final EditHistory history;
    private final Consumer<ElementId> onRenamed;
    private final TextArea text = new TextArea();
    private final Label error = new Label();
    private final Label status = new Label();
    private final BorderPane root = new BorderPane();
    private String family;
    private String shown = "";

    JsonEditor(EditHistory history, Consumer<ElementId> onRenamed) {
        this.history = history;
        this.onRenamed = onRenamed;
        text.setId("json-editor");
        text.getStyleClass().add("json-editor");
        text.setWrapText(false);
        text.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(e)) {
                apply();
                e.consume();
            }
        });
        Button apply = new Button("Apply");
        apply.setId("json-apply");
        apply.setDefaultButton(false);
        apply.setOnAction(e -> apply());
        Button revert = new Button("Revert");
        revert.setId("json-revert");
        revert.setOnAction(e -> {
            shown = null;
            refresh(history.current());
        });
        error.setId("json-error");
        error.getStyleClass().addAll("json-error", FormField.HAS_ERROR);
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        status.getStyleClass().add("json-status");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(6, status, gap, revert, apply);
        bar.setPadding(new Insets(6, 0, 0, 0));
        BorderPane bottom = new BorderPane(bar);
        bottom.setTop(error);
        root.setCenter(text);
        root.setBottom(bottom);
        root.setPadding(new Insets(6));
    }

    Node node() {
        return root;
    }

    TextArea textArea() {
        return text;
    }

    /** Shows the family's task definition; an edited, unapplied text is kept while the task definition is the same. */
    /** Edits this family's JSON from now on; the text is written now only when it is on screen. */
    void show(String value, boolean visible) {
        if (!value.equals(family)) {
            family = value;
            shown = null;
        }
        if (visible) {
            refresh(history.current());
        }
    }

    void refresh(Design design) {
        TaskDefinition td = design.taskDefinition(family).orElse(null);
        if (td == null) {
            return;
        }
        String written = TaskDefinitionFormat.write(td);
        boolean edited = shown != null && !text.getText().equals(shown);
        if (!edited && !written.equals(text.getText())) {
            text.setText(written);
        }
        if (!edited) {
            hideError();
        }
        shown = written;
        io.stowage.ui.common.CommittedText.mark(text, written);
    }

    void apply() {
        LoadedTaskDefinition loaded;
        try {
            loaded = TaskDefinitionFormat.parse(family + ".json", text.getText());
        } catch (UnreadableFileException e) {
            SourcePosition at = e.position();
            showError(at == null ? e.detail() : "line " + at.line() + ", column " + at.column() + ": " + e.detail());
            if (at != null) {
                text.positionCaret(offsetOf(text.getText(), at.line(), at.column()));
                text.requestFocus();
            }
            return;
        }
        Design before = history.current();
        TaskDefinition td = loaded.taskDefinition();
        Edit edit;
        try {
            edit = io.stowage.edit.TaskDefinitionReplace.edit(before, family, td);
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
            return;
        }
        hideError();
        String oldFamily = family;
        if (edit == null) {
            status.setText("No change");
            return;
        }
        family = td.family();
        shown = null;
        history.push(edit);
        status.setText("Applied");
        if (!family.equals(oldFamily)) {
            onRenamed.accept(ElementId.taskDefinition(family));
        }
    }

    /** The text offset of a 1-based line and column, clamped to the text. */
    static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); l++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                return text.length();
            }
            offset = next + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
        error.setManaged(true);
        status.setText("");
    }

    private void hideError() {
        error.setText("");
        error.setVisible(false);
        error.setManaged(false);
    }

    boolean hasError() {
        return error.isVisible();
    }
}
