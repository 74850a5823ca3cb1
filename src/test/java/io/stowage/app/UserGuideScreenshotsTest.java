package io.stowage.app;

import io.stowage.testsupport.DocsPictures;
import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.ui.common.Selection;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import io.stowage.ui.shell.WorkAreas;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screenshots of docs/user-guide.md, taken of the real main window (headless, Monocle) in the states the guide
 * describes. They go to target/snapshots/images/; with -Dstowage.refreshDocs=true also to docs/images/, to commit.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class UserGuideScreenshotsTest {

    private Stage stage;
    private Selection selection;
    private WorkAreas areas;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** Shows the main window around the document, with work areas that let the test select as a click would. */
    private EditHistory show(FxRobot robot, OpenDocument document) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/user-guide");
        preferences.clear();
        DesignWorkAreas real = new DesignWorkAreas();
        areas = new WorkAreas() {
            @Override
            public Node canvas(io.stowage.ui.common.WindowState state) {
                UserGuideScreenshotsTest.this.selection = state.selection();
                return real.canvas(state);
            }

            @Override
            public Node inspector(io.stowage.ui.common.WindowState state) {
                return real.inspector(state);
            }

            @Override
            public void fitToView() {
                real.fitToView();
            }

            @Override
            public void zoomTo100() {
                real.zoomTo100();
            }
        };
        robot.interact(() -> new MainWindow("guide", () -> document, new RecentFiles(preferences), areas).show(stage));
        WaitForAsyncUtils.waitForFxEvents();
        return document.history();
    }

    private void select(FxRobot robot, ElementId element) {
        robot.interact(() -> {
            selection.select(element);
            areas.zoomTo100();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void screenshot(FxRobot robot, String name) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        Path file = DocsPictures.write(image.get(), "docs/images/" + name);
        assertThat(file).exists();
        assertThat(image.get().getWidth()).isEqualTo(stage.getScene().getWidth());
    }

    @Test
    void overviewOfTheExampleDesign(FxRobot robot) throws Exception {
        show(robot, OpenDocument.untitled(ExampleDesigns.firstStart().design()));
        robot.interact(() -> areas.zoomTo100());
        screenshot(robot, "guide-overview.png");
        assertThat(stage.getTitle()).isEqualTo("Demo: web, api and worker — Stowage");
    }

    @Test
    void designALayout(FxRobot robot) throws Exception {
        show(robot, OpenDocument.untitled(firstLayout()));
        select(robot, ElementId.service("shop", "web"));
        screenshot(robot, "guide-design-layout.png");
        assertThat(robot.lookup("#inspector-title").tryQuery()).isPresent();
    }

    @Test
    void fixAPlacementFailure(FxRobot robot) throws Exception {
        EditHistory history = show(robot, OpenDocument.untitled(ExampleDesigns.firstStart().design()));
        assertThat(PlacementEngine.place(history.current(), 0).failures()).singleElement()
                .satisfies(f -> assertThat(f.toString()).contains("report"));
        select(robot, ElementId.service("demo", "report"));
        screenshot(robot, "guide-placement-failure.png");

        robot.interact(() -> history.apply("Change instance type", design -> {
            Cluster demo = design.cluster("demo").orElseThrow();
            ContainerInstance large = demo.instance("i-0e5f6a7b").orElseThrow();
            return design.withCluster(demo.withInstance(large.withInstanceType("r5.large")));
        }));
        select(robot, ElementId.instance("demo", "i-0e5f6a7b"));
        screenshot(robot, "guide-placement-fixed.png");
        assertThat(PlacementEngine.place(history.current(), 0).failures()).isEmpty();
    }

    @Test
    void editATaskDefinitionFileOffline(FxRobot robot) throws Exception {
        Path file = Path.of("src/test/resources/taskdefs/valid-ec2-bridge.json");
        OpenDocument document = DocumentFiles.open(file);
        show(robot, document);
        TaskDefinition td = document.history().current().taskDefinitionList().get(0);
        select(robot, ElementId.container(td.family(), td.containerDefinitions().get(0).name()));
        screenshot(robot, "guide-task-definition-file.png");
        assertThat(stage.getTitle()).contains(file.getFileName().toString());
    }

    /** What the guide builds: one cluster with one instance, a web service of two tasks and an api. */
    static Design firstLayout() {
        TaskDefinition web = TaskDefinition.EMPTY.withFamily("web").withNetworkMode("bridge")
                .withRequiresCompatibilities(List.of("EC2"))
                .withContainerDefinitions(List.of(ContainerDefinition.EMPTY.withName("nginx")
                        .withImage("public.ecr.aws/nginx/nginx:1.27").withMemory(256).withCpu(256)
                        .withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(80).withHostPort(0)))));
        TaskDefinition api = TaskDefinition.EMPTY.withFamily("api").withNetworkMode("bridge")
                .withRequiresCompatibilities(List.of("EC2"))
                .withContainerDefinitions(List.of(ContainerDefinition.EMPTY.withName("api")
                        .withImage("public.ecr.aws/docker/library/node:22-alpine").withMemoryReservation(512)));
        Cluster shop = Cluster.named("shop")
                .withInstance(ContainerInstance.of("i-1", "t3.medium", "us-east-1a"))
                .withService(Service.of(ServiceSpec.EMPTY.withServiceName("web").withTaskDefinition("web")
                        .withDesiredCount(2).withLaunchType("EC2")))
                .withService(Service.of(ServiceSpec.EMPTY.withServiceName("api").withTaskDefinition("api")
                        .withDesiredCount(1).withLaunchType("EC2")));
        Design design = new Design("My first layout", List.of(shop), new java.util.LinkedHashMap<>(java.util.Map.of()),
                Layout.EMPTY, JsonObject.EMPTY).withTaskDefinition(web).withTaskDefinition(api);
        return design.withLayout(AutoLayout.arrange(design));
    }
}
