package io.stowage.app;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.model.json.JsonDiff;
import io.stowage.ui.compare.CompareWindow;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** Tools › Compare Task Definitions, as a user would: two of the design's, then one against a file on disk. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class CompareByHandTest {
    @TempDir
    Path dir;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/compare-by-hand");
        preferences.clear();
        window = new MainWindow("test", () -> OpenDocument.untitled(ExampleDesigns.firstStart().design()),
                new RecentFiles(preferences), new DesignWorkAreas());
        window.show(stage);
    }

    @Test
    void twoTaskDefinitionsSideBySideThenOneAgainstAnotherRevisionOnDisk(FxRobot robot) throws Exception {
        robot.clickOn("#" + io.stowage.ui.canvas.CanvasIds.nodeId(ElementId.taskDefinition("web")));
        robot.clickOn("#menu-tools").clickOn("#menu-compare");
        AtomicReference<CompareWindow> compare = new AtomicReference<>();
        io.stowage.testsupport.FxSettle.settle(robot);
        @SuppressWarnings("unchecked")
        ComboBox<CompareWindow.Side> left = robot.lookup("#compare-left").queryAs(ComboBox.class);
        assertThat(left.getValue().label()).isEqualTo("web (this design)");
        @SuppressWarnings("unchecked")
        TableView<JsonDiff.Change> table = robot.lookup("#compare-table").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(JsonDiff.Change::label).contains("family");

        // The api task definition as another revision would be described: one value changed, ECS's extras added.
        String described = "{\"taskDefinition\": {\"taskDefinitionArn\": \"arn:aws:ecs:us-east-1:1:task-definition/api:8\","
                + " \"revision\": 8, \"status\": \"ACTIVE\", \"family\": \"api\", "
                + io.stowage.model.json.JsonText.compact(
                        ExampleDesigns.firstStart().design().taskDefinition("api").orElseThrow().json())
                        .replaceFirst("^\\{\"family\":\"api\",", "")
                        .replace("\"memoryReservation\":256", "\"memoryReservation\":384,\"mountPoints\":[]")
                + "}";
        Path file = Files.writeString(dir.resolve("api-8.json"), described);
        robot.interact(() -> {
            CompareWindow opened = window.compareTaskDefinitions();
            compare.set(opened);
        });
        robot.interact(() -> {
            robot.lookup("#compare-left").match(n -> n.getScene().getWindow() == compare.get().stage())
                    .queryAs(ComboBox.class).getSelectionModel().select(1);
            compare.get().load(false, file);
        });
        assertThat(compare.get().summary()).isEqualTo("api (this design) → api-8.json revision 8: 1 changed");
        assertThat(compare.get().changes()).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("containerDefinitions[api].memoryReservation");
            assertThat(c.path().text()).isEqualTo("containerDefinitions[0].memoryReservation");
        });
        robot.interact(() -> robot.lookup("#compare-empty-as-absent")
                .match(n -> n.getScene().getWindow() == compare.get().stage())
                .queryAs(javafx.scene.control.CheckBox.class).setSelected(false));
        assertThat(compare.get().summary()).endsWith("1 changed, 1 added");
    }
}
