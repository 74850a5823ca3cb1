package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.testsupport.DocsPictures;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the main window with the example design, its pending task explained, as
 * docs/screenshots/main-window.png (the README's picture), and in the dark theme with a container selected
 * (to target/snapshots/; to docs/ with -Dstowage.refreshDocs=true, see {@link DocsPictures}).
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/screenshot");
        preferences.clear();
        window = new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas()).withPreferences(preferences);
        window.show(stage);
        stage.setWidth(1440);
        stage.setHeight(900);
    }

    @Test
    void rendersTheExampleDesignInBothThemes(FxRobot robot) throws Exception {
        robot.interact(window::fitToView);
        // The example's deliberate failure, explained: the report task that no instance has memory for.
        robot.clickOn("#" + io.stowage.ui.canvas.CanvasIds.chipId(
                new io.stowage.model.placement.TaskRef("demo", io.stowage.model.placement.TaskRef.Kind.SERVICE, "report", 1)));
        write(robot, "docs/screenshots/main-window.png");
        robot.interact(() -> window.setTheme(io.stowage.ui.common.Theme.DARK));
        write(robot, "docs/screenshots/main-window-dark-placement.png");
        robot.interact(() -> window.selectElement(ElementId.container("web", "nginx")));
        robot.interact(() -> robot.lookup("#bottom-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(0));
        write(robot, "docs/screenshots/main-window-dark.png");
        robot.interact(() -> window.setTheme(io.stowage.ui.common.Theme.LIGHT));
    }

    private void write(FxRobot robot, String docsPath) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        Path file = DocsPictures.write(image.get(), docsPath);
        assertThat(image.get().getWidth()).isEqualTo(1440);
        assertThat(file).exists();
    }
}
