package io.stowage.logging;

import java.util.List;
import java.util.Map;

/**
 * What a user pastes into a bug report: versions, platform, which engines the environment points at (never a
 * credential: those are named as set or not), where the log is, and its last lines.
 */
public final class Diagnostics {
    static final int LOG_LINES = 200;
    private static final List<String> SHOWN = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS");
    private static final List<String> ONLY_WHETHER_SET = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN");

    private Diagnostics() {
    }

    /** The report, for Stowage {@code version} running with {@code environment}. */
    public static String text(String version, Map<String, String> environment) {
        StringBuilder text = new StringBuilder();
        text.append("Stowage ").append(version).append('\n');
        text.append("Java ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vendor"))
                .append(")\n");
        text.append("JavaFX ").append(System.getProperty("javafx.runtime.version", "not loaded")).append('\n');
        text.append("OS ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        for (String name : SHOWN) {
            text.append(name).append('=').append(environment.getOrDefault(name, "(not set)")).append('\n');
        }
        for (String name : ONLY_WHETHER_SET) {
            text.append(name).append(environment.containsKey(name) ? " is set" : " is not set").append('\n');
        }
        text.append("Log: ").append(StowageLog.file()).append(StowageLog.writingToFile() ? "" : " (not written by this process)")
                .append('\n');
        List<String> tail = StowageLog.tail(LOG_LINES);
        text.append("--- last ").append(tail.size()).append(" lines of the log ---\n");
        tail.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
