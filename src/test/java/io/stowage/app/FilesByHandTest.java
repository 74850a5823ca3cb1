package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.format.document.RecoveryStore;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** Files as a user meets them: a crash and the recovery offered after it, recent files, several files at once. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class FilesByHandTest {
    @TempDir
    Path dir;
    private Stage stage;
    private Path file;
    private RecentFiles recent;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/files-by-hand");
        preferences.clear();
        recent = new RecentFiles(preferences);
        file = dir.resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
        window = start(stage, file);
    }

    /** The application as it starts: the given document, recovery in the test's folder, no timer firing. */
    private MainWindow start(Stage on, Path document) {
        MainWindow started = new MainWindow("test", () -> open(document), recent, new DesignWorkAreas())
                .withRecovery(new RecoveryStore(dir.resolve("recovery")), Duration.hours(1));
        started.show(on);
        return started;
    }

    private static OpenDocument open(Path path) {
        try {
            return DocumentFiles.open(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void afterACrashTheUnsavedChangesAreOfferedAndRestoredAsOneUndoableEdit(FxRobot robot) throws Exception {
        robot.interact(() -> window.document().history().apply("Rename design", d -> d.withName("After the crash")));
        Design edited = window.document().history().current();
        window.autosaveNow().get(10, TimeUnit.SECONDS);

        // The process dies here: no save, no close. The next start offers the changes.
        robot.interact(() -> window = start(stage, file));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#recovery-dialog").tryQuery()).isPresent();
        robot.clickOn("Restore");

        assertThat(window.document().history().current()).isEqualTo(edited);
        assertThat(window.document().history().isUnsaved()).isTrue();
        assertThat(window.document().history().undoDescription()).isEqualTo("Undo Restore unsaved changes");
        assertThat(window.document().file()).isEqualTo(file);

        // Saving leaves nothing to recover.
        robot.interact(() -> window.document().history().markSaved());
        robot.interact(() -> window.autosaveNow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> new RecoveryStore(dir.resolve("recovery")).pending().isEmpty());
    }

    @Test
    void openRecentReopensADocumentAndTaskDefinitionFilesOpenTogether(FxRobot robot) throws Exception {
        Path web = Files.writeString(dir.resolve("web.json"), "{\"family\": \"web\", \"containerDefinitions\": "
                + "[{\"name\": \"web\", \"image\": \"nginx\", \"memory\": 128}]}");
        Path worker = Files.writeString(dir.resolve("worker.json"), "{\"family\": \"worker\", \"containerDefinitions\": "
                + "[{\"name\": \"worker\", \"image\": \"busybox\", \"memory\": 64}]}");
        robot.interact(() -> window.open(List.of(web, worker)));
        assertThat(window.document().history().current().taskDefinitions()).containsOnlyKeys("web", "worker");
        assertThat(stage.getTitle()).isEqualTo("web.json and 1 more — Stowage");

        robot.clickOn("#menu-file").clickOn("#menu-recent").clickOn("demo.stowage.json");
        assertThat(window.document().file()).isEqualTo(file);
        robot.clickOn("#menu-file").clickOn("#menu-recent").clickOn("web.json and 1 more");
        assertThat(window.document().files()).containsExactly(web.toAbsolutePath(), worker.toAbsolutePath());
    }

    @Test
    void exportThePictureAsPngAndSvg(FxRobot robot) throws Exception {
        Path png = dir.resolve("slide.png");
        Path svg = dir.resolve("slide.svg");
        var written = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        robot.interact(() -> {
            written.add(window.exportPicture(png));
            written.add(window.exportPicture(svg));
        });
        for (var future : written) {
            future.get(30, TimeUnit.SECONDS);
        }

        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).as("twice the design's width, for slides").isGreaterThan(2000);
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg ").contains(">demo</text>");
    }
}
