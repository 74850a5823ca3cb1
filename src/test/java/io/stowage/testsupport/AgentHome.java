package io.stowage.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Stowage folder of a test's own for tests that start the user's agent process: the agent they start lives in it
 * (its agent.json, log and runs), so it is never one another test or worktree started, and it is killed after.
 */
public final class AgentHome {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentHome() {
    }

    /** Points {@code stowage.home} at {@code home}; returns what it was, for {@link #release}. */
    public static String use(Path home) {
        String before = System.getProperty("stowage.home");
        System.setProperty("stowage.home", home.toString());
        return before;
    }

    /** Kills the agent {@code home} names, if any is left, and puts {@code stowage.home} back to {@code before}. */
    public static void release(Path home, String before) throws IOException {
        try {
            Path file = home.resolve("agent").resolve("agent.json");
            if (Files.exists(file)) {
                ProcessHandle.of(JSON.readTree(file.toFile()).path("pid").asLong())
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            if (before == null) {
                System.clearProperty("stowage.home");
            } else {
                System.setProperty("stowage.home", before);
            }
        }
    }
}
