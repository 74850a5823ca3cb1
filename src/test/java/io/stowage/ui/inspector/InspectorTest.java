package io.stowage.ui.inspector;

import io.stowage.edit.DesignEdits;
import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.rules.design.DesignValidator;
import io.stowage.ui.common.Selection;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The inspector, acted on as a user would, headless (Monocle), over the example design. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class InspectorTest {
    private static final ElementId NGINX = ElementId.container("web", "nginx");
    private static final String MEMORY = "#field-containerDefinitions-1--memory";

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private Design original;
    private EditHistory history;
    private Selection selection;
    private Scene scene;

    @Start
    void start(Stage stage) {
        original = ExampleDesigns.firstStart().design();
        history = new EditHistory(original, EditHistory.UNLIMITED, clock::get);
        selection = new Selection();
        Inspector inspector = new Inspector(history, selection);
        scene = new Scene((javafx.scene.Parent) inspector.node(), 460, 760);
        scene.getStylesheets().add(Inspector.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private ContainerDefinition nginx() {
        return history.current().taskDefinition("web").orElseThrow().containerDefinitions().get(1);
    }

    private void select(FxRobot robot, ElementId id) {
        robot.interact(() -> selection.select(id));
        io.stowage.testsupport.FxSettle.settle(robot);
    }

    private void typeInto(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.clear();
        });
        robot.write(text).type(KeyCode.ENTER);
    }

    @Test
    void selectingAContainerShowsItsFields(FxRobot robot) {
        select(robot, NGINX);
        assertThat(robot.lookup("#inspector-title").queryAs(Label.class).getText()).isEqualTo("Container nginx");
        assertThat(robot.lookup("#field-containerDefinitions-1--name").queryAs(TextField.class).getText()).isEqualTo("nginx");
        assertThat(robot.lookup("#field-containerDefinitions-1--image").queryAs(TextField.class).getText())
                .isEqualTo("public.ecr.aws/nginx/nginx:1.27");
        assertThat(robot.lookup(MEMORY).queryAs(TextField.class).getText()).isEqualTo("256");
        assertThat(robot.lookup("#field-containerDefinitions-1--portMappings-0--containerPort")
                .queryAs(TextField.class).getText()).isEqualTo("80");
        assertThat(robot.lookup("#field-containerDefinitions-1--healthCheck-interval").queryAs(TextField.class)
                .getText()).isEqualTo("10");
        assertThat(io.stowage.ui.common.HoverTips.of(robot.lookup(MEMORY).query())).contains("memory");
    }

    @Test
    void typingAMemoryAndEnterIsOneUndoableEdit(FxRobot robot) {
        select(robot, NGINX);
        typeInto(robot, MEMORY, "512");
        assertThat(nginx().memory()).isEqualTo(512);
        assertThat(nginx().json().get("memory")).isEqualTo(JsonNumber.of(512));
        assertThat(history.undoEdits()).hasSize(1);
        assertThat(history.undoDescription()).contains("Change memory");
        robot.interact(history::undo);
        assertThat(history.current()).isEqualTo(original);
        assertThat(robot.lookup(MEMORY).queryAs(TextField.class).getText()).isEqualTo("256");
    }

    @Test
    void typingTwiceWithinTheMergeWindowIsOneUndoStep(FxRobot robot) {
        select(robot, NGINX);
        typeInto(robot, MEMORY, "300");
        clock.addAndGet(400);
        typeInto(robot, MEMORY, "400");
        assertThat(nginx().memory()).isEqualTo(400);
        assertThat(history.undoEdits()).hasSize(1);
        robot.interact(history::undo);
        assertThat(history.current()).isEqualTo(original);
        // Another field does not merge with it.
        clock.addAndGet(100);
        typeInto(robot, MEMORY, "300");
        clock.addAndGet(100);
        typeInto(robot, "#field-containerDefinitions-1--cpu", "128");
        assertThat(history.undoEdits()).hasSize(2);
    }

    @Test
    void anInvalidIntegerMakesNoEditAndSaysWhy(FxRobot robot) {
        select(robot, NGINX);
        typeInto(robot, MEMORY, "12x");
        assertThat(history.undoEdits()).isEmpty();
        assertThat(history.current()).isEqualTo(original);
        Label message = robot.lookup(MEMORY + "-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("not a whole number");
        assertThat(robot.lookup(MEMORY).query().getStyleClass()).contains("has-error");
        // Escape puts back the value.
        robot.type(KeyCode.ESCAPE);
        assertThat(robot.lookup(MEMORY).queryAs(TextField.class).getText()).isEqualTo("256");
        assertThat(message.isVisible()).isFalse();
    }

    @Test
    void anEmptyTextFieldRemovesTheMember(FxRobot robot) {
        select(robot, NGINX);
        typeInto(robot, "#field-containerDefinitions-1--cpu", "");
        assertThat(nginx().json().has("cpu")).isFalse();
        assertThat(history.undoDescription()).contains("Change cpu");
    }

    @Test
    void aPortMappingRowCanBeAddedAndRemoved(FxRobot robot) {
        select(robot, NGINX);
        robot.clickOn("#field-containerDefinitions-1--portMappings-add");
        typeInto(robot, "#field-containerDefinitions-1--portMappings-1--containerPort", "443");
        assertThat(nginx().portMappings()).hasSize(2);
        assertThat(nginx().portMappings().get(1).containerPort()).isEqualTo(443);
        robot.clickOn("#field-containerDefinitions-1--portMappings-0-remove");
        assertThat(nginx().portMappings()).hasSize(1);
        assertThat(nginx().portMappings().get(0).containerPort()).isEqualTo(443);
        assertThat(history.undoEdits()).hasSize(2);
    }

    @Test
    void invalidJsonShowsWhereAndChangesNothing(FxRobot robot) {
        select(robot, NGINX);
        selectJsonTab(robot);
        TextArea editor = robot.lookup("#json-editor").queryAs(TextArea.class);
        robot.interact(() -> editor.setText("{\n  \"family\": \"web\",\n  \"cpu\": ,\n}\n"));
        robot.clickOn("#json-apply");
        Label error = robot.lookup("#json-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).matches("line 3, column \\d+: .+");
        assertThat(editor.getCaretPosition()).isGreaterThan(editor.getText().indexOf("\"cpu\""));
        assertThat(history.undoEdits()).isEmpty();
        assertThat(history.current()).isEqualTo(original);
    }

    @Test
    void aTypeErrorInJsonIsShownAndChangesNothing(FxRobot robot) {
        select(robot, ElementId.taskDefinition("web"));
        selectJsonTab(robot);
        TextArea editor = robot.lookup("#json-editor").queryAs(TextArea.class);
        robot.interact(() -> editor.setText(editor.getText().replace("\"memory\": 256", "\"memory\": \"lots\"")));
        robot.interact(() -> robot.lookup("#json-apply").queryButton().fire());
        assertThat(robot.lookup("#json-error").queryAs(Label.class).getText()).startsWith("line ").contains("memory");
        assertThat(history.current()).isEqualTo(original);
    }

    @Test
    void aValidJsonEditAppliesAsOneEditAndKeepsUnknownMembers(FxRobot robot) {
        select(robot, NGINX);
        selectJsonTab(robot);
        TextArea editor = robot.lookup("#json-editor").queryAs(TextArea.class);
        String edited = editor.getText().replaceFirst("\\{", "{\n  \"x-stowage-note\": {\"owner\": \"team-a\"},")
                .replace("\"memory\": 256", "\"memory\": 384");
        robot.interact(() -> editor.setText(edited));
        robot.interact(editor::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        assertThat(robot.lookup("#json-error").queryAs(Label.class).isVisible()).isFalse();
        assertThat(history.undoEdits()).hasSize(1);
        JsonObject td = history.current().taskDefinition("web").orElseThrow().json();
        assertThat(td.get("x-stowage-note")).isEqualTo(JsonObject.builder().put("owner", "team-a").build());
        assertThat(nginx().memory()).isEqualTo(384);
        // The form follows.
        assertThat(robot.lookup(MEMORY).queryAs(TextField.class).getText()).isEqualTo("384");
        robot.interact(history::undo);
        assertThat(history.current()).isEqualTo(original);
        assertThat(editor.getText()).doesNotContain("x-stowage-note");
    }

    @Test
    void aFindingShowsOnItsField(FxRobot robot) {
        select(robot, NGINX);
        robot.interact(() -> history.push(DesignEdits.setContainerField(history.current(), "web", "nginx", "memory",
                c -> c.withMemory(2))));
        var finding = DesignValidator.validate(history.current()).stream()
                .filter(f -> f.path().equals("taskDefinitions[0].containerDefinitions[1].memory")).findFirst();
        assertThat(finding).isPresent();
        Node field = robot.lookup(MEMORY).query();
        assertThat(field.getStyleClass()).containsAnyOf("has-error", "has-warning");
        assertThat(robot.lookup(MEMORY + "-message").queryAs(Label.class).getText())
                .contains(finding.get().message());
        robot.interact(history::undo);
        assertThat(field.getStyleClass()).doesNotContain("has-error", "has-warning");
    }

    @Test
    void aFocusedPathScrollsToAndFocusesItsField(FxRobot robot) {
        select(robot, NGINX);
        robot.interact(() -> selection.focusedPathProperty().set("taskDefinitions[0].containerDefinitions[1].stopTimeout"));
        assertThat(robot.lookup("#field-containerDefinitions-1--stopTimeout").query().isFocused()).isTrue();
        robot.interact(() -> selection.focusedPathProperty().set("containerDefinitions[1].healthCheck.retries"));
        assertThat(robot.lookup("#field-containerDefinitions-1--healthCheck-retries").query().isFocused()).isTrue();
    }

    @Test
    void aServiceFormEditsTheCreateServiceInput(FxRobot robot) {
        select(robot, ElementId.service("demo", "web"));
        typeInto(robot, "#field-service-desiredCount", "3");
        assertThat(history.current().cluster("demo").orElseThrow().service("web").orElseThrow().desiredCount())
                .isEqualTo(3);
        assertThat(history.undoDescription()).contains("Change desiredCount");
    }

    @Test
    void renamingAFamilyInTheTaskDefinitionFormRepointsServices(FxRobot robot) {
        select(robot, ElementId.taskDefinition("web"));
        typeInto(robot, "#field-family", "frontend");
        Design design = history.current();
        assertThat(design.taskDefinitions()).containsKey("frontend").doesNotContainKey("web");
        assertThat(design.cluster("demo").orElseThrow().service("web").orElseThrow().taskDefinitionFamily())
                .isEqualTo("frontend");
        assertThat(selection.primary()).isEqualTo(ElementId.taskDefinition("frontend"));
        assertThat(history.undoEdits()).hasSize(1);
    }

    @Test
    void snapshotOfASelectedContainer(FxRobot robot) throws Exception {
        select(robot, NGINX);
        robot.interact(() -> history.push(DesignEdits.setContainerField(history.current(), "web", "nginx", "memory",
                c -> c.withMemory(2))));
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        new File("target/snapshots").mkdirs();
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", new File("target/snapshots/inspector.png"));
        select(robot, ElementId.taskDefinition("web"));
        selectJsonTab(robot);
        robot.interact(() -> image[0] = scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image[0], null), "png", new File("target/snapshots/inspector-json.png"));
        assertThat(new File("target/snapshots/inspector.png")).exists();
    }

    private void selectJsonTab(FxRobot robot) {
        TabPane tabs = robot.lookup("#inspector-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        io.stowage.testsupport.FxSettle.settle(robot);
    }

    @Test
    void anUndoThatRebuildsTheFormIsNotUndoneByTheFocusedFieldItTookAway(FxRobot robot) {
        // nginx first, with 300 MiB: its fields move to containerDefinitions[0].
        robot.interact(() -> history.apply("Reorder", d -> {
            var td = d.taskDefinition("web").orElseThrow();
            var containers = new java.util.ArrayList<>(td.containerDefinitions());
            ContainerDefinition moved = containers.remove(1).withMemory(300);
            containers.add(0, moved);
            return d.withTaskDefinition(td.withContainerDefinitions(containers));
        }));
        clock.addAndGet(10_000);
        select(robot, NGINX);
        TextField memory = robot.lookup("#field-containerDefinitions-0--memory").queryAs(TextField.class);
        assertThat(memory.getText()).isEqualTo("300");
        robot.interact(memory::requestFocus);
        io.stowage.testsupport.FxSettle.settle(robot);

        // The undo puts nginx back second: the form is rebuilt, and the focused field (nothing typed) goes away.
        robot.interact(history::undo);
        io.stowage.testsupport.FxSettle.settle(robot);

        assertThat(history.current()).isEqualTo(original);
        assertThat(history.undoEdits()).isEmpty();
        assertThat(robot.lookup(MEMORY).queryAs(TextField.class).getText()).isEqualTo("256");
    }
}
