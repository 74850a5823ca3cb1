package io.stowage.ui.shell;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell opens headless (Monocle) with every area in its place, under its stable id. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @Start
    void start(Stage stage) {
        new MainWindow("test").show(stage);
    }

    @Test
    void showsEveryAreaUnderItsStableId(FxRobot robot) {
        for (String id : new String[] {"#menu-bar", "#tool-bar", "#palette", "#canvas", "#inspector", "#problems", "#status-bar"}) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
        }
        assertThat(robot.lookup("#status-text").queryAs(Label.class).getText()).isEqualTo("Ready");
        assertThat(robot.window(0).getScene().getStylesheets()).anyMatch(s -> s.endsWith("stowage.css"));
    }
}
