package io.stowage.testsupport;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Pictures tests take for the documentation (the README's screenshots, the user guide's). A test run writes them
 * under {@code target/snapshots/}, to look at, so that {@code mvn verify} leaves the working tree as it was;
 * {@code -Dstowage.refreshDocs=true} ({@link Docs#refresh()}) also copies them over the committed ones under {@code docs/}, on purpose.
 */
public final class DocsPictures {
    private static final Path BUILD_COPIES = Path.of("target", "snapshots");

    private DocsPictures() {
    }

    /**
     * Writes the picture the docs show at {@code docsPath} (relative to the project, e.g.
     * {@code docs/screenshots/main-window.png}) to {@code target/snapshots/} with the same path below docs/,
     * and over {@code docsPath} itself when refreshing. Returns the file written under target/.
     */
    public static Path write(Image image, String docsPath) throws IOException {
        Path docs = Path.of(docsPath);
        if (!docs.startsWith("docs") || docs.isAbsolute()) {
            throw new IllegalArgumentException(docsPath + " is not a path below docs/");
        }
        Path copy = BUILD_COPIES.resolve(Path.of("docs").relativize(docs));
        Files.createDirectories(copy.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", copy.toFile());
        if (Docs.refresh()) {
            Files.createDirectories(docs.toAbsolutePath().getParent());
            Files.copy(copy, docs, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}
