package io.stowage.ui.live;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The live area shows what engines report from their own threads: tasks, why one stopped, its logs, events. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LiveAreaTest {
    private LiveArea live;

    @Start
    void start(Stage stage) {
        live = new LiveArea();
        live.useLogSource(() -> new PrintedLines());
        TabPane tabs = new TabPane();
        tabs.getTabs().setAll(live.tabs());
        stage.setScene(new Scene(tabs, 1100, 420));
        stage.show();
    }

    @Test
    void tasksReportedFromAnotherThreadAppearAndFollowTheirStatus(FxRobot robot) throws Exception {
        TaskState web = task("aaaa1111bbbb2222cccc3333dddd4444", "web", TaskStatus.PENDING);
        onEngineThread(() -> {
            live.listener().taskChanged(web);
            live.listener().taskChanged(task("eeee5555ffff6666aaaa7777bbbb8888", "worker", TaskStatus.RUNNING));
            live.listener().taskChanged(web.withLastStatus(TaskStatus.RUNNING));
        });
        await(() -> table(robot).getItems().size() == 2
                && live.model().task(web.taskArn()).orElseThrow().lastStatus() == TaskStatus.RUNNING);

        robot.interact(() -> robot.lookup("#tasks-filter").queryAs(TextField.class).setText("worker"));
        assertThat(table(robot).getItems()).extracting(TaskState::family).containsExactly("worker");
        assertThat(robot.lookup("#tasks-count").queryAs(Label.class).getText()).isEqualTo("1 of 2 tasks");
    }

    @Test
    void aStoppedTaskSaysWhyWithExitCodesAndItsLastLines(FxRobot robot) throws Exception {
        TaskState running = task("0123456789abcdef0123456789abcdef", "api", TaskStatus.RUNNING);
        Instant now = Instant.now();
        TaskState stopped = running.withContainers(List.of(
                        running.containers().get(0).stopped(1, null, now),
                        running.containers().get(1).stopped(143, "Dependency stopped", now)))
                .stopping(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED)
                .stopped(now);
        onEngineThread(() -> live.listener().taskChanged(running));
        await(() -> table(robot).getItems().size() == 1);
        robot.interact(() -> table(robot).getSelectionModel().select(0));

        onEngineThread(() -> live.listener().taskChanged(stopped));
        await(() -> robot.lookup("#task-details-reason").queryAs(Label.class).getText()
                .contains("Essential container in task exited"));
        assertThat(robot.lookup("#task-details-reason").queryAs(Label.class).getText())
                .contains("EssentialContainerExited");
        await(() -> robot.lookup("#task-details-exit-sidecar").tryQuery().isPresent());
        assertThat(robot.lookup("#task-details-exit-app").queryAs(Label.class).getText())
                .isEqualTo("1: error (the application's own failure)");
        assertThat(robot.lookup("#task-details-exit-sidecar").queryAs(Label.class).getText())
                .isEqualTo("143: stopped by SIGTERM");
        await(() -> robot.lookup("#task-details-last-lines").queryAs(javafx.scene.control.TextArea.class).getText()
                .contains("app | line 20 of app"));

        robot.clickOn("#task-details-log-app");
        await(() -> live.logs().shownText().size() == PrintedLines.COUNT);
        robot.interact(() -> robot.lookup("#log-search").queryAs(TextField.class).setText("line 7 "));
        assertThat(live.logs().shownText()).containsExactly("line 7 of app");
    }

    @Test
    void aBurstOfUpdatesEndsInTheNewestStateOfEveryTask(FxRobot robot) throws Exception {
        int tasks = 200;
        onEngineThread(() -> {
            for (int round = 0; round < 25; round++) {
                for (int i = 0; i < tasks; i++) {
                    TaskStatus status = round < 24 ? TaskStatus.PENDING : TaskStatus.RUNNING;
                    live.listener().taskChanged(task(String.format("%032x", i), "svc" + (i % 7), status));
                    live.listener().event(new ClusterEvent(Instant.now(), "default", "t" + i, status.name()));
                }
            }
        });
        // Read on the FX thread, so that a batch is seen whole: tasks and events arrive in the same one.
        await(() -> onFxThread(() -> live.model().tasks().size() == tasks
                && live.model().tasks().stream().allMatch(t -> t.lastStatus() == TaskStatus.RUNNING)
                && live.model().events().size() == LiveModel.MAX_EVENTS));
        assertThat(live.model().events().get(LiveModel.MAX_EVENTS - 1).subject()).isEqualTo("t" + (tasks - 1));
    }

    @SuppressWarnings("unchecked")
    private static TableView<TaskState> table(FxRobot robot) {
        return robot.lookup("#tasks-table").queryAs(TableView.class);
    }

    private static TaskState task(String id, String family, TaskStatus status) {
        return new TaskState("arn:aws:ecs:local:000000000000:task/default/" + id, "default", "service:" + family,
                family + ":1", null, "i-1", "us-east-1a", "EC2", status, TaskStatus.RUNNING, null, null, null,
                Instant.now(), null, null, List.of(
                new ContainerState("app", "c-" + id, "busybox", status == TaskStatus.RUNNING
                        ? ContainerStatus.RUNNING : ContainerStatus.PENDING, null, null, null, true, List.of(),
                        null, null),
                new ContainerState("sidecar", "s-" + id, "busybox", ContainerStatus.PENDING, null, null, null, false,
                        List.of(), null, null)));
    }

    private static void onEngineThread(Runnable reports) throws InterruptedException {
        Thread engine = new Thread(reports, "test-engine");
        engine.start();
        engine.join();
    }

    private static boolean onFxThread(BooleanSupplier read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::getAsBoolean).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    /** Twenty numbered lines per container, as a finished container's log would give them. */
    private static final class PrintedLines implements LogSource {
        static final int COUNT = 20;

        @Override
        public AutoCloseable lines(TaskState task, String container, int tail, boolean follow,
                                   java.util.function.Consumer<LogLine> sink) {
            for (int i = 1; i <= COUNT; i++) {
                sink.accept(new LogLine(null, false, "line " + i + " of " + container));
            }
            return () -> {
            };
        }
    }
}
