package io.stowage.ui.live;

import io.stowage.edit.EditHistory;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.TestImages;
import io.stowage.ui.canvas.DesignCanvas;
import io.stowage.ui.common.Selection;
import io.stowage.ui.common.Sparkline;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static io.stowage.testsupport.FxWait.await;
import static io.stowage.testsupport.FxWait.onFx;

/**
 * A design with a container that burns CPU, run on the real engine: the tasks panel shows the task's CPU and
 * memory, its details each container's, and its chip on the canvas draws both as small lines.
 */
@Tag("docker")
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LiveMetricsTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final String DESIGN = """
            {"formatVersion": 1, "name": "live-metrics",
             "clusters": [{"id": "c", "name": "live-metrics",
               "instances": [{"id": "i-1", "instanceType": "t3.medium", "availabilityZone": "us-east-1a"}],
               "tasks": [{"id": "t", "run": {"taskDefinition": "load"}}]}],
             "taskDefinitions": [{"family": "load", "containerDefinitions": [
               {"name": "burner", "image": "%1$s", "cpu": 256, "memory": 64, "stopTimeout": 2,
                "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do :; done"]},
               {"name": "idle", "image": "%1$s", "memory": 32}]}]}
            """;

    private final LocalEngine engine = new LocalEngine(DockerConnection.fromEnvironment());
    private final String key = LocalEngine.designKey("live-metrics", Path.of("/tmp/stowage-tests/live-metrics.stowage.json"));
    private Design design;
    private LiveArea live;
    private LocalRun run;

    @Start
    void start(Stage stage) throws Exception {
        TestImages.ensure(ENGINE.client());
        design = DesignFormat.parse("live-metrics.stowage.json", DESIGN.formatted(TestImages.HTTP)).design();
        live = new LiveArea();
        DesignCanvas canvas = new DesignCanvas(new EditHistory(design), new Selection());
        canvas.showLive(new LiveCanvasOverlay(live.model(), task -> live.tasks().select(task.taskArn())));
        live.model().revision().addListener((obs, was, now) -> canvas.refreshLive());
        TabPane tabs = new TabPane();
        tabs.getTabs().setAll(live.tabs());
        SplitPane split = new SplitPane(canvas, tabs);
        // The tasks panel gets 1,050 px: from 1,000 px the table shows its CPU and memory columns.
        split.setDividerPositions(0.25);
        Scene scene = new Scene(split, 1400, 600);
        scene.getStylesheets().add(DesignCanvas.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void down() {
        if (run != null) {
            run.close();
        }
        engine.down(key, design, m -> { });
    }

    @Test
    void theTasksPanelTheDetailsAndTheChipShowCpuAndMemory(FxRobot robot) throws Exception {
        run = engine.up(design, key, LocalRunOptions.defaults().withAddresses("127.0.79", "127.0.80"),
                live.listener(), m -> { });

        TaskState task = await(60, () -> live.model().tasks().stream().filter(t -> cpuText(robot, t).isPresent())
                .filter(t -> percent(cpuText(robot, t).get()) > 30).findFirst().orElse(null));
        assertThat(onFx(() -> cpuText(robot, task)).orElseThrow()).matches("\\d+ %");
        // Both containers' memory added up, against both limits (64 + 32 MiB), once both reported.
        await(20, () -> cellText(robot, "task-col-memory", task).filter(m -> m.matches("[0-9.]+ MiB / 96 MiB"))
                .orElse(null));

        robot.interact(() -> live.tasks().select(task.taskArn()));
        await(20, () -> percent(text(robot, "#task-details-cpu-burner")) > 30
                && text(robot, "#task-details-cpu-idle").matches("[0-9.]+ %") ? true : null);
        assertThat(percent(onFx(() -> text(robot, "#task-details-cpu-idle")))).isLessThan(5);
        assertThat(onFx(() -> text(robot, "#task-details-memory-burner"))).endsWith("/ 64 MiB");

        Sparkline chipCpu = robot.lookup("#live-chip-" + task.taskId() + "-cpu").queryAs(Sparkline.class);
        Sparkline chipMemory = robot.lookup("#live-chip-" + task.taskId() + "-memory").queryAs(Sparkline.class);
        assertThat(onFx(() -> chipCpu.isVisible() && chipCpu.getParent().isVisible())).isTrue();
        assertThat(onFx(chipCpu::values)).isNotEmpty().anyMatch(cpu -> cpu > 30);
        assertThat(onFx(chipMemory::values)).isNotEmpty().allMatch(bytes -> bytes > 0);
    }

    /** On the FX thread. */
    private static Optional<String> cpuText(FxRobot robot, TaskState task) {
        return cellText(robot, "task-col-cpu", task);
    }

    /** The figure a metric cell of the task's row shows, if its row is drawn and has one. */
    private static Optional<String> cellText(FxRobot robot, String column, TaskState task) {
        TableView<?> table = robot.lookup("#tasks-table").queryAs(TableView.class);
        return table.lookupAll(".table-cell").stream()
                .map(node -> (TableCell<?, ?>) node)
                .filter(cell -> cell.getTableColumn() != null && column.equals(cell.getTableColumn().getId()))
                .filter(cell -> cell.getItem() instanceof TaskState t && t.taskArn().equals(task.taskArn()))
                .filter(cell -> cell.getGraphic() != null)
                .flatMap(cell -> cell.getGraphic().lookupAll("." + ResourceColumns.TEXT).stream())
                .map(node -> ((Label) node).getText()).findFirst();
    }

    /** On the FX thread. */
    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Label.class).map(Label::getText).orElse("");
    }

    private static double percent(String text) {
        return text.endsWith(" %") ? Double.parseDouble(text.substring(0, text.length() - 2)) : -1;
    }
}
