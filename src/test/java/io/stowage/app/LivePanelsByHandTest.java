package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.DocsPictures;
import io.stowage.ui.shell.MainWindow;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import io.stowage.ui.common.WrappingCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 items 8 and 9, in the whole main window at 1280 x 800 as a user sees it: the Tasks tab shows every status
 * whole, the stop reason in view and wrapped, exit codes explained, a labelled Logs button; Events and Problems wrap,
 * carry their severity and say the important part first.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LivePanelsByHandTest {
    private static final String OOM = "OutOfMemoryError: Container killed due to memory usage";
    @TempDir
    Path dir;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path file = dir.resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        window = AppWindows.showing(stage, file, "io/stowage/test/live-panels");
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Test
    void theTasksTabReadsAtAGlanceAt1280Pixels(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        TaskState oom = task("ffff1111bbbb2222cccc3333dddd4444", "api", "i-0e5f6a7b", TaskStatus.RUNNING);
        TaskState oomStopped = oom.withContainers(List.of(oom.containers().get(0).stopped(137, OOM, now),
                        oom.containers().get(1).stopped(143, null, now)))
                .stopping(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED).stopped(now);
        TaskState killed = task("9999111122223333444455556666aaaa", "web", "i-0a1b2c3d", TaskStatus.RUNNING);
        TaskState killedStopped = killed.withContainers(List.of(killed.containers().get(0).stopped(137, null, now),
                        killed.containers().get(1).stopped(137, null, now)))
                .stopping(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON, StopCode.ESSENTIAL_CONTAINER_EXITED).stopped(now);
        report(() -> {
            var engine = window.liveArea().listener();
            engine.taskChanged(task("aaaa1111bbbb2222cccc3333dddd4444", "web", "i-0a1b2c3d", TaskStatus.RUNNING));
            engine.taskChanged(task("dddd1111bbbb2222cccc3333dddd4444", "worker", "i-0a1b2c3d", TaskStatus.DEPROVISIONING));
            engine.taskChanged(task("eeee1111bbbb2222cccc3333dddd4444", "worker", "i-0a1b2c3d", TaskStatus.PENDING));
            engine.taskChanged(oomStopped);
            engine.taskChanged(killedStopped);
        });
        TableView<TaskState> table = robot.lookup("#tasks-table").queryTableView();
        await(() -> table.getItems().size() == 5);
        WaitForAsyncUtils.waitForFxEvents();
        picture(robot, "live-tasks-1280.png");

        // Every status is shown whole: not "R…" or "S…".
        for (Node chip : robot.lookup(".status-chip").queryAll()) {
            if (chip.isVisible() && ((Label) chip).getText() != null) {
                assertThat(shown((Label) chip)).isEqualTo(((Label) chip).getText());
            }
        }
        // Nothing runs off to the right: the visible columns, the stop reason last, fit the table's width.
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertThat(columns).isLessThanOrEqualTo(table.getWidth());
        assertThat(table.getVisibleLeafColumns().get(table.getVisibleLeafColumns().size() - 1).getId())
                .isEqualTo("task-col-reason");

        // The stop reason says which container ended the task and what its code means, and wraps in its column.
        Text oomReason = reasonText(robot, "Essential container in task exited · app 137: killed (SIGKILL) for using"
                + " more memory than its limit (out of memory) · sidecar 143: stopped by SIGTERM");
        assertThat(oomReason.getBoundsInLocal().getHeight()).isGreaterThan(oomReason.getFont().getSize() * 2);
        Text killedReason = reasonText(robot, "Essential container in task exited · app 137: killed (SIGKILL), not out"
                + " of memory · sidecar 137: killed (SIGKILL), not out of memory");
        assertThat(killedReason.isVisible()).isTrue();

        // Choosing the task shows each container's exit code explained, and its Logs button labelled.
        robot.clickOn(killedReason);
        await(() -> robot.lookup("#task-details-exit-sidecar").tryQuery().isPresent());
        assertThat(robot.lookup("#task-details-exit-app").queryAs(Label.class).getText())
                .isEqualTo("137: killed (SIGKILL), not out of memory");
        for (Node button : robot.lookup("#task-details-log-app").queryAll()) {
            assertThat(shown((Labeled) button)).isEqualTo("Logs");
        }
        picture(robot, "live-task-details-1280.png");
    }

    @Test
    void eventsAndProblemsWrapCarryTheirSeverityAndSayTheImportantPartFirst(FxRobot robot) throws Exception {
        Instant now = Instant.now();
        String pulled = "nginx: the cached image public.ecr.aws/nginx/nginx:1.27 is used, as the agent's default pull"
                + " behaviour does, because the pull failed: CannotPullContainerError: Error response from daemon:"
                + " Get \"https://public.ecr.aws/v2/\": dial tcp: lookup public.ecr.aws: no such host";
        report(() -> {
            var engine = window.liveArea().listener();
            engine.event(new ClusterEvent(now, "demo", "web/aaaa1111", pulled));
            engine.event(new ClusterEvent(now, "demo", "web/bbbb2222", "app exited with code 1"));
            engine.event(new ClusterEvent(now, "demo", "service web", "(service web) has reached a steady state."));
            engine.event(new ClusterEvent(now, "demo", "web/bbbb2222", "PROVISIONING"));
        });
        robot.clickOn("#tab-events");
        await(() -> cells(robot, "#events-feed").size() >= 4);
        WaitForAsyncUtils.waitForFxEvents();
        picture(robot, "live-events-1280.png");
        List<WrappingCell<?>> events = cells(robot, "#events-feed");
        WrappingCell<?> pull = events.stream().filter(c -> c.shownText().contains("cached image")).findFirst().orElseThrow();
        assertThat(pull.shownText()).contains("web/aaaa1111  nginx: the cached image");
        assertThat(pull.getHeight()).isGreaterThanOrEqualTo(pull.getGraphic().getBoundsInParent().getMaxY());
        WrappingCell<?> single = events.stream().filter(c -> c.shownText().endsWith("PROVISIONING")).findFirst().orElseThrow();
        assertThat(pull.getHeight()).isGreaterThan(single.getHeight() * 1.5);
        assertThat(pseudo(pull, "severity-warning")).isTrue();
        assertThat(pseudo(events.stream().filter(c -> c.shownText().endsWith("code 1")).findFirst().orElseThrow(),
                "severity-error")).isTrue();
        assertThat(pseudo(events.stream().filter(c -> c.shownText().contains("steady state")).findFirst().orElseThrow(),
                "severity-ok")).isTrue();

        // The example's placement warning, long, is read whole in Problems: message first, then where.
        robot.clickOn("#tab-problems");
        await(() -> !cells(robot, "#problems-list").isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        WrappingCell<?> problem = cells(robot, "#problems-list").get(0);
        assertThat(problem.shownText()).startsWith("Warning  ");
        assertThat(problem.getStyleClass()).contains("finding-warning");
        assertThat(problem.getHeight()).isGreaterThanOrEqualTo(problem.getGraphic().getBoundsInParent().getMaxY());
        assertThat(problem.getGraphic().getBoundsInParent().getHeight()).isGreaterThan(30); // wrapped: 2 lines or more
        picture(robot, "live-problems-1280.png");
    }

    private static boolean pseudo(Node node, String name) {
        return node.getPseudoClassStates().contains(PseudoClass.getPseudoClass(name));
    }

    private static List<WrappingCell<?>> cells(FxRobot robot, String list) {
        return robot.lookup(list + " .list-cell").queryAll().stream().<WrappingCell<?>>map(n -> (WrappingCell<?>) n)
                .filter(c -> c.shownText() != null && c.isVisible()).toList();
    }

    /** The reason cell's text that equals {@code text}, in the table. */
    private static Text reasonText(FxRobot robot, String text) {
        return robot.lookup(".task-reason-text").queryAll().stream().map(n -> (Text) n)
                .filter(t -> text.equals(t.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no reason reads " + text + "; there are "
                        + robot.lookup(".task-reason-text").queryAll().stream().map(n -> ((Text) n).getText()).toList()));
    }

    /** What a labelled control shows of its text: "R…" when cut. */
    private static String shown(Labeled labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof Text t ? t.getText() : null;
    }


    private void picture(FxRobot robot, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        DocsPictures.write(image.get(), "docs/screenshots/" + name);
    }

    private static void report(Runnable engine) throws InterruptedException {
        Thread thread = new Thread(engine, "test-engine");
        thread.start();
        thread.join();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
    }

    static TaskState task(String id, String family, String instance, TaskStatus status) {
        return new TaskState("arn:aws:ecs:local:000000000000:task/demo/" + id, "demo", "service:" + family,
                family + ":1", null, instance, "us-east-1a", "EC2", status, TaskStatus.RUNNING, null, null, null,
                Instant.now(), null, null, List.of(
                new ContainerState("app", "c-" + id, "busybox", status == TaskStatus.RUNNING
                        ? ContainerStatus.RUNNING : ContainerStatus.PENDING, null, null, null, true, List.of(),
                        null, null),
                new ContainerState("sidecar", "s-" + id, "busybox", ContainerStatus.PENDING, null, null, null, false,
                        List.of(), null, null)));
    }
}
