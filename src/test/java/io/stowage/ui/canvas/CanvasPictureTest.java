package io.stowage.ui.canvas;

import io.stowage.testsupport.ExternalTool;
import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.ui.common.Selection;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Rectangle2D;
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
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The picture of the canvas, as PNG and SVG, shows the whole design as the canvas draws it. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class CanvasPictureTest {
    private DesignCanvas canvas;
    private Selection selection;

    @Start
    void start(Stage stage) {
        selection = new Selection();
        canvas = new DesignCanvas(new EditHistory(ExampleDesigns.firstStart().design()), selection);
        // A small window: the picture still holds the whole design, not only what is in view.
        Scene scene = new Scene(new StackPane(canvas), 500, 400);
        scene.getStylesheets().add(DesignCanvas.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void thePngAndTheSvgShowTheWholeDesignUnselected(FxRobot robot) throws Exception {
        robot.interact(() -> selection.select(ElementId.service("demo", "web")));
        AtomicReference<WritableImage> png = new AtomicReference<>();
        AtomicReference<String> svg = new AtomicReference<>();
        AtomicReference<Rectangle2D> area = new AtomicReference<>();
        robot.interact(() -> {
            area.set(canvas.pictureArea());
            png.set(canvas.picture(1));
            svg.set(canvas.svg());
        });
        assertThat(png.get().getWidth()).isEqualTo(area.get().getWidth());
        assertThat(png.get().getHeight()).isEqualTo(area.get().getHeight());
        assertThat(area.get().getWidth()).as("wider than the window").isGreaterThan(1000);
        assertThat(robot.lookup("#" + CanvasIds.nodeId(ElementId.service("demo", "web"))).query().getPseudoClassStates())
                .as("the selection is back on screen").contains(CanvasIds.SELECTED);

        Path dir = Files.createDirectories(Path.of("target/snapshots"));
        File pngFile = dir.resolve("export.png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(png.get(), null), "png", pngFile);
        Path svgFile = Files.writeString(dir.resolve("export.svg"), svg.get());

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.get().getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getAttribute("width")).isEqualTo(String.valueOf((long) area.get().getWidth()));
        assertThat(texts(document)).contains("demo", "t3.medium", "ECS agent", "web", "nginx", "SUCCESS", "pending #1 · memory");
        assertThat(document.getElementsByTagName("path").getLength()).as("relations").isGreaterThanOrEqualTo(5);

        // Drawn by another renderer, the SVG looks like the canvas: the same size, and close pixel by pixel.
        ExternalTool.require("rsvg-convert (librsvg2-bin), which renders the SVG,", "rsvg-convert", "--version");
        Path rendered = dir.resolve("export-svg-rendered.png");
        Process process = new ProcessBuilder("rsvg-convert", "-o", rendered.toString(), svgFile.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        BufferedImage theirs = ImageIO.read(rendered.toFile());
        BufferedImage ours = ImageIO.read(pngFile);
        assertThat(theirs.getWidth()).isEqualTo(ours.getWidth());
        assertThat(theirs.getHeight()).isEqualTo(ours.getHeight());
        assertThat(meanDifference(ours, theirs)).as("mean difference per channel, 0-255").isLessThan(6);
    }

    private static List<String> texts(Document document) {
        NodeList nodes = document.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
