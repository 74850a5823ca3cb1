package io.stowage.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Esc closes a secondary window (Compare, Concepts, the log), as it does a dialog. Only an Esc nothing inside
 * the window used: one that closes an open drop-down or cancels an edit in a table cell does only that.
 */
public final class EscapeCloses {
    private EscapeCloses() {
    }

    /** Installs the key on the stage's scene (set it first). */
    public static void install(Stage stage) {
        stage.getScene().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed()) {
                e.consume();
                stage.close();
            }
        });
    }
}
