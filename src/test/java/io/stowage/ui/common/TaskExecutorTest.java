package io.stowage.ui.common;

import io.stowage.logging.StowageLog;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.stowage.testsupport.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long actions run off the JavaFX thread, show their progress, can be cancelled in every state, and report
 * failures (an {@link Error} too) in words and in the log; actions that exclude each other say why they are
 * refused, and the next action always runs.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class TaskExecutorTest {
    private static final TaskExecutor.Lane RUNS = TaskExecutor.Lane.refusing("one local-run action at a time");
    private TaskExecutor jobs;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    @TempDir
    Path home;

    @Start
    void start(Stage stage) {
        jobs = new TaskExecutor();
        jobs.showProblemsWith((header, text) -> problems.add(header + ": " + text));
        stage.show();
    }

    @AfterEach
    void silenceTheLog() {
        StowageLog.off();
    }

    @Test
    void aBlockedJobLeavesTheWindowResponsiveShowsProgressAndStopsOnCancel(FxRobot robot) throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        AtomicReference<Boolean> sawCancel = new AtomicReference<>(false);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        AtomicBoolean cancelledHandler = new AtomicBoolean();
        AtomicReference<TaskExecutor.Running> started = new AtomicReference<>();
        robot.interact(() -> started.set(jobs.task("Running the design", progress -> {
            progress.report("Pulling busybox", 0.25);
            reported.countDown();
            try {
                new CountDownLatch(1).await(); // blocks as a slow engine call would, until interrupted
            } catch (InterruptedException interrupted) {
                sawCancel.set(progress.cancelled());
                Thread.sleep(200); // stopping what started takes a while; the job is not over meanwhile
                cleanedUp.set(true);
                throw interrupted;
            }
            return "never";
        }).in(RUNS).onCancelled(() -> cancelledHandler.set(cleanedUp.get())).start().orElseThrow()));
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jobs.message().get().equals("Pulling busybox"));
        assertThat(jobs.fraction().get()).isEqualTo(0.25);
        assertThat(jobs.running().get()).isTrue();
        assertThat(jobs.busy(RUNS).get()).isTrue();

        robot.interact(() -> assertThat(jobs.task("Stopping the local run", p -> 1).in(RUNS)
                .refusedAs("Cannot stop the local run now").start()).isEmpty());
        assertThat(problems).containsExactly("Cannot stop the local run now: \"Running the design\" is under way"
                + " (one local-run action at a time). Wait until it has finished, or cancel it (Run › Cancel Running"
                + " Action, or Cancel in the status bar).");

        AtomicBoolean endedAfterCleanup = new AtomicBoolean();
        robot.interact(() -> {
            jobs.cancel();
            started.get().whenEnded(() -> endedAfterCleanup.set(cleanedUp.get()));
            assertThat(jobs.message().get()).isEqualTo("Running the design: cancelling…");
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !jobs.running().get());
        assertThat(jobs.message().get()).isEqualTo("Running the design: cancelled");
        assertThat(sawCancel.get()).isTrue();
        assertThat(cancelledHandler.get()).as("the cancel handler runs once the body returned").isTrue();
        assertThat(endedAfterCleanup.get()).isTrue();
        assertThat(onFx(() -> jobs.busy(RUNS).get())).isFalse();

        AtomicReference<Integer> next = new AtomicReference<>();
        robot.interact(() -> jobs.task("Stopping the local run", p -> 1).in(RUNS).onSuccess(next::set).start());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Integer.valueOf(1).equals(next.get()));
    }

    @Test
    void resultsAndFailuresComeBackOnTheFxThread(FxRobot robot) throws Exception {
        AtomicReference<String> result = new AtomicReference<>();
        AtomicReference<Boolean> onFxThread = new AtomicReference<>();
        robot.interact(() -> jobs.task("Import", p -> "design").onSuccess(r -> {
            onFxThread.set(javafx.application.Platform.isFxApplicationThread());
            result.set(r);
        }).start());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(onFxThread.get()).isTrue();

        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> jobs.task("Deploy", p -> {
            throw new IllegalStateException("no ECS endpoint answers at http://127.0.0.1:1");
        }).onFailure(failure::set).start());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> failure.get() != null);
        assertThat(failure.get()).hasMessageContaining("no ECS endpoint answers");
        assertThat(jobs.message().get()).isEqualTo("Deploy: failed");
    }

    @Test
    void aJobThatThrowsAnErrorFailsInWordsIsLoggedWithItsStackAndTheNextJobRuns(FxRobot robot) throws Exception {
        Path log = StowageLog.toFile(home);
        AtomicReference<Exception> failure = new AtomicReference<>();
        robot.interact(() -> jobs.task("Export", p -> {
            throw new NoClassDefFoundError("io/stowage/Missing");
        }).in(RUNS).onFailure(failure::set).start());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> failure.get() != null);
        assertThat(failure.get()).hasMessageContaining("NoClassDefFoundError").hasMessageContaining("io/stowage/Missing")
                .hasMessageContaining("Help › Show Log");
        assertThat(jobs.message().get()).isEqualTo("Export: failed");
        assertThat(jobs.running().get()).isFalse();
        assertThat(Files.readString(log)).contains("\"Export\" failed with an internal error",
                "java.lang.NoClassDefFoundError: io/stowage/Missing",
                "at io.stowage.ui.common.TaskExecutorTest");

        AtomicReference<String> next = new AtomicReference<>();
        robot.interact(() -> assertThat(jobs.task("Import", p -> "design").in(RUNS).onSuccess(next::set).start())
                .isPresent());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "design".equals(next.get()));
    }

    @Test
    void aFailureWithNoHandlerOfItsOwnIsShownInWords(FxRobot robot) throws Exception {
        robot.interact(() -> jobs.task("Reading the profiles", p -> {
            throw new OutOfMemoryError("Java heap space");
        }).quiet().start());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !problems.isEmpty());
        assertThat(problems.get(0)).startsWith("Reading the profiles failed: internal error: java.lang.OutOfMemoryError:"
                + " Java heap space");
        assertThat(jobs.message().get()).as("a quiet job leaves the status bar alone").isEmpty();
    }

    @Test
    void jobsOfOtherLanesRunSideBySideAndAQueueingLaneKeepsItsOrder(FxRobot robot) throws Exception {
        TaskExecutor.Lane ecs = TaskExecutor.Lane.refusing("one ECS action at a time");
        TaskExecutor.Lane writes = TaskExecutor.Lane.queueing("the recovery file's writes, in order");
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> deployed = new AtomicReference<>();
        robot.interact(() -> jobs.task("Running the design", p -> {
            release.await();
            return "run";
        }).in(RUNS).start());
        robot.interact(() -> assertThat(jobs.task("Deploying", p -> "deployed").in(ecs).onSuccess(deployed::set)
                .start()).isPresent());
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "deployed".equals(deployed.get()));
        assertThat(onFx(() -> jobs.busy(RUNS).get())).isTrue();

        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWrite = new CountDownLatch(1);
        AtomicReference<Optional<TaskExecutor.Running>> second = new AtomicReference<>();
        robot.interact(() -> {
            jobs.task("write 1", p -> {
                firstWrite.await();
                order.add("1");
                return null;
            }).in(writes).quiet().start();
            second.set(jobs.task("write 2", p -> order.add("2")).in(writes).quiet().start());
            jobs.task("write 3", p -> order.add("3")).in(writes).quiet().start();
        });
        robot.interact(() -> second.get().orElseThrow().cancel()); // a queued job never starts
        firstWrite.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> order.size() == 2);
        assertThat(order).containsExactly("1", "3");
        assertThat(onFx(() -> second.get().orElseThrow().ended())).isTrue();
        release.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !jobs.busy(RUNS).get());
        assertThat(problems).isEmpty();
    }

    @Test
    void theStatusBarFollowsTheNewestJobAndCancelStopsThatOne(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean exportCancelled = new AtomicBoolean();
        robot.interact(() -> {
            jobs.task("Running the design", p -> {
                p.report("Starting tasks: 1 of 3 RUNNING", -1);
                release.await();
                return null;
            }).in(RUNS).start();
            jobs.task("Exporting shop.png", p -> {
                new CountDownLatch(1).await();
                return null;
            }).onCancelled(() -> exportCancelled.set(true)).start();
        });
        assertThat(onFx(() -> jobs.message().get())).isEqualTo("Exporting shop.png…");
        robot.interact(jobs::cancel);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, exportCancelled::get);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> jobs.message().get().equals("Starting tasks: 1 of 3 RUNNING"));
        assertThat(jobs.running().get()).isTrue();
        release.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !jobs.running().get());
        assertThat(jobs.message().get()).isEqualTo("Running the design: done");
    }
}
