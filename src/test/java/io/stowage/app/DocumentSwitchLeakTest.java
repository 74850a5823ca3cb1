package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.lang.ref.WeakReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening another document lets the previous one go: its history, canvas, inspector and placement view are
 * collected (each removes the listeners it put on the window's selection, the history and the scene).
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DocumentSwitchLeakTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/leak");
        window = new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas());
        window.show(stage);
    }

    @Test
    void thePreviousDocumentIsCollected(FxRobot robot) throws Exception {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.service("demo", "web")));
        robot.clickOn("#tab-placement");
        WeakReference<Node> canvas = new WeakReference<>(robot.lookup("#design-canvas").query());
        WeakReference<Node> inspector = new WeakReference<>(robot.lookup("#inspector-content").query());
        WeakReference<Node> placement = new WeakReference<>(robot.lookup("#placement-view").query());
        WeakReference<Object> history = new WeakReference<>(window.document().history());

        robot.interact(() -> window.replaceWith(OpenDocument.untitled(Design.empty("next"))));
        robot.clickOn("#design-canvas");
        // TestFX keeps the events it saw (their targets are old nodes); the application keeps none.
        robot.interact(io.stowage.testsupport.TestFxEvents::forget);
        for (int i = 0; i < 10 && history.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(history.get()).as("history").isNull();
        assertThat(canvas.get()).as("canvas").isNull();
        assertThat(inspector.get()).as("inspector").isNull();
        assertThat(placement.get()).as("placement view").isNull();
    }
}
