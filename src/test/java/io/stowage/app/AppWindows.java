package io.stowage.app;

import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.RecentFiles;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.prefs.Preferences;

/** The whole main window for a TestFX test, opened on a design file, with preferences of the test's own. */
public final class AppWindows {
    private AppWindows() {
    }

    /** Shows the window on {@code stage} with {@code file} open; {@code preferencesNode} is cleared first. */
    public static MainWindow showing(Stage stage, Path file, String preferencesNode) throws Exception {
        Preferences preferences = Preferences.userRoot().node(preferencesNode);
        preferences.clear();
        MainWindow window = new MainWindow("test", () -> {
            try {
                return DocumentFiles.open(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, new RecentFiles(preferences), new DesignWorkAreas()).withPreferences(preferences);
        window.show(stage);
        return window;
    }
}
