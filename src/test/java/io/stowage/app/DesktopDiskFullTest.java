package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.testsupport.SmallDisk;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.format.document.RecoveryStore;
import javafx.scene.control.Label;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop on a nearly full disk (a small tmpfs, as in the probe): File › Save and the recovery autosave
 * leave the file they would replace byte for byte, leave no temporary file, and tell the user why.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DesktopDiskFullTest {
    @TempDir
    static Path work;
    private static SmallDisk disk;
    private Path file;
    private Path recovery;
    private MainWindow window;

    @BeforeAll
    static void mount() throws Exception {
        disk = SmallDisk.mount(work, 1024);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        disk.empty();
        file = disk.dir().resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        recovery = disk.dir().resolve("recovery");
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/desktop-disk-full");
        preferences.clear();
        window = new MainWindow("test", () -> {
            try {
                return DocumentFiles.open(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, new RecentFiles(preferences), new DesignWorkAreas()).withRecovery(new RecoveryStore(recovery), Duration.hours(1));
        window.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        disk.empty();
        try (var files = Files.walk(disk.dir())) {
            for (Path left : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!left.equals(disk.dir())) {
                    Files.delete(left);
                }
            }
        }
    }

    @Test
    void saveOnAFullDiskLeavesTheFileAndSaysTheDiskIsFull(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(file);
        robot.interact(() -> window.document().history().apply("Rename design", d -> d.withName("Edited on a full disk")));
        disk.leaveFree(4096);

        robot.clickOn("#menu-file").clickOn("#menu-save");
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane alert = errorDialog(robot).orElseThrow(() -> new AssertionError("no error dialog after Save"));
        assertThat(alert.getHeaderText()).isEqualTo("Cannot save");
        assertThat(alert.getContentText()).startsWith(file + ": cannot write: the disk is full")
                .endsWith("the file was left as it was");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(temporaryFiles()).isEmpty();
        assertThat(window.document().history().isUnsaved()).as("still unsaved").isTrue();
        robot.clickOn(robot.lookup(".dialog-pane .button").queryButton());

        // With room again, the same Save writes the edit.
        disk.empty();
        robot.clickOn("#menu-file").clickOn("#menu-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.document().history().isUnsaved()).isFalse();
        assertThat(DesignFormat.read(file).design().name()).isEqualTo("Edited on a full disk");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void autosaveOnAFullDiskKeepsTheLastRecoveryFileAndSaysWhy(FxRobot robot) throws Exception {
        robot.interact(() -> window.document().history().apply("Rename design", d -> d.withName("First edit")));
        robot.interact(() -> window.autosaveNow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !new RecoveryStore(recovery).pending().isEmpty());
        Path recoveryFile = new RecoveryStore(recovery).pending().get(0).recoveryFile();
        byte[] before = Files.readAllBytes(recoveryFile);
        disk.leaveFree(4096);

        robot.interact(() -> window.document().history().apply("Rename design", d -> d.withName("Second edit, "
                + "x".repeat(8000))));
        robot.interact(() -> window.autosaveNow());

        Label status = robot.lookup("#status-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("Cannot write the recovery file"));
        assertThat(status.getText()).contains(recoveryFile.toString()).contains("the disk is full");
        assertThat(Files.readAllBytes(recoveryFile)).isEqualTo(before);
        assertThat(temporaryFiles()).isEmpty();

        // With room again, the next autosave writes the second edit.
        disk.empty();
        robot.interact(() -> window.autosaveNow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> new RecoveryStore(recovery).pending().stream()
                .anyMatch(r -> r.design().name().startsWith("Second edit")));
    }

    private static Optional<DialogPane> errorDialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").tryQueryAs(DialogPane.class);
    }

    private static java.util.List<Path> temporaryFiles() throws Exception {
        return disk.files().stream().filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
}
