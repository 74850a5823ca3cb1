package io.stowage.ui.canvas;

import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.ui.common.Selection;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders the example design at 1200x800 to target/snapshots/canvas.png (fitted to the view) for a person to look at. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class CanvasSnapshotTest {
    private Scene scene;
    private DesignCanvas canvas;
    private EditHistory history;
    private Selection selection;

    @Start
    void start(Stage stage) {
        history = new EditHistory(ExampleDesigns.firstStart().design());
        selection = new Selection();
        canvas = new DesignCanvas(history, selection);
        scene = new Scene(new StackPane(canvas), 1200, 800);
        scene.getStylesheets().add(DesignCanvas.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void writesSnapshot(FxRobot robot) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> {
            canvas.fitToView();
            image.set(scene.snapshot(null));
        });
        File out = new File(System.getProperty("canvas.snapshot", "target/snapshots/canvas.png"));
        out.getParentFile().mkdirs();
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", out);
        assertThat(out).exists();
        assertThat(image.get().getWidth()).isEqualTo(1200);
        // A second picture with unplaceable tasks and a selection, to look at pending chips and highlights.
        robot.interact(() -> {
            history.apply("Change desired count", d -> DesignCanvasTest.withDesiredCount(d, "web", 4));
            selection.select(io.stowage.model.design.ElementId.service("demo", "web"));
            canvas.zoomTo100();
            canvas.fitToView();
            image.set(scene.snapshot(null));
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", new File("target/snapshots/canvas-pending.png"));
    }
}
