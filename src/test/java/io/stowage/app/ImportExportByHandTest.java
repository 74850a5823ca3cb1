package io.stowage.app;

import io.stowage.testsupport.DocsPictures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stowage.format.compose.ComposeImport;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.testsupport.FxSettle;
import io.stowage.ui.canvas.CanvasIds;
import io.stowage.format.document.DocumentFiles;
import io.stowage.ui.shell.FileChoices;
import io.stowage.ui.shell.MainWindow;
import io.stowage.format.document.OpenDocument;
import io.stowage.ui.shell.RecentFiles;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File › Import and File › Export as a user meets them, through the menu: a compose file from the corpus becomes a
 * design on the canvas with its import report; the example design goes out as a compose file that reads back and a
 * CloudFormation template with its resources, and no file is replaced without asking. The file choosers answer
 * from a list (a native chooser cannot be driven headless); everything after them is the application's own.
 */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ImportExportByHandTest {
    @TempDir
    Path dir;
    private MainWindow window;
    private final Answers answers = new Answers();

    /** The user's answers to the file choosers, in order. */
    static final class Answers implements FileChoices {
        final Deque<List<Path>> open = new ArrayDeque<>();
        final Deque<Path> save = new ArrayDeque<>();
        final List<Request> asked = new ArrayList<>();

        @Override
        public List<Path> openFiles(Window owner, Request request) {
            asked.add(request);
            return open.isEmpty() ? List.of() : open.removeFirst();
        }

        @Override
        public Path saveFile(Window owner, Request request) {
            asked.add(request);
            return save.pollFirst();
        }

        @Override
        public Path folder(Window owner, Request request) {
            asked.add(request);
            return save.pollFirst();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/import-export-by-hand");
        preferences.clear();
        Path file = Files.createTempDirectory("stowage-import-export").resolve("demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        window = new MainWindow("test", () -> open(file), new RecentFiles(preferences), new DesignWorkAreas())
                .withFileChoices(answers);
        window.show(stage);
    }

    @AfterEach
    void closeDialogs(FxRobot robot) {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null).forEach(Window::hide));
    }

    private static OpenDocument open(Path path) {
        try {
            return DocumentFiles.open(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importAComposeFileWithAProfileAndSeeItsServicesOnTheCanvas(FxRobot robot) throws Exception {
        Path compose = Path.of(System.getProperty("stowage.corpus", "../shared/corpus"), "compose",
                "001_dockersamples_example-voting-app_docker-compose.yml");
        Assumptions.assumeTrue(Files.isRegularFile(compose), "the corpus is at " + compose);
        answers.open.add(List.of(compose));

        menu(robot, "#menu-file", "#menu-import");
        await(robot, "#compose-profile-seed");
        assertThat(visible(robot, "#compose-import-dialog")).isTrue();
        robot.clickOn("#compose-profile-seed");
        screenshot(robot, robot.lookup("#compose-import-dialog").query().getScene(), "guide-import-compose.png");
        press(robot, "#compose-import-dialog", "Import");
        await(robot, "#import-report");

        Design imported = window.document().history().current();
        assertThat(window.document().file()).as("a new, untitled design").isNull();
        assertThat(serviceIds(imported)).contains("vote", "result", "worker", "redis", "db", "seed");
        FxSettle.settle(robot);
        for (String service : List.of("vote", "redis", "db", "seed")) {
            assertThat(robot.lookup("#" + CanvasIds.nodeId(ElementId.service("default", service))).tryQuery())
                    .as("service " + service + " on the canvas").isPresent();
        }
        @SuppressWarnings("unchecked")
        TableView<Object> items = robot.lookup("#import-report-items").queryAs(TableView.class);
        assertThat(items.getItems()).extracting(Object::toString)
                .anySatisfy(row -> assertThat(row).contains("not mapped").contains(compose.getFileName() + ":")
                        .contains("services.vote.networks"));
        assertThat(items.getItems()).extracting(Object::toString).as("the advice names the dialog's choices")
                .anySatisfy(row -> assertThat(row).contains("\u201cAll services in one task definition\u201d ticked"))
                .noneSatisfy(row -> assertThat(row).contains("--single-task"));
        robot.interact(window::fitToView);
        screenshot(robot, robot.lookup("#canvas").query().getScene(), "guide-import-canvas.png");
        screenshot(robot, items.getScene(), "guide-import-report.png");
    }

    @Test
    void theOverrideFileBesideAComposeFileIsMergedInAsDockerComposeWouldReadIt(FxRobot robot) throws Exception {
        Path corpus = Path.of(System.getProperty("stowage.corpus", "../shared/corpus"), "compose");
        Path base = corpus.resolve("022_airq-dev_hazebot_docker-compose.yml");
        Assumptions.assumeTrue(Files.isRegularFile(base), "the corpus is at " + corpus);
        Path project = Files.createDirectories(dir.resolve("hazebot"));
        Path compose = Files.copy(base, project.resolve("docker-compose.yml"));
        Path override = Files.copy(corpus.resolve("023_airq-dev_hazebot_docker-compose.override.yml"),
                project.resolve("docker-compose.override.yml"));
        answers.open.add(List.of(compose));

        menu(robot, "#menu-file", "#menu-import");
        await(robot, "#compose-import-dialog");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Path> files = robot.lookup("#compose-files").queryAs(javafx.scene.control.ListView.class);
        assertThat(files.getItems()).containsExactly(compose, override);
        press(robot, "#compose-import-dialog", "Import");
        await(robot, "#import-report");

        // nginx is a service of the override file only.
        assertThat(serviceIds(window.document().history().current())).contains("app", "nginx", "redis", "db");
        @SuppressWarnings("unchecked")
        TableView<Object> items = robot.lookup("#import-report-items").queryAs(TableView.class);
        assertThat(items.getItems()).extracting(Object::toString)
                .anySatisfy(row -> assertThat(row).contains("docker-compose.override.yml:7:9")
                        .contains("services.app.env_file[0]").contains(".env.dev does not exist"));
    }

    @Test
    void aComposeFileOpenedOrDroppedOnTheWindowIsImported(FxRobot robot) throws Exception {
        Path compose = Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n"
                + "    ports: [\"8080:80\"]\n    deploy:\n      replicas: 2\n");
        robot.interact(() -> window.open(compose));
        await(robot, "#compose-import-dialog");
        press(robot, "#compose-import-dialog", "Import");
        await(robot, "#import-report");
        assertThat(serviceIds(window.document().history().current())).containsExactly("web");
        assertThat(window.document().file()).isNull();
    }

    @Test
    void taskDefinitionFilesImportAsANewDesign(FxRobot robot) throws Exception {
        Path web = Files.writeString(dir.resolve("web.json"), "{\"family\": \"web\", \"containerDefinitions\": "
                + "[{\"name\": \"web\", \"image\": \"nginx\", \"memory\": 128}]}");
        Path worker = Files.writeString(dir.resolve("worker.json"), "{\"family\": \"worker\", "
                + "\"containerDefinitions\": [{\"name\": \"worker\", \"image\": \"busybox\", \"memory\": 64}]}");
        answers.open.add(List.of(web, worker));

        menu(robot, "#menu-file", "#menu-import");
        await(robot, "#import-report");

        Design imported = window.document().history().current();
        assertThat(imported.taskDefinitions()).containsOnlyKeys("web", "worker");
        assertThat(serviceIds(imported)).containsExactlyInAnyOrder("web", "worker");
        assertThat(window.document().file()).as("a new design, not the files").isNull();
        assertThat(robot.lookup("#import-report").queryAs(DialogPane.class).getHeaderText())
                .isEqualTo("Imported 2 task definitions as services of cluster 'default'");
    }

    @Test
    void aBrokenComposeFileIsRefusedNamingFileAndLineAndTheDesignStays(FxRobot robot) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yml"), "services:\n  web:\n    image: nginx\n"
                + "    ports: [\"80:80\"\n  db:\n    image: postgres\n");
        answers.open.add(List.of(broken));
        Design before = window.document().history().current();

        menu(robot, "#menu-file", "#menu-import");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> errorDialog(robot) != null);

        DialogPane error = errorDialog(robot);
        assertThat(error.getHeaderText()).isEqualTo("Cannot import broken.yml");
        assertThat(error.getContentText()).startsWith(broken + ":").matches("(?s).*broken\\.yml:\\d+:\\d+: .*")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(window.document().history().current()).isSameAs(before);
    }

    @Test
    void exportTheExampleAsComposeAndCloudFormationAndNeverReplaceWithoutAsking(FxRobot robot) throws Exception {
        Design design = window.document().history().current();
        Path compose = dir.resolve("compose.yaml");
        answers.save.add(compose);
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-compose");
        await(robot, "#export-report");
        assertThat(answers.asked.get(0).initialName()).isEqualTo("compose.yaml");
        ComposeImport.Result back = ComposeImport.read(List.of(compose),
                new ComposeImport.Options(null, List.of("*"), false, dir, Map.of()));
        assertThat(back.services()).as("the compose file reads back with a service per container")
                .hasSizeGreaterThanOrEqualTo(serviceIds(design).size());
        closeDialogs(robot);

        Path template = dir.resolve("demo.template.yaml");
        answers.save.add(template);
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-cloudformation");
        await(robot, "#export-report");
        JsonNode resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).get("Resources");
        List<String> types = new ArrayList<>();
        resources.forEach(r -> types.add(r.get("Type").asText()));
        assertThat(types).contains("AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::Service");
        assertThat(types.stream().filter("AWS::ECS::Service"::equals)).hasSize(serviceIds(design).size());
        closeDialogs(robot);

        // Once more to the same compose file: it is replaced only when the user says so.
        Files.writeString(compose, "# mine\n");
        answers.save.add(compose);
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-compose");
        await(robot, "#export-replace-dialog");
        press(robot, "#export-replace-dialog", "Cancel");
        assertThat(Files.readString(compose)).isEqualTo("# mine\n");

        answers.save.add(compose);
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-compose");
        await(robot, "#export-replace-dialog");
        press(robot, "#export-replace-dialog", "Replace");
        await(robot, "#export-report");
        assertThat(Files.readString(compose)).contains("services:").doesNotContain("# mine");
    }

    @Test
    void anExportThatCannotBeWrittenSaysWhereAndWhy(FxRobot robot) throws Exception {
        Path inTheWay = Files.writeString(dir.resolve("notes.txt"), "a file, not a folder\n");
        answers.save.add(inTheWay.resolve("compose.yaml"));
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-compose");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> errorDialog(robot) != null);

        DialogPane error = errorDialog(robot);
        assertThat(error.getHeaderText()).isEqualTo("Cannot export the compose file");
        assertThat(error.getContentText()).isEqualTo(inTheWay.resolve("compose.yaml") + ": cannot write: a file is in the "
                + "way where a folder should be (" + inTheWay + "); nothing was written");
        assertThat(Files.readString(inTheWay)).isEqualTo("a file, not a folder\n");
    }

    @Test
    void exportTheTaskDefinitionsIntoAFolder(FxRobot robot) throws Exception {
        Design design = window.document().history().current();
        Path folder = dir.resolve("taskdefs");
        answers.save.add(folder);
        menu(robot, "#menu-file", "#menu-export-design", "#menu-export-taskdefs");
        await(robot, "#export-report");
        for (String family : design.taskDefinitions().keySet()) {
            Path file = folder.resolve(family + ".json");
            assertThat(file).exists();
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            assertThat(json.get("family").asText()).isEqualTo(family);
            assertThat(json.get("containerDefinitions").size()).isPositive();
        }
    }

    /** A picture for the user guide (as {@code UserGuideScreenshotsTest} takes them; see {@link DocsPictures}). */
    private static void screenshot(FxRobot robot, javafx.scene.Scene scene, String name) throws Exception {
        var image = new java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage>();
        robot.interact(() -> image.set(scene.snapshot(null)));
        DocsPictures.write(image.get(), "docs/images/" + name);
    }

    private static List<String> serviceIds(Design design) {
        return design.clusters().stream().flatMap(c -> c.services().stream()).map(s -> s.id()).toList();
    }

    private static DialogPane errorDialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> p.getHeaderText() != null && p.getHeaderText().startsWith("Cannot"))
                .findFirst().orElse(null);
    }

    /**
     * Clicks through the menus, as a hand does: sideways into a submenu first, so that the way there does not pass
     * over the next item and open its submenu instead.
     */
    private static void menu(FxRobot robot, String... ids) {
        for (int i = 0; i < ids.length; i++) {
            robot.clickOn(ids[i], i < 2 ? org.testfx.robot.Motion.DEFAULT : org.testfx.robot.Motion.HORIZONTAL_FIRST);
        }
    }

    /** Clicks a button of the dialog (other windows may have buttons of the same name). */
    private static void press(FxRobot robot, String dialog, String button) {
        robot.clickOn(robot.lookup(dialog + " .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> button.equals(b.getText())).findFirst().orElseThrow());
    }

    private static boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private static void await(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            FxSettle.settle(robot);
            return robot.lookup(query).tryQuery().isPresent();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
