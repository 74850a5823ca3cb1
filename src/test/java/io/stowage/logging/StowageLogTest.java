package io.stowage.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The log file under the Stowage folder: Stowage's own lines with their traces, the libraries' warnings only. */
class StowageLogTest {
    @TempDir
    Path home;

    @AfterEach
    void silenceAgain() {
        StowageLog.off();
    }

    @Test
    void ownErrorsKeepTheirStackTraceAndLibrariesOnlyTheirWarnings() throws Exception {
        Path file = StowageLog.toFile(home);
        assertThat(file).isEqualTo(home.resolve("logs").resolve("stowage.log"));
        LoggerFactory.getLogger("io.stowage.engine.local.RunContext")
                .error("internal error on the run's state thread", new IllegalStateException("a bug of ours"));
        LoggerFactory.getLogger("io.stowage.cli.Cli").debug("stowage validate");
        Logger docker = LoggerFactory.getLogger("com.github.dockerjava.core.DefaultDockerClientConfig");
        docker.info("docker-java chatter");
        docker.warn("docker-java warning");
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");
        sdk.debug("Sending Request");
        sdk.error("sdk error");

        String log = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(log).contains("ERROR", "internal error on the run's state thread",
                "java.lang.IllegalStateException: a bug of ours",
                "at io.stowage.logging.StowageLogTest.ownErrorsKeepTheirStackTraceAndLibrariesOnlyTheirWarnings");
        assertThat(log).contains("stowage validate", "docker-java warning", "sdk error");
        assertThat(log).doesNotContain("docker-java chatter", "Sending Request");
        assertThat(log).contains(" " + ProcessHandle.current().pid() + " ");
        assertThat(StowageLog.tail(1)).singleElement().asString().contains("sdk error");
    }

    @Test
    void verboseShowsDebugOnTheWriterUntilClosedAndTheFileStaysQuiet() throws Exception {
        Path file = StowageLog.toFile(home);
        StringWriter screen = new StringWriter();
        try (StowageLog.Verbose ignored = StowageLog.verbose(new PrintWriter(screen))) {
            LoggerFactory.getLogger("io.stowage.engine.ecs.AwsClients").debug("region eu-west-1");
            LoggerFactory.getLogger("software.amazon.awssdk.request").info("sdk info");
            LoggerFactory.getLogger("org.apache.hc.client5.http.wire").debug("wire bytes");
        }
        LoggerFactory.getLogger("io.stowage.engine.ecs.AwsClients").debug("after the command");

        assertThat(screen.toString()).contains("DEBUG", "region eu-west-1", "sdk info").doesNotContain("wire bytes",
                "after the command");
        assertThat(Files.readString(file)).contains("region eu-west-1", "after the command").doesNotContain("sdk info");
    }

    @Test
    void aFileIsWrittenOnlyAfterTheLauncherSetsItUp() throws Exception {
        String before = System.getProperty("stowage.home");
        System.setProperty("stowage.home", home.toString());
        try {
            LoggerFactory.getLogger("io.stowage.Anything").error("unheard");
            assertThat(StowageLog.writingToFile()).isFalse();
            assertThat(home.resolve("logs")).doesNotExist();
            StowageLog.toFile(StowageLog.folder());
            LoggerFactory.getLogger("io.stowage.Anything").error("heard");
            assertThat(Files.readString(StowageLog.file())).contains("heard").doesNotContain("unheard");
        } finally {
            if (before == null) {
                System.clearProperty("stowage.home");
            } else {
                System.setProperty("stowage.home", before);
            }
        }
    }

    @Test
    void theFolderIsTheUsersStowageFolderUnlessAPropertyMovesIt() {
        String before = System.getProperty("stowage.home");
        try {
            System.clearProperty("stowage.home");
            assertThat(StowageLog.folder()).isEqualTo(Path.of(System.getProperty("user.home"), ".stowage"));
            System.setProperty("stowage.home", home.toString());
            assertThat(StowageLog.file()).isEqualTo(home.resolve("logs/stowage.log"));
        } finally {
            if (before == null) {
                System.clearProperty("stowage.home");
            } else {
                System.setProperty("stowage.home", before);
            }
        }
    }

    @Test
    void diagnosticsNameVersionsEnginesAndTheLogButNoCredential() throws Exception {
        StowageLog.toFile(home);
        LoggerFactory.getLogger("io.stowage.ui.common.TaskExecutor").warn("Running locally failed");
        String text = Diagnostics.text("1.2.3", Map.of("DOCKER_HOST", "unix:///var/run/docker.sock",
                "AWS_REGION", "eu-west-1", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"));
        assertThat(text).contains("Stowage 1.2.3", "Java " + System.getProperty("java.version"),
                "DOCKER_HOST=unix:///var/run/docker.sock", "AWS_REGION=eu-west-1", "AWS_PROFILE=(not set)",
                "AWS_SECRET_ACCESS_KEY is set", "AWS_SESSION_TOKEN is not set",
                "Log: " + home.resolve("logs/stowage.log"), "Running locally failed");
        assertThat(text).doesNotContain("wJalrXUtnFEMI", "AKIAEXAMPLE");
    }
}
