package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.edit.EditHistory;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.ElementId;
import io.stowage.model.rules.Finding;
import io.stowage.ui.common.Selection;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window opens headless (Monocle) around the example design, and its chrome follows the edits. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private OpenDocument document;
    private Selection shownSelection;
    private Preferences preferences;

    @Start
    void start(Stage stage) throws Exception {
        Preferences preferences = Preferences.userRoot().node("io/stowage/test/main-window");
        preferences.clear();
        document = OpenDocument.untitled(ExampleDesigns.firstStart().design());
        WorkAreas areas = new WorkAreas() {
            @Override
            public Node canvas(io.stowage.ui.common.WindowState state) {
                shownSelection = state.selection();
                return new Label("canvas");
            }

            @Override
            public Node inspector(io.stowage.ui.common.WindowState state) {
                return new Label("inspector");
            }

            @Override
            public void fitToView() {
            }

            @Override
            public void zoomTo100() {
            }
        };
        this.preferences = preferences;
        new MainWindow("test", () -> document, new RecentFiles(preferences), areas).withPreferences(preferences).show(stage);
    }

    @Test
    void showsEveryAreaUnderItsStableId(FxRobot robot) {
        for (String id : new String[] {"#menu-bar", "#tool-bar", "#palette", "#canvas", "#inspector", "#bottom-tabs",
                "#problems-list", "#status-bar", "#status-counts"}) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
        }
        assertThat(robot.window(0).getScene().getStylesheets()).anyMatch(s -> s.endsWith("stowage.css"));
        assertThat(((Stage) robot.window(0)).getTitle()).isEqualTo("Demo: web, api and worker — Stowage");
        assertThat(((Stage) robot.window(0)).getIcons()).extracting(i -> (int) i.getWidth())
                .containsExactly(16, 32, 48, 64, 128, 256, 512);
        // The example's report task does not fit on purpose (the canvas shows it pending): one warning.
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText()).isEqualTo("0 errors, 1 warning");
    }

    @Test
    void titleUndoAndProblemsFollowTheEdits(FxRobot robot) {
        robot.interact(() -> document.history().apply("Change desired count",
                design -> design.withCluster(design.clusters().get(0).withServices(
                        design.clusters().get(0).services().stream()
                                .map(s -> s.withSpec(s.spec().withDesiredCount(-1))).toList()))));

        assertThat(((Stage) robot.window(0)).getTitle()).startsWith("• ");
        assertThat(robot.lookup("#tool-undo").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#tool-undo").queryAs(Button.class).getTooltip().getText()).isEqualTo("Undo Change desired count (Ctrl+Z)");
        @SuppressWarnings("unchecked")
        ListView<Finding> problems = robot.lookup("#problems-list").queryAs(ListView.class);
        assertThat(problems.getItems()).isNotEmpty().allMatch(f -> f.path().startsWith("clusters[0].services["));

        robot.interact(() -> problems.getSelectionModel().select(0));
        robot.doubleClickOn("#problems-list .list-cell");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shownSelection.primary()).isNotNull();
        assertThat(shownSelection.primary().kind()).isEqualTo(ElementId.SERVICE);
        assertThat(shownSelection.focusedPathProperty().get()).startsWith("service.desiredCount");

        robot.interact(() -> shownSelection.select(ElementId.service("demo", "web")));
        robot.clickOn("#menu-edit").clickOn("#menu-delete");
        assertThat(document.history().current().clusters().get(0).service("web")).isEmpty();
        assertThat(robot.lookup("#tool-undo").queryAs(Button.class).getTooltip().getText()).startsWith("Undo Delete service web");
        robot.clickOn("#tool-undo");
        robot.clickOn("#tool-undo");
        assertThat(((Stage) robot.window(0)).getTitle()).doesNotStartWith("• ");
        // Only what the example has on purpose: its report task does not fit.
        assertThat(problems.getItems()).extracting(Finding::ruleId)
                .containsExactly(io.stowage.model.rules.design.PlacementFindings.TASKS_NOT_PLACED);
    }

    @Test
    void theThemeIsAViewToggleRememberedForTheNextStart(FxRobot robot) {
        javafx.scene.Parent root = robot.window(0).getScene().getRoot();
        assertThat(root.getStyleClass()).doesNotContain(io.stowage.ui.common.Theme.DARK_CLASS);
        robot.clickOn("#menu-view").clickOn("#menu-theme").clickOn("#menu-theme-dark");
        assertThat(root.getStyleClass()).contains(io.stowage.ui.common.Theme.DARK_CLASS);
        assertThat(io.stowage.ui.common.Theme.remembered(preferences)).isEqualTo(io.stowage.ui.common.Theme.DARK);
        // The palette's colours are looked up again: the canvas background follows.
        javafx.scene.layout.Region canvas = robot.lookup("#canvas").queryAs(javafx.scene.layout.Region.class);
        javafx.scene.paint.Paint dark = canvas.getBackground().getFills().get(0).getFill();
        robot.clickOn("#menu-view").clickOn("#menu-theme").clickOn("#menu-theme-light");
        assertThat(canvas.getBackground().getFills().get(0).getFill()).isNotEqualTo(dark);
        assertThat(io.stowage.ui.common.Theme.remembered(preferences)).isEqualTo(io.stowage.ui.common.Theme.LIGHT);
    }
}
