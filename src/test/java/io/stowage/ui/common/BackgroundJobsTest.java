package io.stowage.ui.common;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Long actions run off the JavaFX thread, show their progress, can be cancelled, and report failures. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BackgroundJobsTest {
    private BackgroundJobs jobs;

    @Start
    void start(Stage stage) {
        jobs = new BackgroundJobs();
        stage.show();
    }

    @Test
    void aBlockedJobLeavesTheWindowResponsiveShowsProgressAndStopsOnCancel(FxRobot robot) throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<Boolean> sawCancel = new AtomicReference<>(false);
        robot.interact(() -> assertThat(jobs.start("Running the design", progress -> {
            progress.report("Pulling busybox", 0.25);
            reported.countDown();
            try {
                new CountDownLatch(1).await(); // blocks as a slow engine call would, until interrupted
            } catch (InterruptedException interrupted) {
                sawCancel.set(progress.cancelled());
                throw interrupted;
            }
            return "never";
        }, result -> { }, failure -> { })).isTrue());
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jobs.message().get().equals("Pulling busybox"));
        assertThat(jobs.fraction().get()).isEqualTo(0.25);
        assertThat(jobs.running().get()).isTrue();
        robot.interact(() -> assertThat(jobs.start("Another", p -> 1, r -> { }, f -> { })).isFalse());

        robot.interact(jobs::cancel);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !jobs.running().get());
        assertThat(jobs.message().get()).isEqualTo("Running the design: cancelled");
        assertThat(sawCancel.get()).isTrue();
    }

    @Test
    void resultsAndFailuresComeBackOnTheFxThread(FxRobot robot) throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        AtomicReference<Boolean> onFxThread = new AtomicReference<>();
        robot.interact(() -> jobs.start("Import", p -> "design", r -> {
            onFxThread.set(javafx.application.Platform.isFxApplicationThread());
            result.set(r);
        }, f -> { }));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(onFxThread.get()).isTrue();

        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> jobs.start("Deploy", p -> {
            throw new IllegalStateException("no ECS endpoint answers at http://127.0.0.1:1");
        }, r -> { }, failure::set));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> failure.get() != null);
        assertThat(failure.get()).hasMessageContaining("no ECS endpoint answers");
        assertThat(jobs.message().get()).isEqualTo("Deploy: failed");
    }
    @Test
    void aJobThatThrowsAnErrorFailsInWordsAndTheNextJobRuns(FxRobot robot) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> jobs.start("Export", p -> {
            throw new NoClassDefFoundError("io/stowage/Missing");
        }, r -> { }, failure::set));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> failure.get() != null);
        assertThat(failure.get()).hasMessageContaining("NoClassDefFoundError").hasMessageContaining("io/stowage/Missing");
        assertThat(jobs.message().get()).isEqualTo("Export: failed");
        assertThat(jobs.running().get()).isFalse();

        AtomicReference<String> next = new AtomicReference<>();
        robot.interact(() -> assertThat(jobs.start("Import", p -> "design", next::set, f -> { })).isTrue());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "design".equals(next.get()));
    }
}
