package io.stowage.engine.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One run per design across processes: another process holding the lock is named, and its lock dies with it (kill -9). */
@Tag("slow")
class RunLockAcrossProcessesTest {
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
    void anotherProcessHoldingItIsNamedAndItsLockEndsWithItsKill() throws Exception {
        String key = "web-" + UUID.randomUUID().toString().substring(0, 8);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstowage.home=" + home, "-cp", System.getProperty("java.class.path"),
                RunLockHolder.class.getName(), key).redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held " + holder.pid());
            assertThat(RunLock.holder(key)).hasValueSatisfying(o -> {
                assertThat(o.pid()).isEqualTo(holder.pid());
                assertThat(o.command()).isEqualTo("stowage up held.stowage.json");
            });
            assertThatThrownBy(() -> RunLock.acquire(key, "stowage up web.stowage.json"))
                    .isInstanceOf(RunLock.RunLockedException.class)
                    .hasMessageContaining("kept by process " + holder.pid() + " (stowage up held.stowage.json), since ")
                    .satisfies(e -> assertThat(((RunLock.RunLockedException) e).owner().pid()).isEqualTo(holder.pid()));
            // A refused acquisition leaves the holder's word in the file.
            assertThat(RunLock.holder(key)).map(RunLock.Owner::pid).contains(holder.pid());
        } finally {
            holder.destroyForcibly(); // kill -9: nothing of it runs to clean up
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // No stale lock: the operating system let it go with the process.
        assertThat(RunLock.holder(key)).isEmpty();
        try (RunLock mine = RunLock.acquire(key, "stowage up web.stowage.json")) {
            assertThat(mine.owner().pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }
}
