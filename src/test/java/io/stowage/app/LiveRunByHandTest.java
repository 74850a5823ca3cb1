package io.stowage.app;

import com.github.dockerjava.api.DockerClient;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.AgentHome;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.DocsPictures;
import io.stowage.testsupport.ExampleStandIns;
import io.stowage.ui.shell.MainWindow;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static io.stowage.testsupport.FxWait.await;
import static io.stowage.testsupport.FxWait.onFx;

/**
 * The example design run from the desktop on the real Docker engine, as a user would: Run, the chips on the
 * canvas turn RUNNING, a container killed from outside stops its task with ECS's reason and the service starts
 * a replacement, and the container's lines are read in the logs tab.
 */
@Tag("docker")
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LiveRunByHandTest {
    @RegisterExtension
    static final DockerEngineExtension DOCKER = new DockerEngineExtension();
    @TempDir
    static Path dir;

    private MainWindow window;
    private Design design;
    private Path file;
    private Stage stage;
    private Path home;
    private String homeBefore;

    @Start
    void start(Stage stage) throws Exception {
        DockerClient docker = DOCKER.client();
        // The desktop hands its run to the user's agent: one of this test's own, killed after.
        home = Files.createTempDirectory(dir, "home");
        homeBefore = AgentHome.use(home);
        ExampleStandIns.ensure(docker);
        design = ExampleDesigns.firstStart().design();
        file = dir.resolve("live-demo" + DesignFormat.EXTENSION);
        DesignFormat.write(design, file);
        window = AppWindows.showing(stage, file, "io/stowage/test/live-run-by-hand");
        stage.setWidth(1440);
        stage.setHeight(900);
        this.stage = stage;
    }

    @AfterEach
    void removeTheRun() throws Exception {
        try {
            new LocalEngine(DockerConnection.fromEnvironment()).down(LocalEngine.designKey(design.name(), file),
                    design, message -> { });
        } finally {
            AgentHome.release(home, homeBefore);
        }
    }

    @Test
    void runKillAndReadLogs(FxRobot robot) throws Exception {
        robot.clickOn("#tool-run-local");

        await(120, () -> running("web").size() == 2 && running("api").size() == 3 && running("worker").size() == 1);
        await(30, () -> robot.lookup(".live-chip").queryAll().stream()
                .filter(chip -> ((Label) chip).getText().contains("RUNNING")).count() >= 6);
        assertThat(robot.lookup("#tool-stop-local").query().isDisabled()).isFalse();
        TaskState smoke = await(60, () -> tasks().stream()
                .filter(t -> "family:api".equals(t.group()) && t.isStopped()).findFirst().orElse(null));
        assertThat(smoke.containers().get(0).exitCode()).isZero();
        TaskState report = tasks().stream().filter(t -> "report".equals(t.serviceName())).findFirst().orElseThrow();
        assertThat(report.lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(onFx(() -> List.copyOf(window.liveArea().model().events()))).anyMatch(e -> e.message()
                .contains("service report was unable to place a task because no container instance met all of its"
                        + " requirements"));

        TaskState victim = running("web").get(0);
        ContainerState nginx = victim.container("nginx").orElseThrow();
        DOCKER.client().killContainerCmd(nginx.runtimeId()).exec();

        TaskState stopped = await(60, () -> task(victim.taskArn()).filter(TaskState::isStopped).orElse(null));
        assertThat(stopped.stoppedReason()).contains(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON);
        assertThat(stopped.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(stopped.container("nginx").orElseThrow().exitCode()).isEqualTo(137);
        await(90, () -> running("web").size() == 2 && tasks().stream()
                .filter(t -> "web".equals(t.serviceName())).count() == 3);
        Node stoppedChip = robot.lookup("#live-chip-" + stopped.taskId()).query();
        assertThat(((Label) stoppedChip).getText()).contains("STOPPED");

        robot.clickOn("#live-chip-" + stopped.taskId());
        await(10, () -> robot.lookup("#task-details-reason").queryAs(Label.class).getText()
                .contains("Essential container in task exited"));
        assertThat(robot.lookup("#task-details-exit-nginx").queryAs(Label.class).getText())
                .isEqualTo("137: killed (SIGKILL), not out of memory");
        // The live view as the README shows it: chips on their instances, the tasks panel, why one stopped.
        snapshot(robot, "docs/screenshots/live-view.png");
        // The details sit beside the table now, and their Logs buttons are to the right: scrolled to, as the user
        // drags the details' scroll bar.
        robot.interact(() -> {
            javafx.scene.Node button = robot.lookup("#task-details-log-nginx").query();
            for (javafx.scene.Parent p = button.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane pane) {
                    pane.setHvalue(pane.getHmax());
                    break;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#task-details-log-nginx");
        await(30, () -> robot.lookup("#log-lines").queryListView().getItems().stream()
                .anyMatch(line -> line.toString().contains("nginx stand-in serving on port 80")));
    }

    private void snapshot(FxRobot robot, String docsPath) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> image =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        DocsPictures.write(image.get(), docsPath);
    }

    private List<TaskState> tasks() {
        return onFx(() -> List.copyOf(window.liveArea().model().tasks()));
    }

    private java.util.Optional<TaskState> task(String arn) {
        return tasks().stream().filter(t -> t.taskArn().equals(arn)).findFirst();
    }

    private List<TaskState> running(String service) {
        return tasks().stream().filter(t -> service.equals(t.serviceName()) && t.lastStatus() == TaskStatus.RUNNING)
                .toList();
    }
}
