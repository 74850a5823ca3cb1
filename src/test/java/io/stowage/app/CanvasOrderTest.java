package io.stowage.app;

import io.stowage.format.JsonFileReader;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonDiff;
import io.stowage.testsupport.FxSettle;
import io.stowage.testsupport.MonocleDnd;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.ui.shell.RecentFiles;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canvas keeps order when a user copies, pastes and drops (issue 14, items 2 to 4), in the whole window,
 * with mouse and keyboard only.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class CanvasOrderTest {
    @TempDir
    static Path dir;
    private Path file;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/canvas-order");
        preferences.clear();
        file = dir.resolve("order" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        window = new MainWindow("test", () -> {
            try {
                return DocumentFiles.open(file);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, new RecentFiles(preferences), new DesignWorkAreas());
        window.show(stage);
    }

    private Design design() {
        return window.document().history().current();
    }

    private static Bounds onScreen(FxRobot robot, ElementId id) {
        WaitForAsyncUtils.waitForFxEvents();
        Node node = robot.lookup("#" + CanvasIds.nodeId(id)).query();
        return node.localToScreen(node.getBoundsInLocal());
    }

    private static boolean holds(Bounds outer, Bounds inner) {
        double slack = 0.5;
        return inner.getMinX() >= outer.getMinX() - slack && inner.getMinY() >= outer.getMinY() - slack
                && inner.getMaxX() <= outer.getMaxX() + slack && inner.getMaxY() <= outer.getMaxY() + slack;
    }

    private static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void rubberBandCopyAndPasteOfTwoTaskDefinitionsLeavesTheOriginalsAndTheFileAsTheyWere(FxRobot robot)
            throws Exception {
        Json original = JsonFileReader.read(file).root();
        TaskDefinition web = design().taskDefinition("web").orElseThrow();
        TaskDefinition api = design().taskDefinition("api").orElseThrow();
        Bounds webCard = onScreen(robot, ElementId.taskDefinition("web"));
        Bounds apiCard = onScreen(robot, ElementId.taskDefinition("api"));

        // From the empty canvas right of the cards, over web and api with their containers.
        robot.drag(new Point2D(webCard.getMaxX() + 10, webCard.getMinY() - 10), MouseButton.PRIMARY)
                .moveTo(new Point2D(apiCard.getMinX() - 10, apiCard.getMaxY() + 10)).drop();
        for (ElementId id : List.of(ElementId.taskDefinition("web"), ElementId.container("web", "nginx"),
                ElementId.taskDefinition("api"), ElementId.container("api", "api"))) {
            assertThat(robot.lookup("#" + CanvasIds.nodeId(id)).query().getPseudoClassStates())
                    .as(id + " selected").contains(CanvasIds.SELECTED);
        }
        shortcut(robot, KeyCode.C);
        shortcut(robot, KeyCode.V);

        assertThat(design().taskDefinition("web")).contains(web);
        assertThat(design().taskDefinition("api")).contains(api);
        assertThat(design().taskDefinition("web-2").orElseThrow().containerDefinitions())
                .isEqualTo(web.containerDefinitions());
        assertThat(design().taskDefinition("api-2").orElseThrow().containerDefinitions())
                .isEqualTo(api.containerDefinitions());
        // The copies' containers are drawn inside the copies' cards.
        Bounds webCopy = onScreen(robot, ElementId.taskDefinition("web-2"));
        for (String container : List.of("init", "nginx")) {
            assertThat(holds(webCopy, onScreen(robot, ElementId.container("web-2", container))))
                    .as(container + " inside web-2").isTrue();
        }
        assertThat(holds(onScreen(robot, ElementId.taskDefinition("api-2")),
                onScreen(robot, ElementId.container("api-2", "api")))).isTrue();
        // Clear of the originals and of every other card.
        for (String copy : List.of("web-2", "api-2")) {
            for (String other : design().taskDefinitions().keySet()) {
                if (!other.equals(copy)) {
                    assertThat(onScreen(robot, ElementId.taskDefinition(copy))
                            .intersects(onScreen(robot, ElementId.taskDefinition(other)))).as(copy + " over " + other)
                            .isFalse();
                }
            }
        }

        shortcut(robot, KeyCode.S);
        List<String> changes = JsonDiff.of(original, JsonFileReader.read(file).root()).stream()
                .map(c -> c.kind() + " " + c.label()).toList();
        assertThat(changes).contains("ADDED taskDefinitions[web-2]", "ADDED taskDefinitions[api-2]")
                .noneMatch(c -> c.contains("taskDefinitions[web]") || c.contains("taskDefinitions[api]"));
    }

    @Test
    void aDroppedTaskDefinitionHoldsItsContainer(FxRobot robot) {
        Bounds cluster = onScreen(robot, ElementId.cluster("demo"));
        MonocleDnd.forgetStaleDragView();
        robot.drag("#palette-task-definition").dropTo(new Point2D(cluster.getMinX() + 20, cluster.getMaxY() + 20));

        ElementId card = ElementId.taskDefinition("taskdef-1");
        assertThat(design().taskDefinition("taskdef-1")).isPresent();
        assertThat(holds(onScreen(robot, card), onScreen(robot, ElementId.container("taskdef-1", "app")))).isTrue();
    }

    @Test
    void aDroppedServiceRunsATaskDefinitionTheDesignHas(FxRobot robot) {
        var families = design().taskDefinitions().keySet();
        MonocleDnd.forgetStaleDragView();
        robot.drag("#palette-service").dropTo("#" + CanvasIds.nodeId(ElementId.cluster("demo")));
        FxSettle.settle(robot);

        assertThat(design().taskDefinitions().keySet()).isEqualTo(families);
        var service = design().cluster("demo").orElseThrow().service("service-1").orElseThrow();
        assertThat(families).contains(service.taskDefinitionFamily());
        assertThat(robot.lookup("#" + CanvasIds.nodeId(ElementId.service("demo", "service-1"))).tryQuery()).isPresent();
    }

    @Test
    void aDuplicatedServiceLandsClearOfTheOthersInsideItsCluster(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(ElementId.service("demo", "web")));
        shortcut(robot, KeyCode.D);

        ElementId copy = ElementId.service("demo", "web-2");
        Bounds duplicate = onScreen(robot, copy);
        assertThat(holds(onScreen(robot, ElementId.cluster("demo")), duplicate)).isTrue();
        for (ElementId other : design().elementIds()) {
            if (other.isInside(ElementId.cluster("demo")) && !other.equals(copy) && other.parent().equals(copy.parent())) {
                assertThat(duplicate.intersects(onScreen(robot, other))).as("over " + other).isFalse();
            }
        }
    }
}
