package io.stowage.ui.shell;

import io.stowage.format.AtomicFiles;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * File › Export Picture: the whole design as PNG (twice the screen's resolution, sharp on a projector) or SVG.
 * The picture is taken on the JavaFX thread; encoding and writing happen as a background job.
 */
final class ExportActions {
    /** PNG pixels per canvas unit: slides are shown large. */
    static final double PNG_SCALE = 2;

    private final MainWindow window;

    ExportActions(MainWindow window) {
        this.window = window;
    }

    void exportPng() {
        Path file = choose("PNG image", "*.png", ".png");
        if (file != null) {
            exportPng(file);
        }
    }

    void exportSvg() {
        Path file = choose("SVG image", "*.svg", ".svg");
        if (file != null) {
            exportSvg(file);
        }
    }

    CompletableFuture<Void> exportPng(Path file) {
        WritableImage image = window.areas().picture(PNG_SCALE);
        if (image == null) {
            return CompletableFuture.completedFuture(null);
        }
        return write(file, () -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", bytes);
            AtomicFiles.write(file, bytes.toByteArray());
        });
    }

    CompletableFuture<Void> exportSvg(Path file) {
        String svg = window.areas().svg();
        if (svg == null) {
            return CompletableFuture.completedFuture(null);
        }
        return write(file, () -> AtomicFiles.write(file, svg));
    }

    private interface Writing {
        void run() throws IOException;
    }

    private CompletableFuture<Void> write(Path file, Writing writing) {
        window.setStatus("Exporting " + file.getFileName() + "…");
        CompletableFuture<Void> done = new CompletableFuture<>();
        window.tasks().task("Exporting " + file.getFileName(), progress -> {
            writing.run();
            return null;
        }).onSuccess(nothing -> {
            window.setStatus("Exported the picture to " + file);
            done.complete(null);
        }).onFailure(e -> {
            window.error("Cannot export the picture",
                    e instanceof io.stowage.format.FileWriteException ? e.getMessage() : file + ": " + FileProblems.describe(e));
            done.complete(null);
        }).onCancelled(() -> done.complete(null)).start();
        return done;
    }

    /** Asks where to write (the platform's chooser, or a test's answers), and before replacing a file. */
    private Path choose(String what, String pattern, String extension) {
        Path current = window.document().file();
        Path directory = current == null ? null : current.toAbsolutePath().getParent();
        FileChoices choices = window.fileChoices();
        Path file = choices.saveFile(window.stage(), new FileChoices.Request("Export the picture as " + what, directory,
                window.document().history().current().name() + extension,
                java.util.List.of(new FileChoices.Filter(what, java.util.List.of(pattern)))));
        if (file != null && java.nio.file.Files.exists(file) && !choices.confirmsOverwrite()
                && !DesignExportActions.confirmReplace(window, java.util.List.of(file), "Exporting")) {
            return null;
        }
        return file;
    }
}
