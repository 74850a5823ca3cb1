package io.stowage.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The documents opened or saved lately, most recent first, for File › Open Recent and for opening the last one
 * on the next start. A document is one design file, or the task-definition files opened together.
 */
public final class RecentFiles {
    static final int MAX = 10;
    private static final String KEY = "recentDocuments";
    private static final String ENTRIES = "\n";
    private static final String FILES = "\t";
    private final Preferences preferences;

    public RecentFiles(Preferences preferences) {
        this.preferences = preferences;
    }

    public static RecentFiles forUser() {
        return new RecentFiles(Preferences.userRoot().node("io/stowage"));
    }

    public void remember(Path file) {
        remember(List.of(file));
    }

    /** Puts the document first, dropping an older mention of it and the oldest beyond {@value #MAX}. */
    public void remember(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Path> entry = files.stream().map(Path::toAbsolutePath).map(Path::normalize).toList();
        List<List<Path>> all = new ArrayList<>(stored());
        all.remove(entry);
        all.add(0, entry);
        store(all.subList(0, Math.min(MAX, all.size())));
    }

    /** The documents whose files all still exist, most recent first. */
    public List<List<Path>> entries() {
        return stored().stream().filter(e -> e.stream().allMatch(Files::isRegularFile)).toList();
    }

    /** The last document, if its files still exist. */
    public Optional<List<Path>> last() {
        return entries().stream().findFirst();
    }

    public void clear() {
        preferences.remove(KEY);
    }

    private List<List<Path>> stored() {
        String value = preferences.get(KEY, "");
        List<List<Path>> out = new ArrayList<>();
        for (String line : value.split(ENTRIES)) {
            if (!line.isBlank()) {
                out.add(Arrays.stream(line.split(FILES)).map(Path::of).toList());
            }
        }
        return out;
    }

    private void store(List<List<Path>> entries) {
        List<String> lines = entries.stream()
                .map(e -> String.join(FILES, e.stream().map(Path::toString).toList())).toList();
        preferences.put(KEY, String.join(ENTRIES, lines));
    }
}
