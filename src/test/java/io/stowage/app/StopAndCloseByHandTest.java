package io.stowage.app;

import com.github.dockerjava.api.model.Container;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.EcsLabels;
import io.stowage.engine.local.LocalEngine;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.AgentHome;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.ui.shell.MainWindow;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.stowage.testsupport.FxWait.await;
import static io.stowage.testsupport.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a local run while it is still starting, as a user would: a task whose app container waits for a
 * sidecar that is not healthy yet keeps the run starting for minutes. File › Quit, then Stop and Close, cancels
 * the start, stops what had started and closes the window; the toolbar's Stop does the same without closing.
 * No container of the run is left running either way.
 */
@Tag("docker")
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class StopAndCloseByHandTest {
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
        BusyboxImage.ensure(DOCKER.client());
        // The desktop hands its run to the user's agent: one of this test's own, killed after.
        home = Files.createTempDirectory(dir, "home");
        homeBefore = AgentHome.use(home);
        file = dir.resolve("slow-start" + DesignFormat.EXTENSION);
        Files.writeString(file, """
                {"formatVersion": 1, "name": "slow-start",
                 "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [
                     {"name": "gate", "image": "%1$s", "memory": 16, "essential": false, "stopTimeout": 2,
                      "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
                      "healthCheck": {"command": ["CMD-SHELL", "exit 1"], "interval": 5, "retries": 10, "startPeriod": 300}},
                     {"name": "app", "image": "%1$s", "memory": 16, "stopTimeout": 2,
                      "command": ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"],
                      "dependsOn": [{"containerName": "gate", "condition": "HEALTHY"}]}]}]}
                """.formatted(BusyboxImage.NAME));
        design = DesignFormat.read(file).design();
        window = AppWindows.showing(stage, file, "io/stowage/test/stop-and-close-by-hand");
        this.stage = stage;
    }

    @AfterEach
    void removeTheRun() throws Exception {
        try {
            LocalEngine local = new LocalEngine(DockerConnection.fromEnvironment());
            local.down(LocalEngine.designKey(design.name(), file), design, message -> { });
            local.down(LocalEngine.designKey(design, file), design, message -> { });
        } finally {
            AgentHome.release(home, homeBefore);
        }
    }

    @Test
    void quitWhileTheRunStartsStopsWhatStartedAndClosesTheWindow(FxRobot robot) throws Exception {
        startAndWaitForTheSidecar(robot);

        robot.clickOn("#menu-file").clickOn("#menu-quit");
        DialogPane ask = await(10, () -> robot.lookup("#close-while-running-dialog").tryQueryAs(DialogPane.class)
                .orElse(null));
        assertThat(ask.getHeaderText()).isEqualTo("The design is starting locally. Stop what started first?");
        robot.clickOn((Button) ask.lookupButton(ask.getButtonTypes().stream()
                .filter(b -> b.getText().equals("Stop and Close")).findFirst().orElseThrow()));

        await(90, () -> !onFx(stage::isShowing));
        // The run reports a task STOPPED on its container's "die" event; Docker lists the container a moment longer.
        await(30, () -> runningContainers().isEmpty());
    }

    @Test
    void stopWhileTheRunStartsCancelsTheStartAndStopsWhatStarted(FxRobot robot) throws Exception {
        startAndWaitForTheSidecar(robot);

        robot.clickOn("#tool-stop-local");
        await(90, () -> onFx(() -> !robot.lookup("#tool-run-local").query().isDisabled()));
        await(30, () -> runningContainers().isEmpty());
        await(10, () -> onFx(() -> robot.lookup("#job-message").queryAs(Label.class).getText())
                .equals("Running slow-start locally: cancelled"));
        assertThat(onFx(() -> robot.lookup("#tool-stop-local").query().isDisabled())).isTrue();
        assertThat(onFx(stage::isShowing)).isTrue();
    }

    /** Clicks Run and waits until the sidecar runs while the app container still waits for it to be healthy. */
    private void startAndWaitForTheSidecar(FxRobot robot) throws Exception {
        robot.clickOn("#tool-run-local");
        // The sidecar runs (Docker says so, and so does the run), while the app container waits for it.
        await(60, () -> runningContainers().size() == 1 && onFx(() -> window.liveArea().model().tasks().stream()
                .map(TaskState::containers).flatMap(List::stream)
                .anyMatch(c -> c.name().equals("gate") && c.lastStatus() == ContainerStatus.RUNNING)));
        assertThat(onFx(() -> robot.lookup("#tool-stop-local").query().isDisabled()))
                .as("Stop works while the run starts").isFalse();
        assertThat(onFx(() -> robot.lookup("#job-message").queryAs(Label.class).getText())).startsWith("Starting tasks");
    }

    /** The run's containers that run now (a design file without an identity keys its run by name and path). */
    private List<Container> runningContainers() {
        return DOCKER.client().listContainersCmd().withLabelFilter(List.of(EcsLabels.DESIGN)).exec().stream()
                .filter(c -> List.of(LocalEngine.designKey(design, file), LocalEngine.designKey(design.name(), file))
                        .contains(c.getLabels().get(EcsLabels.DESIGN))).toList();
    }
}
