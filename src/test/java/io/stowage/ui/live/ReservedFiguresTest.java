package io.stowage.ui.live;

import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** On ECS, which reports no live use, the tasks panel and the details show what the containers reserve. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ReservedFiguresTest {
    private LiveArea live;

    @Start
    void start(Stage stage) {
        live = new LiveArea();
        TabPane tabs = new TabPane();
        tabs.getTabs().setAll(live.tabs());
        stage.setScene(new Scene(tabs, 1400, 420));
        stage.show();
    }

    @Test
    void reservationsShowAsTextAddedUpPerTaskAndPerContainerInTheDetails(FxRobot robot) throws Exception {
        TaskState task = new TaskState("arn:aws:ecs:us-east-1:123456789012:task/live/0123456789abcdef0123456789abcdef",
                "live", "service:web", "arn:aws:ecs:us-east-1:123456789012:task-definition/web:4", null, "i-1",
                "us-east-1a", "EC2", TaskStatus.RUNNING, TaskStatus.RUNNING, null, null, null, Instant.now(),
                Instant.now(), null, List.of(
                new ContainerState("app", "r-1", "nginx", ContainerStatus.RUNNING, null, null, null, true, List.of(),
                        null, null),
                new ContainerState("log", "r-2", "fluent-bit", ContainerStatus.RUNNING, null, null, null, false,
                        List.of(), null, null)));
        Thread engine = new Thread(() -> {
            live.listener().taskChanged(task);
            live.listener().containerMetrics(task.taskArn(), "app", ContainerMetrics.reserved(Instant.now(), 256, 512, 0));
            live.listener().containerMetrics(task.taskArn(), "log", ContainerMetrics.reserved(Instant.now(), 0, 0, 64));
        });
        engine.start();
        engine.join();
        WaitForAsyncUtils.waitForFxEvents();
        await(() -> cell(robot, "task-col-cpu").equals("res. 256 units"));
        assertThat(onFx(() -> cell(robot, "task-col-memory"))).isEqualTo("res. 576 MiB");

        robot.interact(() -> live.tasks().select(task.taskArn()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> label(robot, "#task-details-cpu-app"))).isEqualTo("res. 256 units");
        assertThat(onFx(() -> label(robot, "#task-details-memory-app"))).isEqualTo("res. 512 MiB");
        assertThat(onFx(() -> label(robot, "#task-details-memory-log"))).isEqualTo("res. 64 MiB");
        // Nothing moves, so no lines are drawn.
        Node line = onFx(() -> robot.lookup("#task-details-cpu-app").query().getParent().getChildrenUnmodifiable().get(0));
        assertThat(line.isVisible()).isFalse();
    }

    private static String cell(FxRobot robot, String column) {
        return robot.lookup("#tasks-table").query().lookupAll(".table-cell").stream()
                .map(node -> (TableCell<?, ?>) node)
                .filter(c -> c.getTableColumn() != null && column.equals(c.getTableColumn().getId()))
                .filter(c -> c.getGraphic() != null)
                .flatMap(c -> c.getGraphic().lookupAll("." + ResourceColumns.TEXT).stream())
                .map(n -> ((Label) n).getText()).findFirst().orElse("");
    }

    private static String label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not shown within 10 s");
            }
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS); // the bridge applies a batch on the next pulse
        }
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
