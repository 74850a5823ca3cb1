package io.stowage.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.Preferences;

/** Remembers the last document opened or saved, so the next start opens it again. */
public final class RecentFiles {
    private static final String LAST = "lastDocument";
    private final Preferences preferences;

    public RecentFiles(Preferences preferences) {
        this.preferences = preferences;
    }

    public static RecentFiles forUser() {
        return new RecentFiles(Preferences.userRoot().node("io/stowage"));
    }

    public void remember(Path file) {
        preferences.put(LAST, file.toAbsolutePath().toString());
    }

    /** The last document, if it still exists. */
    public Optional<Path> last() {
        String value = preferences.get(LAST, null);
        return value == null ? Optional.empty() : Optional.of(Path.of(value)).filter(Files::isRegularFile);
    }
}
