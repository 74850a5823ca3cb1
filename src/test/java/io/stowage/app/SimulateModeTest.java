package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.DocsPictures;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulate mode in the whole window, clicked as a user would: the example's rolling deployment stalls on host
 * port 80 (the service event says why, the rollout stays IN_PROGRESS), the fix completes; stepping and going back
 * on the timeline show the same state again. No Docker and no AWS.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class SimulateModeTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/simulate");
        preferences.clear();
        window = new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas()).withPreferences(preferences);
        window.show(stage);
        stage.setWidth(1440);
        stage.setHeight(900);
    }

    @AfterEach
    void stopSimulating(FxRobot robot) {
        robot.interact(() -> window.simulate().stop());
    }

    @Test
    void theExampleDeploymentStallsOnItsHostPortAndTheFixCompletes(FxRobot robot) throws Exception {
        robot.interact(window::fitToView);
        robot.clickOn("#menu-simulate").clickOn("#menu-sim-example-stall");
        assertThat(robot.lookup("#sim-bar").query().isVisible()).isTrue();
        assertThat(text(robot, "#sim-title")).contains("stalls");

        // Played at 60x: the deployment starts at 1m, and web:2 finds host port 80 taken on both instances.
        await(() -> feed(robot).stream().anyMatch(e -> e.message().startsWith(
                "service web was unable to place a task because no container instance met all of its requirements")));
        await(() -> seconds(text(robot, "#sim-time")) >= 180);
        assertThat(text(robot, "#sim-status")).contains("web 2/2 running, web:2 rollout IN_PROGRESS");
        assertThat(sinceTheUpdate(robot)).noneMatch(e -> e.message().contains("deployment completed"));
        assertThat(webTasks(robot)).extracting(TaskState::revision).containsOnly(1);
        assertThat(canvasTexts(robot)).anyMatch(t -> t.contains("web:2 IN_PROGRESS"));
        write(robot, "docs/screenshots/simulate-stall.png");

        robot.clickOn("#menu-simulate").clickOn("#menu-sim-example-fixed");
        assertThat(text(robot, "#sim-title")).contains("the fix");
        await(() -> sinceTheUpdate(robot).stream().anyMatch(e -> e.message().equals("(service web) has reached a steady state."))
                && sinceTheUpdate(robot).stream().anyMatch(e -> e.message().endsWith("deployment completed.")));
        assertThat(text(robot, "#sim-status")).doesNotContain("web ");
        List<TaskState> running = webTasks(robot).stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).toList();
        assertThat(running).hasSize(2).extracting(TaskState::revision).containsOnly(2);
        assertThat(webTasks(robot)).filteredOn(TaskState::isStopped).extracting(TaskState::stoppedReason)
                .allMatch(r -> r.startsWith("Scaling activity initiated by (deployment ecs-svc/"));
    }

    @Test
    void steppingAndGoingBackOnTheTimelineShowTheSameStateAgain(FxRobot robot) {
        robot.clickOn("#menu-simulate").clickOn("#menu-sim-example-fixed");
        robot.clickOn("#sim-play"); // pause
        assertThat(window.simulate().playing().get()).isFalse();
        goTo(robot, "1m");
        assertThat(text(robot, "#sim-time")).isEqualTo("1m00s");
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#sim-step");
        }
        // Mid-deployment: web:2 is on its way, web has not reached a steady state since.
        String timeA = text(robot, "#sim-time");
        List<TaskState> tasksA = List.copyOf(window.liveArea().model().tasks());
        List<ClusterEvent> feedA = List.copyOf(feed(robot));
        assertThat(sinceTheUpdate(robot)).isNotEmpty().noneMatch(e -> e.message().contains("steady state"));
        for (int i = 0; i < 10; i++) {
            robot.clickOn("#sim-step");
        }
        assertThat(sinceTheUpdate(robot)).anyMatch(e -> e.message().equals("(service web) has reached a steady state."));

        // Drag the timeline's thumb back to its start: the clock is at 0 again, before the deployment.
        Node thumb = robot.lookup("#sim-timeline .thumb").query();
        Bounds track = robot.lookup("#sim-timeline").query().localToScreen(
                robot.lookup("#sim-timeline").query().getBoundsInLocal());
        robot.drag(thumb, MouseButton.PRIMARY).moveTo(new javafx.geometry.Point2D(track.getMinX() - 40,
                track.getCenterY())).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#sim-time")).isEqualTo("0s");
        assertThat(feed(robot)).noneMatch(e -> e.message().startsWith("update service web"));

        goTo(robot, "1m");
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#sim-step");
        }
        assertThat(text(robot, "#sim-time")).isEqualTo(timeA);
        assertThat(window.liveArea().model().tasks()).containsExactlyElementsOf(tasksA);
        assertThat(feed(robot)).containsExactlyElementsOf(feedA);
    }

    private static void goTo(FxRobot robot, String time) {
        robot.clickOn("#sim-goto").write(time).type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The web tasks the live model holds (the tasks table shows them; stopped ones when asked to). */
    private List<TaskState> webTasks(FxRobot robot) {
        List<TaskState> all = new java.util.ArrayList<>();
        robot.interact(() -> all.addAll(window.liveArea().model().tasks()));
        assertThat(robot.lookup("#tasks-table").queryAs(TableView.class).getItems()).isNotEmpty();
        return all.stream().filter(t -> "web".equals(t.serviceName())).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<ClusterEvent> feed(FxRobot robot) {
        ListView<ClusterEvent> list = robot.lookup("#events-feed").queryAs(ListView.class);
        return List.copyOf(list.getItems());
    }

    /** The feed from the scenario's update of web to web:2 on. */
    private static List<ClusterEvent> sinceTheUpdate(FxRobot robot) {
        List<ClusterEvent> all = feed(robot);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).message().startsWith("update service web to web:2")) {
                return all.subList(i, all.size());
            }
        }
        return List.of();
    }

    private static List<String> canvasTexts(FxRobot robot) {
        return robot.lookup("#canvas .label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> t != null).toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** {@code 1m05s} as seconds. */
    private static long seconds(String shown) {
        return io.stowage.model.sim.SimDurations.parse(shown).toSeconds();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private void write(FxRobot robot, String docsPath) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        assertThat(DocsPictures.write(image.get(), docsPath)).exists();
    }
}
