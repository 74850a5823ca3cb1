package io.stowage.cli;

import io.stowage.logging.StowageLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's log: {@code --verbose} on standard error, internal errors with their stack in the file. */
class CliLoggingTest {
    private static final Path SAMPLE = Path.of("src/test/resources/samples/taskdefs/describe-wrapped.json");

    @TempDir
    Path home;

    @AfterEach
    void silenceAgain() {
        StowageLog.off();
    }

    @Test
    void verboseOnAnyCommandLogsToStandardErrorAtDebugAndOnlyForThatCommand() {
        CliRun verbose = CliRun.of("validate", "--verbose", SAMPLE.toString());
        CliRun before = CliRun.of("--verbose", "validate", SAMPLE.toString());
        CliRun quiet = CliRun.of("validate", SAMPLE.toString());

        assertThat(verbose.exitCode()).isZero();
        assertThat(verbose.err()).contains("DEBUG").contains("io.stowage.cli.Cli - stowage ").contains(" validate on Java ");
        assertThat(before.err()).contains(" validate on Java ");
        assertThat(verbose.out()).isEqualTo(quiet.out());
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void anInternalErrorIsOneLineOnTheScreenAndItsStackTraceInTheLog() throws Exception {
        Path file = StowageLog.toFile(home);
        StringWriter screen = new StringWriter();

        int code = Cli.internalError(new NoClassDefFoundError("com/example/Missing"), "up", new PrintWriter(screen, true));

        assertThat(code).isEqualTo(Cli.INTERNAL_ERROR).isEqualTo(3);
        assertThat(screen.toString().lines()).singleElement().asString()
                .startsWith("stowage: internal error: java.lang.NoClassDefFoundError: com/example/Missing")
                .endsWith("(the stack trace is in " + file + ")");
        assertThat(Files.readString(file)).contains("ERROR", "internal error in stowage up",
                "java.lang.NoClassDefFoundError: com/example/Missing",
                "at io.stowage.cli.CliLoggingTest.anInternalErrorIsOneLineOnTheScreenAndItsStackTraceInTheLog");
    }

    @Test
    void theHelpOfEveryCommandOffersVerbose() {
        assertThat(CliRun.of("up", "--help").out()).contains("--verbose");
        assertThat(CliRun.of("--help").out()).contains("--verbose");
    }
}
