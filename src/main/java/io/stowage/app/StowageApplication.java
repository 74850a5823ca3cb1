package io.stowage.app;

import io.stowage.cli.StowageVersion;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.format.document.RecoveryStore;
import javafx.application.Application;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The composition root of the desktop application. */
public final class StowageApplication extends Application {
    /** How much unsaved work a crash may lose at most. */
    static final Duration AUTOSAVE_INTERVAL = Duration.seconds(30);

    @Override
    public void start(Stage stage) {
        io.stowage.ui.common.InternalErrors.install();
        RecentFiles recent = RecentFiles.forUser();
        List<String> files = getParameters().getRaw();
        new MainWindow(StowageVersion.version(), () -> files.size() == 1 ? requested(Path.of(files.get(0)), recent)
                : firstDocument(recent), recent, new DesignWorkAreas())
                .withRecovery(RecoveryStore.forUser(), AUTOSAVE_INTERVAL)
                .withPreferences(java.util.prefs.Preferences.userRoot().node("io/stowage"))
                .show(stage);
    }

    /** The file the launcher was given (a double-clicked design), else what opens without one. */
    static OpenDocument requested(Path file, RecentFiles recent) {
        try {
            return DocumentFiles.open(file);
        } catch (UnreadableFileException e) {
            System.err.println("stowage: " + e.getMessage());
            return firstDocument(recent);
        }
    }

    /** The last document if it still opens, else the example design. */
    static OpenDocument firstDocument(RecentFiles recent) {
        Optional<List<Path>> last = recent.last();
        if (last.isPresent()) {
            try {
                return DocumentFiles.open(last.get());
            } catch (UnreadableFileException e) {
                System.err.println("stowage: " + e.getMessage() + "; opening the example design instead");
            }
        }
        return OpenDocument.untitled(ExampleDesigns.firstStart().design());
    }
}
