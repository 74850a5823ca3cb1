package io.stowage.ui.common;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;

/**
 * What a form's text control last showed from the design. While its text is still that, nothing is being typed,
 * so Ctrl+Z and Ctrl+Y mean the design's undo and redo rather than the control's own typing undo.
 */
public final class CommittedText {
    private static final String KEY = "stowage.committedText";

    private CommittedText() {
    }

    /** Records the text the control shows from the design. */
    public static void mark(TextInputControl control, String shown) {
        control.getProperties().put(KEY, shown == null ? "" : shown);
    }

    /** Whether the node holds no typing of its own: not a text control, or one still showing the design's text. */
    public static boolean isPristine(Node node) {
        if (!(node instanceof TextInputControl control)) {
            return true;
        }
        Object shown = control.getProperties().get(KEY);
        return shown != null && shown.equals(control.getText() == null ? "" : control.getText());
    }
}
