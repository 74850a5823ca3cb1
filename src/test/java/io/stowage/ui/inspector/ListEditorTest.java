package io.stowage.ui.inspector;

import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.ui.common.Selection;
import io.stowage.testsupport.FxSettle;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list editors of the forms (Command, Entry point, Environment), typed into as a user does: Add, type, click
 * Add again or Tab away. Nothing typed is lost (issue 14, item 1: every row went blank and the JSON had no
 * command, because Add laid the rows out again from what had been committed before the typing).
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ListEditorTest {
    private static final ElementId NGINX = ElementId.container("web", "nginx");
    private static final String COMMAND = "#field-containerDefinitions-1--command";
    private static final String ENVIRONMENT = "#field-containerDefinitions-1--environment";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private EditHistory history;
    private Selection selection;

    @Start
    void start(Stage stage) {
        history = new EditHistory(ExampleDesigns.firstStart().design(), EditHistory.UNLIMITED, clock::get);
        selection = new Selection();
        Inspector inspector = new Inspector(history, selection);
        Scene scene = new Scene((javafx.scene.Parent) inspector.node(), 460, 760);
        scene.getStylesheets().add(Inspector.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private JsonObject nginx() {
        return history.current().taskDefinition("web").orElseThrow().containerDefinitions().get(1).json();
    }

    private void openSection(FxRobot robot, String id) {
        robot.interact(() -> selection.select(NGINX));
        FxSettle.settle(robot);
        TitledPane pane = robot.lookup(id).queryAs(TitledPane.class);
        robot.interact(() -> pane.setExpanded(true));
        FxSettle.settle(robot);
    }

    private String cellText(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class).getText();
    }

    /** Brings a node into view (the form scrolls) and clicks it, as a user scrolls and clicks. */
    private void click(FxRobot robot, String query) {
        var node = robot.lookup(query).query();
        robot.interact(() -> {
            for (var p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane scroll) {
                    var bounds = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double room = scroll.getContent().getBoundsInLocal().getHeight()
                            - scroll.getViewportBounds().getHeight();
                    if (room > 0) {
                        scroll.setVvalue(Math.max(0, Math.min(1, (bounds.getMinY() - 40) / room)));
                    }
                }
            }
        });
        FxSettle.settle(robot);
        robot.clickOn(query);
    }

    @Test
    void typingIntoNewRowsAndClickingAddKeepsEveryRowAndCommits(FxRobot robot) {
        openSection(robot, "#section-advanced");
        click(robot, COMMAND + "-add");
        robot.write("sh");
        click(robot, COMMAND + "-add");
        robot.write("-c");
        click(robot, COMMAND + "-add");
        FxSettle.settle(robot);

        assertThat(cellText(robot, COMMAND + "-0-")).isEqualTo("sh");
        assertThat(cellText(robot, COMMAND + "-1-")).isEqualTo("-c");
        assertThat(cellText(robot, COMMAND + "-2-")).isEmpty();
        assertThat(nginx().get("command")).isEqualTo(JsonArray.of(List.of(new JsonString("sh"), new JsonString("-c"))));
        assertThat(history.undoDescription()).contains("Change command");
    }

    @Test
    void tabbingAwayCommitsTheRow(FxRobot robot) {
        openSection(robot, "#section-advanced");
        click(robot, "#field-containerDefinitions-1--entryPoint-add");
        robot.write("/bin/sh").type(KeyCode.TAB);
        FxSettle.settle(robot);
        assertThat(nginx().get("entryPoint")).isEqualTo(JsonArray.of(List.of(new JsonString("/bin/sh"))));
        assertThat(cellText(robot, "#field-containerDefinitions-1--entryPoint-0-")).isEqualTo("/bin/sh");
    }

    @Test
    void environmentRowsTypedOneAfterAnotherAreAllKept(FxRobot robot) {
        openSection(robot, "#section-environment-and-secrets");
        int before = nginx().get("environment") instanceof JsonArray a ? a.items().size() : 0;
        click(robot, ENVIRONMENT + "-add");
        robot.write("MODE").type(KeyCode.TAB).write("dev");
        click(robot, ENVIRONMENT + "-add");
        robot.write("LEVEL").type(KeyCode.TAB).write("3");
        click(robot, ENVIRONMENT + "-add");
        FxSettle.settle(robot);

        assertThat(cellText(robot, ENVIRONMENT + "-" + before + "--name")).isEqualTo("MODE");
        assertThat(cellText(robot, ENVIRONMENT + "-" + before + "--value")).isEqualTo("dev");
        assertThat(cellText(robot, ENVIRONMENT + "-" + (before + 1) + "--name")).isEqualTo("LEVEL");
        JsonArray environment = (JsonArray) nginx().get("environment");
        assertThat(environment.items()).hasSize(before + 2);
        assertThat(environment.items().get(before + 1)).isEqualTo(JsonObject.builder()
                .put("name", new JsonString("LEVEL")).put("value", new JsonString("3")).build());
    }
}
