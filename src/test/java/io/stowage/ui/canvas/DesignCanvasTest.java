package io.stowage.ui.canvas;

import io.stowage.edit.Edit;
import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.placement.InstanceUsage;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.ui.common.Selection;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The canvas, driven as a user would, on the first-start example design. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DesignCanvasTest {
    private static final ElementId CLUSTER = ElementId.cluster("demo");
    private static final ElementId INSTANCE_A = ElementId.instance("demo", "i-0a1b2c3d");
    private static final ElementId INSTANCE_B = ElementId.instance("demo", "i-0e5f6a7b");
    private static final ElementId WEB = ElementId.service("demo", "web");

    private EditHistory history;
    private Selection selection;
    private DesignCanvas canvas;

    @Start
    void start(Stage stage) {
        history = new EditHistory(ExampleDesigns.firstStart().design());
        selection = new Selection();
        canvas = new DesignCanvas(history, selection);
        Scene scene = new Scene(new StackPane(canvas), 1200, 800);
        scene.getStylesheets().add(DesignCanvas.class.getResource("/io/stowage/ui/stowage.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void rendersOneNodePerElementUnderItsStableId(FxRobot robot) {
        Design design = history.current();
        assertThat(design.elementIds()).hasSize(18);
        for (ElementId id : design.elementIds()) {
            Node node = robot.lookup("#" + CanvasIds.nodeId(id)).query();
            assertThat(node.getProperties().get(CanvasIds.ELEMENT_ID)).isEqualTo(id);
            assertThat(node.getStyleClass()).contains(styleClassOf(id));
        }
        assertThat(CanvasIds.nodeId(WEB)).isEqualTo("el-cluster_demo_service_web");
        assertThat(robot.lookup(".cluster").queryAll()).hasSize(1);
        assertThat(robot.lookup(".instance").queryAll()).hasSize(2);
        assertThat(robot.lookup(".service").queryAll()).hasSize(4);
        assertThat(robot.lookup(".task-definition").queryAll()).hasSize(4);
        assertThat(robot.lookup(".container").queryAll()).hasSize(5);
        // nginx depends on init (SUCCESS): an arrow labelled with the condition.
        Node dependsOn = robot.lookup("#rel-taskdef_web_container_nginx-depends-on-init").query();
        assertThat(robot.from(dependsOn).lookup(".relation-label").queryAs(Label.class).getText()).isEqualTo("SUCCESS");
        assertThat(robot.lookup(".relation.uses").queryAll()).hasSize(5);
        // The instance shows its type, zone and agent badge.
        Node instance = robot.lookup("#" + CanvasIds.nodeId(INSTANCE_A)).query();
        assertThat(robot.from(instance).lookup(".agent-badge").queryAs(Label.class).getText()).isEqualTo("ECS agent");
        assertThat(robot.from(instance).lookup(".title").queryAs(Label.class).getText()).isEqualTo("t3.medium");
    }

    @Test
    void clickSelectsAndShiftClickToggles(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(WEB));
        assertThat(selection.elements()).containsExactly(WEB);
        assertThat(robot.lookup("#" + CanvasIds.nodeId(WEB)).query().getPseudoClassStates())
                .contains(CanvasIds.SELECTED);
        robot.press(KeyCode.SHIFT).clickOn("#" + CanvasIds.nodeId(INSTANCE_A)).release(KeyCode.SHIFT);
        assertThat(selection.elements()).containsExactly(WEB, INSTANCE_A);
        robot.press(KeyCode.SHIFT).clickOn("#" + CanvasIds.nodeId(WEB)).release(KeyCode.SHIFT);
        assertThat(selection.elements()).containsExactly(INSTANCE_A);
        assertThat(history.canUndo()).as("clicks make no edit").isFalse();
    }

    @Test
    void rubberBandOnEmptyCanvasSelectsWhatItEncloses(FxRobot robot) {
        // From below the cluster (empty canvas) up over both instances, leaving the cluster's left edge out.
        robot.drag(screen(300, 470), MouseButton.PRIMARY).moveTo(screen(790, 70)).drop();
        assertThat(selection.elements()).contains(INSTANCE_A, INSTANCE_B).doesNotContain(CLUSTER);
        assertThat(history.canUndo()).isFalse();
    }

    @Test
    void draggingAnInstanceCommitsOneUndoableMove(FxRobot robot) {
        Bounds before = history.current().layout().boundsOf(INSTANCE_A).orElseThrow();
        robot.clickOn("#" + CanvasIds.nodeId(INSTANCE_A));
        assertThat(history.canUndo()).as("a click without movement").isFalse();
        Point2D from = screen(before.x() + 40, before.y() + 20);
        robot.drag(from, MouseButton.PRIMARY).moveBy(20, 0).moveBy(20, 0).drop();
        assertThat(history.undoEdits()).hasSize(1);
        Edit edit = history.undoEdits().get(0);
        assertThat(edit.description()).isEqualTo("Move 1 element");
        Bounds after = history.current().layout().boundsOf(INSTANCE_A).orElseThrow();
        // 40 pixels on screen are 40 / zoom canvas units (the design opens fitted to the view).
        assertThat(after.x() - before.x()).isCloseTo(40 / canvas.zoom(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(after.y()).isEqualTo(before.y());
        Node node = robot.lookup("#" + CanvasIds.nodeId(INSTANCE_A)).query();
        assertThat(node.getLayoutX()).isEqualTo(after.x());
        assertThat(node.getTranslateX()).isZero();
        robot.interact(history::undo);
        assertThat(history.current().layout().boundsOf(INSTANCE_A)).contains(before);
        assertThat(robot.lookup("#" + CanvasIds.nodeId(INSTANCE_A)).query().getLayoutX()).isEqualTo(before.x());
    }

    @Test
    void draggingTheCornerHandleResizesTheSelectedElementAsOneEdit(FxRobot robot) {
        Bounds before = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        robot.clickOn("#" + CanvasIds.nodeId(INSTANCE_B));
        Node handle = robot.lookup("#resize-handle").query();
        assertThat(handle.isVisible()).isTrue();
        robot.drag(handle, MouseButton.PRIMARY).moveBy(30, 0).moveBy(30, 40).drop();

        assertThat(history.undoEdits()).singleElement().satisfies(e ->
                assertThat(e.description()).isEqualTo("Resize instance i-0e5f6a7b"));
        Bounds after = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        assertThat(after.x()).isEqualTo(before.x());
        assertThat(after.width() - before.width()).isCloseTo(60 / canvas.zoom(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(after.height() - before.height()).isCloseTo(40 / canvas.zoom(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(robot.lookup("#" + CanvasIds.nodeId(INSTANCE_B)).queryAs(javafx.scene.layout.Region.class).getWidth())
                .isEqualTo(after.width());
        robot.interact(history::undo);
        assertThat(history.current().layout().boundsOf(INSTANCE_B)).contains(before);
    }

    @Test
    void anInstanceDraggedTowardsTheClusterEdgeStopsInsideIt(FxRobot robot) {
        Bounds cluster = history.current().layout().boundsOf(CLUSTER).orElseThrow();
        Bounds before = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        robot.drag(screen(before.x() + 40, before.y() + 20), MouseButton.PRIMARY).moveBy(150, 0).moveBy(150, 0).drop();
        Bounds after = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        assertThat(after.x()).isGreaterThan(before.x());
        assertThat(cluster.contains(after)).as(after + " inside " + cluster).isTrue();
        assertThat(after.right()).isEqualTo(cluster.right());
        // And upwards with the keyboard: it stops at the top edge.
        robot.press(KeyCode.SHIFT).type(KeyCode.UP, 20).release(KeyCode.SHIFT);
        assertThat(history.current().layout().boundsOf(INSTANCE_B).orElseThrow().y()).isEqualTo(cluster.y());
    }

    @Test
    void aClusterCannotBeResizedSmallerThanWhatItHolds(FxRobot robot) {
        Bounds cluster = history.current().layout().boundsOf(CLUSTER).orElseThrow();
        robot.clickOn(screen(cluster.x() + 8, cluster.bottom() - 6));
        assertThat(selection.elements()).containsExactly(CLUSTER);
        Node handle = robot.lookup("#resize-handle").query();
        robot.drag(handle, MouseButton.PRIMARY).moveBy(-200, -100).moveBy(-200, -100).drop();
        Bounds after = history.current().layout().boundsOf(CLUSTER).orElseThrow();
        Bounds instanceB = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        assertThat(after.width()).isLessThan(cluster.width() + 0.1);
        for (ElementId child : history.current().elementIds()) {
            if (child.isInside(CLUSTER)) {
                assertThat(after.contains(history.current().layout().boundsOf(child).orElseThrow()))
                        .as(child + " still inside").isTrue();
            }
        }
        assertThat(after.right()).isEqualTo(instanceB.right());
    }

    @Test
    void theResizeHandleFollowsTheElementAfterFitAndZoom(FxRobot robot) {
        robot.clickOn("#" + CanvasIds.nodeId(INSTANCE_B));
        Node handle = robot.lookup("#resize-handle").query();
        for (Runnable change : new Runnable[] {() -> canvas.zoomBy(0.6), canvas::fitToView, canvas::zoomTo100,
                () -> canvas.zoomBy(1.3)}) {
            robot.interact(change);
            WaitForAsyncUtils.waitForFxEvents();
            Bounds b = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
            Point2D corner = canvas.world().localToScene(b.right(), b.bottom());
            var box = handle.localToScene(handle.getBoundsInLocal());
            assertThat(box.getCenterX()).isCloseTo(corner.getX(), org.assertj.core.data.Offset.offset(1.0));
            assertThat(box.getCenterY()).isCloseTo(corner.getY(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void arrowKeysNudgeAsOneMergedEdit(FxRobot robot) {
        Bounds before = history.current().layout().boundsOf(INSTANCE_B).orElseThrow();
        robot.clickOn("#" + CanvasIds.nodeId(INSTANCE_B));
        robot.type(KeyCode.RIGHT, 3);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        assertThat(history.undoEdits()).hasSize(1);
        assertThat(history.current().layout().boundsOf(INSTANCE_B))
                .contains(before.movedTo(before.x() + 3, before.y() + 10));
        robot.interact(history::undo);
        assertThat(history.current().layout().boundsOf(INSTANCE_B)).contains(before);
    }

    @Test
    void capacityBarsShowPlacementReservations(FxRobot robot) {
        Design design = history.current();
        for (ContainerInstance instance : design.cluster("demo").orElseThrow().instances()) {
            InstanceUsage usage = PlacementEngine.place(design, 0).instance("demo", instance.id()).orElseThrow();
            String id = CanvasIds.nodeId(ElementId.instance("demo", instance.id()));
            CapacityBar cpu = robot.lookup("#" + id + "-cpu").queryAs(CapacityBar.class);
            CapacityBar memory = robot.lookup("#" + id + "-memory").queryAs(CapacityBar.class);
            assertThat(cpu.reserved()).isEqualTo(usage.reservedCpu()).isPositive();
            assertThat(cpu.registered()).isEqualTo(instance.registeredCpu());
            assertThat(memory.reserved()).isEqualTo(usage.reservedMemoryMiB());
            assertThat(memory.registered()).isEqualTo(instance.registeredMemoryMiB());
            // The host ports in use: the tasks' static ones (web binds 80) and the agent's five.
            Label ports = robot.lookup("#" + id + "-ports").queryAs(Label.class);
            assertThat(ports.getText()).isEqualTo("ports 80 + 5 agent");
            assertThat(DesignCanvas.tooltipOf(ports)).contains("22, 2375, 2376, 51678, 51679");
            // One chip per task placed there.
            assertThat(robot.from(robot.lookup("#" + id).queryAs(Node.class)).lookup(".task-chip").queryAll())
                    .hasSize(usage.tasks().size());
        }
    }

    @Test
    void rerendersWhenHistoryChanges(FxRobot robot) throws Exception {
        robot.interact(() -> history.apply("Change desired count", d -> withDesiredCount(d, "web", 5)));
        Node web = robot.lookup("#" + CanvasIds.nodeId(WEB)).queryAs(Node.class);
        assertThat(robot.from(web).lookup(".desired-count").queryAs(Label.class).getText()).startsWith("desired 5");
        // Port 80 is static, so only two web tasks fit on two instances: three are pending, with the reason.
        Set<Node> pending = robot.from(web).lookup(".task-chip").queryAll();
        assertThat(pending).hasSize(3).allMatch(n -> n.getPseudoClassStates().contains(CanvasIds.PENDING));
        Label chip = (Label) pending.iterator().next();
        assertThat(DesignCanvas.tooltipOf(chip)).contains("unable to place a task");
        // Resting the pointer on the chip shows its text in the canvas's one tooltip.
        robot.moveTo(chip);
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> javafx.stage.Window.getWindows()
                .stream().anyMatch(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing()
                        && t.getText().contains("unable to place a task")));
        robot.interact(history::undo);
        web = robot.lookup("#" + CanvasIds.nodeId(WEB)).queryAs(Node.class);
        assertThat(robot.from(web).lookup(".task-chip").queryAll()).isEmpty();
    }

    @Test
    void fitToViewAndZoomTo100(FxRobot robot) {
        robot.interact(canvas::zoomTo100);
        robot.interact(() -> canvas.zoomBy(0.5));
        robot.interact(canvas::fitToView);
        assertThat(canvas.zoom()).isNotEqualTo(0.5);
        Bounds extent = EffectiveLayout.extent(canvas.drawnBounds());
        Point2D topLeft = canvas.world().localToScene(extent.x(), extent.y());
        Point2D bottomRight = canvas.world().localToScene(extent.right(), extent.bottom());
        assertThat(topLeft.getX()).isGreaterThanOrEqualTo(0);
        assertThat(bottomRight.getX()).isLessThanOrEqualTo(canvas.getWidth());
        assertThat(bottomRight.getY()).isLessThanOrEqualTo(canvas.getHeight());
        // It fills the view in one direction, margins aside.
        assertThat(Math.max((bottomRight.getX() - topLeft.getX()) / (canvas.getWidth() - 48),
                (bottomRight.getY() - topLeft.getY()) / (canvas.getHeight() - 48))).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.01));
        robot.interact(canvas::zoomTo100);
        assertThat(canvas.zoom()).isEqualTo(1.0);
    }

    private Point2D screen(double worldX, double worldY) {
        WaitForAsyncUtils.waitForFxEvents();
        return canvas.world().localToScreen(worldX, worldY);
    }

    static Design withDesiredCount(Design design, String serviceId, int count) {
        Cluster cluster = design.cluster("demo").orElseThrow();
        Service service = cluster.service(serviceId).orElseThrow();
        return design.withCluster(cluster.withService(service.withSpec(service.spec().withDesiredCount(count))));
    }

    private static String styleClassOf(ElementId id) {
        return switch (id.kind()) {
            case ElementId.CLUSTER -> "cluster";
            case ElementId.FARGATE -> "fargate";
            case ElementId.INSTANCE -> "instance";
            case ElementId.SERVICE -> "service";
            case ElementId.TASK -> "standalone-task";
            case ElementId.TASK_DEFINITION -> "task-definition";
            default -> "container";
        };
    }
}
