package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.ui.common.Concept;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** "About this concept" is reachable from every element: F1, the canvas's context menu, the inspector. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ExplainByHandTest {
    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/explain-by-hand");
        preferences.clear();
        new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas()).show(stage);
    }

    /** The concepts window sits over the canvas in the headless screen; the user would move it aside. */
    private static void closeConcepts(FxRobot robot) {
        robot.interact(() -> ((Stage) robot.lookup("#concepts").query().getScene().getWindow()).hide());
    }

    private static String shownTitle(FxRobot robot) {
        io.stowage.testsupport.FxSettle.settle(robot);
        return robot.lookup("#concept-title").queryAs(Label.class).getText();
    }

    @Test
    void f1ContextMenuAndInspectorExplainTheSelectedElement(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.instance("demo", "i-0a1b2c3d")));
        robot.type(KeyCode.F1);
        assertThat(shownTitle(robot)).isEqualTo(Concept.CONTAINER_INSTANCE.title());
        assertThat(robot.lookup("#concept-note").queryAs(Label.class).getText()).contains("vCPUs × 1024");

        // A see-also link turns the page.
        robot.clickOn("#concept-see-fargate");
        assertThat(shownTitle(robot)).isEqualTo(Concept.FARGATE.title());

        closeConcepts(robot);
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.service("demo", "api")), MouseButton.SECONDARY);
        robot.clickOn("#ctx-about");
        assertThat(shownTitle(robot)).isEqualTo(Concept.SERVICE.title());

        closeConcepts(robot);
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.container("web", "nginx")));
        io.stowage.testsupport.FxSettle.settle(robot);
        robot.clickOn("#inspector-about");
        assertThat(shownTitle(robot)).isEqualTo(Concept.CONTAINER_DEFINITION.title());
    }
}
