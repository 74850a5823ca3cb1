package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.testsupport.MonocleDnd;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.format.JsonFileReader;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonDiff;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import io.stowage.model.json.JsonNumber;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.IntStream;
import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole application, acted on as a user would (headless Monocle): palette, canvas, inspector, files. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DesignByHandTest {
    @TempDir
    static Path dir;
    private Path file;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/design-by-hand");
        preferences.clear();
        file = dir.resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        window = new MainWindow("test", () -> open(file), new RecentFiles(preferences), new DesignWorkAreas());
        window.show(stage);
    }

    private static io.stowage.format.document.OpenDocument open(Path path) {
        try {
            return DocumentFiles.open(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void dragAContainerIntoATaskDefinitionFillItInUndoRedoSaveAndReopen(FxRobot robot) throws Exception {
        Json original = JsonFileReader.read(file).root();
        MonocleDnd.forgetStaleDragView();
        robot.drag("#palette-container").dropTo("#" + CanvasIds.nodeId(ElementId.taskDefinition("api")));

        ElementId added = ElementId.container("api", "container");
        assertThat(robot.lookup("#" + CanvasIds.nodeId(added)).tryQuery()).isPresent();
        assertThat(robot.lookup("#inspector-title").queryAs(Label.class).getText()).isEqualTo("Container container");
        // A plain container has no image yet: the problems panel and the image field say so.
        assertThat(errors(robot)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("taskDefinitions[1].containerDefinitions[1].image");
            assertThat(f.message()).contains("has no image");
        });
        assertThat(robot.lookup(IMAGE + "-message").queryAs(Label.class).getText()).contains("has no image");
        assertThat(title(robot)).startsWith("• ");

        typeInto(robot, IMAGE, "public.ecr.aws/docker/library/redis:7");
        assertThat(errors(robot)).isEmpty();
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText()).startsWith("0 errors");
        robot.clickOn(PORTS + "-add");
        typeInto(robot, PORTS + "-0--containerPort", "6379");
        assertThat(container().portMappings()).singleElement().satisfies(p -> assertThat(p.containerPort()).isEqualTo(6379));

        // Undo the port, then the image: the problem comes back. Redo both: it goes again.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(container().portMappings()).isEmpty();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(container().image()).isNull();
        assertThat(errors(robot)).hasSize(1);
        assertThat(robot.lookup(IMAGE).queryAs(TextField.class).getText()).isEmpty();
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertThat(container().image()).isEqualTo("public.ecr.aws/docker/library/redis:7");
        assertThat(errors(robot)).isEmpty();
        robot.press(KeyCode.CONTROL).press(KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT).release(KeyCode.CONTROL);
        assertThat(container().portMappings()).hasSize(1);

        Design edited = window.document().history().current();
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        assertThat(title(robot)).doesNotStartWith("• ");

        // The saved file is the original plus the container and where it is drawn, and (the sample predates design
        // identities) the id a design gets on its first save, so that its local run is found after a move: nothing else.
        List<String> changes = JsonDiff.of(original, JsonFileReader.read(file).root()).stream()
                .map(c -> c.kind() + " " + c.label()).toList();
        assertThat(changes).containsExactly(
                "ADDED id",
                "ADDED taskDefinitions[api].containerDefinitions[container]",
                "CHANGED layout[\"taskdef:api\"].height",
                "ADDED layout[\"taskdef:api/container:container\"]");

        robot.interact(() -> window.open(file));
        assertThat(window.document().history().current()).isEqualTo(edited);
        assertThat(window.document().history().canUndo()).isFalse();
        assertThat(robot.lookup("#" + CanvasIds.nodeId(added)).tryQuery()).isPresent();
        assertThat(title(robot)).isEqualTo("demo.stowage.json — Stowage");
    }

    @Test
    void changeOneFieldOfARealTaskDefinitionFileAndOnlyThatFieldChanges(FxRobot robot) throws Exception {
        Path corpus = Path.of(System.getProperty("stowage.corpus", "../shared/corpus"), "taskdefs",
                "013_aws_amazon-ecs-agent_container-ordering-healthy__task-definition.json");
        Assumptions.assumeTrue(Files.isRegularFile(corpus), "the corpus is at " + corpus);
        Path copy = Files.copy(corpus, dir.resolve("ordering.json"), StandardCopyOption.REPLACE_EXISTING);
        String before = Files.readString(copy);

        robot.interact(() -> window.open(copy));
        assertThat(title(robot)).isEqualTo("ordering.json — Stowage");
        String family = "ecsftest-container-ordering-complete-condition";
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.container(family, "healthy-dependency")));
        typeInto(robot, "#field-containerDefinitions-1--memory", "128");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        assertThat(title(robot)).doesNotStartWith("• ");

        String after = Files.readString(copy);
        assertThat(JsonDiff.of(JsonFileReader.parse(copy, before.getBytes(StandardCharsets.UTF_8)).root(),
                JsonFileReader.read(copy).root())).singleElement().satisfies(change -> {
                    assertThat(change.path().text()).isEqualTo("containerDefinitions[1].memory");
                    assertThat(change.before()).isEqualTo(JsonNumber.of(64));
                    assertThat(change.after()).isEqualTo(JsonNumber.of(128));
                });
        // In the text too: that one line, and the file's own layout everywhere else.
        List<String> oldLines = before.lines().toList();
        List<String> newLines = after.lines().toList();
        assertThat(newLines).hasSameSizeAs(oldLines);
        List<Integer> changed = IntStream.range(0, oldLines.size())
                .filter(i -> !oldLines.get(i).equals(newLines.get(i))).boxed().toList();
        assertThat(changed).singleElement().satisfies(i -> assertThat(newLines.get(i)).isEqualTo("      \"memory\": 128,"));
    }

    @Test
    void aRefusedDropSaysWhyBesideThePointerAndChangesNothing(FxRobot robot) {
        Design before = window.document().history().current();
        MonocleDnd.forgetStaleDragView();
        robot.drag("#palette-ec2-instance").moveTo("#" + CanvasIds.nodeId(ElementId.taskDefinition("api")));
        Label hint = robot.lookup("#drop-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).isEqualTo("An EC2 container instance goes into a cluster.");
        assertThat(hint.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("refused"));
        robot.drop();
        assertThat(window.document().history().current()).isSameAs(before);
        assertThat(robot.lookup("#drop-hint").queryAs(Label.class).isVisible()).isFalse();
    }

    private static final String IMAGE = "#field-containerDefinitions-1--image";
    private static final String PORTS = "#field-containerDefinitions-1--portMappings";

    private ContainerDefinition container() {
        return window.document().history().current().taskDefinition("api").orElseThrow()
                .containerDefinitions().stream().filter(c -> "container".equals(c.name())).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Finding> errors(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return ((ListView<Finding>) robot.lookup("#problems-list").queryAs(ListView.class)).getItems().stream()
                .filter(Finding::isError).toList();
    }

    private static String title(FxRobot robot) {
        return ((Stage) robot.window(0)).getTitle();
    }

    private static void typeInto(FxRobot robot, String query, String text) {
        io.stowage.testsupport.FxSettle.settle(robot);
        TextField field = robot.lookup(query).queryAs(TextField.class);
        // As tabbing to it would: the inspector scrolls the focused field into view.
        robot.interact(field::requestFocus);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text).type(KeyCode.ENTER);
    }
}
