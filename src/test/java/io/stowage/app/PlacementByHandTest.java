package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.model.placement.Step;
import io.stowage.model.placement.TaskRef;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.ui.canvas.CapacityBar;
import io.stowage.ui.canvas.PlacementView;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement on the canvas, as an instructor would show it: the deliberately pending report task explained
 * instance by instance; a bigger instance type, a smaller container or another desired count re-places at once,
 * and undo puts it back.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class PlacementByHandTest {
    private static final TaskRef REPORT_1 = new TaskRef("demo", TaskRef.Kind.SERVICE, "report", 1);
    private static final ElementId LARGE = ElementId.instance("demo", "i-0e5f6a7b");
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/placement-by-hand");
        preferences.clear();
        window = new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas());
        window.show(stage);
    }

    private static String heading(FxRobot robot) {
        io.stowage.testsupport.FxSettle.settle(robot);
        return robot.lookup("#placement-heading").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<PlacementView.Row> rows(FxRobot robot) {
        return List.copyOf(((TableView<PlacementView.Row>) robot.lookup("#placement-table").queryAs(TableView.class)).getItems());
    }

    private static Node chip(FxRobot robot, TaskRef task) {
        return robot.lookup("#" + CanvasIds.chipId(task)).query();
    }

    private static void undo(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.cluster("demo")));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
    }

    @Test
    void thePendingReportTaskIsExplainedAndRePlacedAtOnceWhenTheDesignChanges(FxRobot robot) {
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).contains(CanvasIds.PENDING);
        robot.clickOn(chip(robot, REPORT_1));

        TabPane bottom = robot.lookup("#bottom-tabs").queryAs(TabPane.class);
        assertThat(bottom.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-placement");
        assertThat(heading(robot)).isEqualTo("Task 1 of service report: PENDING, cannot be placed (RESOURCE:MEMORY)");
        assertThat(robot.lookup("#placement-reason").queryAs(Label.class).getText())
                .startsWith("service report was unable to place a task because no container instance met all of its requirements.")
                .contains("insufficient memory");
        assertThat(rows(robot)).extracting(PlacementView.Row::instanceId).containsExactly("i-0a1b2c3d", "i-0e5f6a7b");
        assertThat(rows(robot)).allSatisfy(r -> {
            assertThat(r.step()).isEqualTo(Step.MEMORY);
            assertThat(r.verdict()).isEqualTo("dropped: not enough memory left");
        });
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).contains(CanvasIds.EXPLAINED);

        // A bigger instance: the same task is placed on it at once, and the capacity bar grows.
        robot.clickOn("#" + CanvasIds.nodeId(LARGE));
        io.stowage.testsupport.FxSettle.settle(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> type = robot.lookup("#field-instanceType").queryAs(ComboBox.class);
        robot.interact(() -> type.getSelectionModel().select("r5.xlarge"));
        CapacityBar memory = robot.lookup("#" + CanvasIds.nodeId(LARGE) + "-memory").queryAs(CapacityBar.class);
        assertThat(memory.registered()).isGreaterThan(30_000);
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).doesNotContain(CanvasIds.PENDING);
        assertThat(robot.from(robot.lookup("#" + CanvasIds.nodeId(LARGE)).queryAs(Node.class))
                .lookup("#" + CanvasIds.chipId(REPORT_1)).tryQuery()).isPresent();
        robot.clickOn(chip(robot, REPORT_1));
        assertThat(heading(robot)).isEqualTo("Task 1 of service report: placed on i-0e5f6a7b (us-east-1b)");
        assertThat(rows(robot)).extracting(PlacementView.Row::verdict)
                .containsExactly("dropped: not enough memory left", "placed here");
        undo(robot);
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).contains(CanvasIds.PENDING);

        // A smaller container fits the instances as they are.
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.container("report", "report")));
        io.stowage.testsupport.FxSettle.settle(robot);
        TextField reservation = robot.lookup("#field-containerDefinitions-0--memoryReservation").queryAs(TextField.class);
        robot.interact(reservation::requestFocus);
        robot.clickOn(reservation);
        robot.interact(reservation::selectAll);
        robot.write("2048").type(KeyCode.ENTER);
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).doesNotContain(CanvasIds.PENDING);
        undo(robot);
        assertThat(chip(robot, REPORT_1).getPseudoClassStates()).contains(CanvasIds.PENDING);

        // Two more web tasks than instances: static port 80 keeps them pending, and ECS says which port rule.
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.service("demo", "web")));
        io.stowage.testsupport.FxSettle.settle(robot);
        TextField desired = robot.lookup("#field-service-desiredCount").queryAs(TextField.class);
        robot.clickOn(desired);
        robot.interact(desired::selectAll);
        robot.write("4").type(KeyCode.ENTER);
        TaskRef web3 = new TaskRef("demo", TaskRef.Kind.SERVICE, "web", 3);
        robot.clickOn(chip(robot, web3));
        assertThat(heading(robot)).endsWith("(RESOURCE:PORTS)");
        assertThat(rows(robot)).extracting(PlacementView.Row::step).contains(Step.PORTS);
        undo(robot);
        assertThat(robot.lookup("#" + CanvasIds.chipId(web3)).tryQuery()).isEmpty();
    }
}
