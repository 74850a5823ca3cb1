package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.testsupport.FxSettle;
import io.stowage.testsupport.MonocleDnd;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.FileChoices;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.RecentFiles;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small things of issue 14, item 13, as a user meets them with mouse and keyboard in the whole window:
 * Ctrl+Shift+= zooms, Esc closes Compare and Concepts, the status bar names only the files a save changed, an
 * undone add leaves the inspector empty, and saved designs and pictures get the user's umask.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DesktopDetailsByHandTest {
    @TempDir
    Path dir;
    private MainWindow window;
    private final Deque<Path> saveAnswers = new ArrayDeque<>();

    /** The file choosers, answered by the test (a native chooser cannot be driven headless). */
    private final FileChoices answers = new FileChoices() {
        @Override
        public List<Path> openFiles(Window owner, Request request) {
            return List.of();
        }

        @Override
        public Path saveFile(Window owner, Request request) {
            return saveAnswers.pollFirst();
        }

        @Override
        public Path folder(Window owner, Request request) {
            return null;
        }
    };

    @Start
    void start(Stage stage) throws Exception {
        Path file = dir.resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        show(stage, List.of(file));
    }

    private void show(Stage stage, List<Path> files) {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/desktop-details");
        try {
            preferences.clear();
        } catch (java.util.prefs.BackingStoreException e) {
            throw new IllegalStateException(e);
        }
        window = new MainWindow("test", () -> {
            try {
                return DocumentFiles.open(files);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, new RecentFiles(preferences), new DesignWorkAreas()).withFileChoices(answers);
        window.show(stage);
    }

    @AfterEach
    void closeOtherWindows(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(Window::hide));
    }

    private static Bounds onScreen(FxRobot robot, ElementId id) {
        WaitForAsyncUtils.waitForFxEvents();
        Node node = robot.lookup("#" + CanvasIds.nodeId(id)).query();
        return node.localToScreen(node.getBoundsInLocal());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<Stage> shownStages(String title) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && title.equals(s.getTitle())).map(w -> (Stage) w).toList();
    }

    @Test
    void ctrlShiftEqualsZoomsInAsCtrlPlusDoes(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.cluster("demo")));
        double before = onScreen(robot, ElementId.cluster("demo")).getWidth();

        // "Ctrl++" on a US or UK keyboard: the = key with Shift held.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.EQUALS).release(KeyCode.SHIFT, KeyCode.CONTROL);
        double after = onScreen(robot, ElementId.cluster("demo")).getWidth();
        assertThat(after / before).isCloseTo(1.25, org.assertj.core.data.Offset.offset(0.02));

        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertThat(onScreen(robot, ElementId.cluster("demo")).getWidth() / after)
                .isCloseTo(1.25, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void escClosesCompareAndConcepts(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.taskDefinition("web")));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String compare = "Compare task definitions — Stowage";
        assertThat(shownStages(compare)).hasSize(1);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownStages(compare)).isEmpty();

        robot.clickOn("#" + CanvasIds.nodeId(ElementId.taskDefinition("web")));
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        String concepts = "ECS concepts — Stowage";
        assertThat(shownStages(concepts)).hasSize(1);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownStages(concepts)).isEmpty();
        // Ctrl+Shift+D on the canvas compared; it did not duplicate as Ctrl+D does.
        assertThat(window.document().history().current().taskDefinition("web-2")).isEmpty();
    }

    @Test
    void undoingAnAddLeavesTheInspectorEmptyNotShowingAGoneElement(FxRobot robot) {
        MonocleDnd.forgetStaleDragView();
        robot.drag("#palette-container").dropTo("#" + CanvasIds.nodeId(ElementId.taskDefinition("api")));
        ElementId added = ElementId.container("api", "container");
        assertThat(text(robot, "#inspector-title")).isEqualTo("Container container");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        FxSettle.settle(robot);
        assertThat(window.document().history().current().elementIds()).doesNotContain(added);
        assertThat(robot.lookup("#" + CanvasIds.nodeId(added)).tryQuery()).isEmpty();
        assertThat(text(robot, "#inspector-title")).isEqualTo("Inspector");
        assertThat(text(robot, "#inspector-placeholder")).isEqualTo("Select an element to edit it.");

        // Redo brings it back, and a click selects it as before.
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        robot.clickOn("#" + CanvasIds.nodeId(added));
        assertThat(text(robot, "#inspector-title")).isEqualTo("Container container");
    }

    @Test
    void theStatusBarNamesOnlyTheFileASaveChanged(FxRobot robot) throws Exception {
        Path web = dir.resolve("shop-web.json");
        Path blog = dir.resolve("blog.json");
        Files.copy(Path.of("src/test/resources/taskdefs/valid-fargate.json"), web);
        Files.copy(Path.of("src/test/resources/taskdefs/valid-ec2-bridge.json"), blog);
        robot.interact(() -> window.open(List.of(web, blog)));
        FxSettle.settle(robot);
        byte[] webBefore = Files.readAllBytes(web);

        robot.clickOn("#" + CanvasIds.nodeId(ElementId.container("blog", "wordpress")));
        FxSettle.settle(robot);
        TextField memory = robot.lookup("#field-containerDefinitions-0--memory").queryAs(TextField.class);
        robot.interact(memory::requestFocus);
        robot.clickOn(memory);
        robot.interact(memory::selectAll);
        robot.write("768").type(KeyCode.ENTER);
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Files.readString(blog)).contains("768");
        assertThat(Files.readAllBytes(web)).isEqualTo(webBefore);
        assertThat(text(robot, "#status-text")).isEqualTo("Saved blog.json");

        // Saving again with nothing changed writes nothing and says so.
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#status-text")).doesNotContain(".json");
    }

    /** The pending chips the canvas draws, by their text ("pending #3 · memory"). */
    private static List<String> pendingChips(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".task-chip").queryAllAs(Label.class).stream()
                .filter(chip -> chip.getPseudoClassStates().contains(CanvasIds.PENDING) && chip.getScene() != null)
                .map(Label::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<io.stowage.model.rules.Finding> problems(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return List.copyOf(robot.lookup("#problems-list").queryAs(javafx.scene.control.ListView.class).getItems());
    }

    @Test
    void tasksTheCanvasShowsPendingAreAWarningInProblemsAndGoWithIt(FxRobot robot) {
        // The example's report task does not fit on purpose: pending on the canvas, and a warning in Problems.
        List<String> before = pendingChips(robot);
        assertThat(before).containsExactly("pending #1 · memory");
        assertThat(problems(robot)).singleElement().satisfies(f -> {
            assertThat(f.isError()).isFalse();
            assertThat(f.path()).isEqualTo("clusters[0].services[3]");
            assertThat(f.message()).startsWith("Its task cannot be placed and would stay PENDING: service report");
        });
        assertThat(text(robot, "#status-counts")).isEqualTo("0 errors, 1 warning");

        // More web tasks than the instances hold: the canvas shows some pending, and Problems says why.
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.service("demo", "web")));
        FxSettle.settle(robot);
        TextField desired = robot.lookup("#field-service-desiredCount").queryAs(TextField.class);
        robot.interact(desired::requestFocus);
        robot.clickOn(desired);
        robot.interact(desired::selectAll);
        robot.write("40").type(KeyCode.ENTER);
        FxSettle.settle(robot);

        long webPending = pendingChips(robot).size() - before.size();
        assertThat(webPending).isPositive();
        assertThat(problems(robot)).hasSize(2).filteredOn(f -> f.path().equals("clusters[0].services[0]"))
                .singleElement().satisfies(f -> {
                    assertThat(f.isError()).isFalse();
                    assertThat(f.message()).startsWith(webPending + " of its 40 tasks cannot be placed")
                            .contains("service web was unable to place a task");
                });
        assertThat(text(robot, "#status-counts")).isEqualTo("0 errors, 2 warnings");
        // The inspector of the service shows it above its form.
        assertThat(robot.lookup("#inspector-content .label").queryAllAs(Label.class).stream().map(Label::getText))
                .anyMatch(t -> t != null && t.contains("tasks cannot be placed"));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(pendingChips(robot)).isEqualTo(before);
        assertThat(problems(robot)).hasSize(1);
        assertThat(text(robot, "#status-counts")).isEqualTo("0 errors, 1 warning");
    }

    @Test
    void aSavedDesignAndAnExportedPictureGetTheUmasksPermissions(FxRobot robot) throws Exception {
        String expected = rwx(0666 & ~umask());
        Path saved = dir.resolve("saved-as" + DesignFormat.EXTENSION);
        Path png = dir.resolve("picture.png");
        Path svg = dir.resolve("picture.svg");
        saveAnswers.add(saved);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#status-text")).isEqualTo("Saved " + saved.getFileName());

        saveAnswers.add(png);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.E).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text(robot, "#status-text").startsWith("Exported"));
        saveAnswers.add(svg);
        robot.clickOn("#menu-file").clickOn("#menu-export");
        // The submenu opens a moment after the pointer rests on its item.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#menu-export-svg").tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow().isShowing()).isPresent());
        // Across into the submenu first, not over Export's own submenu below.
        robot.clickOn("#menu-export-svg", org.testfx.robot.Motion.HORIZONTAL_FIRST);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> text(robot, "#status-text").equals("Exported the picture to " + svg));

        for (Path file : List.of(saved, png, svg)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.getFileName() + " with umask %o", umask()).isEqualTo(expected);
        }
    }

    /** This process's umask, as Linux reports it. */
    private static int umask() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Umask:")) {
                return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
            }
        }
        throw new IllegalStateException("no Umask line in /proc/self/status");
    }

    private static String rwx(int mode) {
        StringBuilder out = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }
}
