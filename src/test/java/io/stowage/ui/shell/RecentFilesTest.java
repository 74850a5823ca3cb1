package io.stowage.ui.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFilesTest {
    @TempDir
    Path dir;
    private RecentFiles recent;

    @BeforeEach
    void clean() throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/recent-files");
        preferences.clear();
        recent = new RecentFiles(preferences);
    }

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "{}");
    }

    @Test
    void theMostRecentComesFirstOnceAndTaskDefinitionSetsStayTogether() throws Exception {
        Path a = file("a.stowage.json");
        Path web = file("web.json");
        Path worker = file("worker.json");
        recent.remember(a);
        recent.remember(List.of(web, worker));
        recent.remember(a);

        assertThat(recent.entries()).containsExactly(List.of(a), List.of(web, worker));
        assertThat(recent.last()).contains(List.of(a));
    }

    @Test
    void documentsWhoseFilesAreGoneAreNotOfferedAndTheListIsBounded() throws Exception {
        for (int i = 0; i < RecentFiles.MAX + 3; i++) {
            recent.remember(file("d" + i + ".json"));
        }
        assertThat(recent.entries()).hasSize(RecentFiles.MAX);
        Files.delete(dir.resolve("d" + (RecentFiles.MAX + 2) + ".json"));
        assertThat(recent.last()).contains(List.of(dir.resolve("d" + (RecentFiles.MAX + 1) + ".json")));
        recent.clear();
        assertThat(recent.entries()).isEmpty();
    }
}
