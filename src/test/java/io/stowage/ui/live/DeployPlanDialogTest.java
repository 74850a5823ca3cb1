package io.stowage.ui.live;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.deploy.ChangeKind;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.sim.RolloutForecast;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The desktop's plan shows the rollout warning a deploy prints, below the changes, and still offers Apply. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DeployPlanDialogTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void aRolloutThatWouldStallIsShownAsAWarning(FxRobot robot) throws Exception {
        // The example's rolling-stall scenario: web's next revision with minimumHealthyPercent 100.
        Design example = ExampleDesigns.firstStart().design();
        var demo = example.cluster("demo").orElseThrow();
        Service web = demo.service("web").orElseThrow();
        Design stalling = example.withCluster(demo.withService(web.withSpec(web.spec().withDeploymentConfiguration(
                web.spec().deploymentConfiguration().withMinimumHealthyPercent(100).withMaximumPercent(200)))));
        String warning = RolloutForecast.of(stalling, Map.of("web", stalling.taskDefinition("web").orElseThrow()),
                Map.of(), 0).get(0).warning();
        PlannedChange update = new PlannedChange(ChangeKind.UPDATE_SERVICE, PlannedChange.Action.UPDATE, "demo",
                "service demo/web", "update service demo/web: taskDefinition", List.of(), null, null);
        DeployPlan plan = new DeployPlan(List.of(update), List.of(), List.of(warning));

        Dialog<ButtonType> dialog = WaitForAsyncUtils.asyncFx(() -> {
            Dialog<ButtonType> d = DeployPlanDialog.create(stage, plan, "us-east-1");
            d.show();
            return d;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        Label notes = robot.lookup("#deploy-plan-notes").queryAs(Label.class);
        assertThat(notes.getText()).isEqualTo("warning: service web: the rolling update would stall: service web was"
                + " unable to place a task because no container instance met all of its requirements. The closest"
                + " matching container-instance i-0a1b2c3d is already using a port required by your task.");
        assertThat(robot.lookup("#deploy-apply").query().isDisabled()).isFalse();
        WaitForAsyncUtils.asyncFx(dialog::close).get(10, TimeUnit.SECONDS);
    }
}
