package io.stowage.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A file manager passes a double-clicked design as the only argument; commands still go to the command line. */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void oneExistingJsonFileOpensInTheDesktopApplication() throws Exception {
        Path design = Files.writeString(dir.resolve("shop.stowage.json"), "{}");
        assertThat(Launcher.opensDocument(new String[] {design.toString()})).isTrue();
        assertThat(Launcher.opensDocument(new String[] {dir.resolve("missing.stowage.json").toString()})).isFalse();
        assertThat(Launcher.opensDocument(new String[] {"validate", design.toString()})).isFalse();
        assertThat(Launcher.opensDocument(new String[] {"--version"})).isFalse();
    }
}
