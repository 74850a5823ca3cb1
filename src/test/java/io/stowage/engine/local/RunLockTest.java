package io.stowage.engine.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One run per design: the lock refuses a second holder, in another process or this one, and dies with its process. */
class RunLockTest {
    private static Path home;
    private static String before;

    @BeforeAll
    static void privateStowageFolder() throws Exception {
        home = Files.createTempDirectory("stowage-lock-test");
        before = System.getProperty("stowage.home");
        System.setProperty("stowage.home", home.toString());
    }

    @AfterAll
    static void restore() {
        if (before == null) {
            System.clearProperty("stowage.home");
        } else {
            System.setProperty("stowage.home", before);
        }
    }

    @Test
    void aSecondHolderInThisProcessIsRefusedUntilTheFirstLetsGo() {
        String key = "web-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunLock first = RunLock.acquire(key, "the Stowage desktop")) {
            assertThat(RunLock.holder(key)).contains(first.owner());
            assertThatThrownBy(() -> RunLock.acquire(key, "stowage up --detach web.stowage.json"))
                    .isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("already running, kept by process " + ProcessHandle.current().pid()
                            + " (the Stowage desktop), since ");
        }
        assertThat(RunLock.holder(key)).isEmpty();
        try (RunLock again = RunLock.acquire(key, "stowage up web.stowage.json")) {
            assertThat(again.owner().command()).isEqualTo("stowage up web.stowage.json");
        }
    }
}
