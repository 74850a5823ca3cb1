package io.stowage.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool a test runs (docker-compose, cfn-lint, python3), with its exit code and output. A tool that
 * is not installed skips the test with the reason, or fails it when engines are required (CI installs them).
 */
public final class ExternalTool {
    /** What a run gave: the exit code, and standard output and error together. */
    public record Run(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    /** Skips or fails the calling test unless the command runs and exits 0. */
    public static void require(String what, String... versionCommand) {
        Run run;
        try {
            run = run(null, 60, versionCommand);
        } catch (IOException e) {
            throw Engines.unavailable(what + " is not installed (" + e.getMessage() + ")");
        }
        if (run.exitCode() != 0) {
            throw Engines.unavailable(what + " does not run: " + run.output().strip());
        }
    }

    public static Run run(Path directory, long timeoutSeconds, String... command) throws IOException {
        return run(directory, timeoutSeconds, List.of(command));
    }

    public static Run run(Path directory, long timeoutSeconds, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        // Read while it runs, so that a chatty tool never blocks on a full pipe.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes()));
            } catch (IOException ignored) {
                // The process died; its exit code tells.
            }
        });
        reader.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        return new Run(process.exitValue(), output.toString());
    }
}
