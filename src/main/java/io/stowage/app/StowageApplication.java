package io.stowage.app;

import io.stowage.cli.StowageVersion;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.ui.shell.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.ui.shell.RecoveryStore;
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
        RecentFiles recent = RecentFiles.forUser();
        new MainWindow(StowageVersion.version(), () -> firstDocument(recent), recent, new DesignWorkAreas())
                .withRecovery(RecoveryStore.forUser(), AUTOSAVE_INTERVAL)
                .withPreferences(java.util.prefs.Preferences.userRoot().node("io/stowage"))
                .show(stage);
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
