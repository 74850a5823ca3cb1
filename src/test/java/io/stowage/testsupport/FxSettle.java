package io.stowage.testsupport;

import javafx.stage.Window;
import org.testfx.api.FxRobot;

/**
 * Brings every window's scene graph up to date (skins created, CSS applied, laid out) before a test looks nodes
 * up: a tab's or a scroll pane's content joins the scene graph only when their skins are made, at the next pulse,
 * and a busy machine may not have run one yet.
 */
public final class FxSettle {
    private FxSettle() {
    }

    public static void settle(FxRobot robot) {
        robot.interact(() -> {
            for (Window window : Window.getWindows()) {
                if (window.getScene() != null && window.getScene().getRoot() != null) {
                    window.getScene().getRoot().applyCss();
                    window.getScene().getRoot().layout();
                }
            }
        });
    }
}
