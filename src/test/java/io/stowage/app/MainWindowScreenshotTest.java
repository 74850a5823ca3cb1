package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * Renders the main window with the example design, as a user first sees it with a container selected, to
 * docs/screenshots/main-window.png (the README's picture), and in the dark theme beside it.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowScreenshotTest {
    static final Path SCREENSHOTS = Path.of(System.getProperty("stowage.screenshots", "docs/screenshots"));
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
        robot.interact(() -> window.selectElement(ElementId.container("web", "nginx")));
        robot.interact(window::fitToView);
        write(robot, "main-window.png");
        robot.interact(() -> window.setTheme(io.stowage.ui.common.Theme.DARK));
        robot.interact(window::fitToView);
        write(robot, "main-window-dark.png");
        robot.interact(() -> window.setTheme(io.stowage.ui.common.Theme.LIGHT));
    }

    private void write(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        Files.createDirectories(SCREENSHOTS);
        File file = SCREENSHOTS.resolve(name).toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", file);
        assertThat(image.get().getWidth()).isEqualTo(1440);
        assertThat(file).exists();
    }
}
