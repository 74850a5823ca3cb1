package io.stowage.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Whether the engines integration tests need (a Docker engine, an ECS endpoint) must be there. On a
 * developer's machine a missing engine skips those tests with the reason; CI passes
 * {@code -Dstowage.requireEngines=true} so that a missing engine fails the build instead of hiding tests.
 */
public final class Engines {

    public static final String REQUIRE_PROPERTY = "stowage.requireEngines";

    private Engines() {
    }

    public static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY);
    }

    /** Says once, on the build's console, why a whole kind of test will be skipped or fail. */
    static void report(String reason) {
        System.err.println("[stowage tests] " + reason
                + (required() ? "" : "; tests that need it are skipped (-D" + REQUIRE_PROPERTY + "=true fails them)"));
    }

    /** Skips the calling test, or fails it when engines are required. Never returns normally. */
    public static RuntimeException unavailable(String reason) {
        if (required()) {
            throw new AssertionFailedError(reason + " (engines are required: -D" + REQUIRE_PROPERTY + "=true)");
        }
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable");
    }
}
