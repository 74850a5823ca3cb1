package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.ui.common.CommittedText;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.function.Supplier;

/**
 * Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo the design's history wherever the focus is, even in a form field,
 * unless that field holds typing not yet committed: then they undo and redo the typing, as a text field does.
 */
final class HistoryKeys {
    static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REDO_SHIFT = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private HistoryKeys() {
    }

    static void install(Scene scene, Supplier<EditHistory> history) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean undo = UNDO.match(e);
            boolean redo = REDO.match(e) || REDO_SHIFT.match(e);
            if ((!undo && !redo) || !CommittedText.isPristine(scene.getFocusOwner())) {
                return;
            }
            e.consume();
            if (undo) {
                history.get().undo();
            } else {
                history.get().redo();
            }
        });
    }
}
