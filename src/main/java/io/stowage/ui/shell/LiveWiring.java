package io.stowage.ui.shell;

import io.stowage.format.document.OpenDocument;
import io.stowage.ui.common.TaskExecutor;
import io.stowage.ui.live.LiveActions;
import io.stowage.ui.live.LiveArea;
import io.stowage.ui.live.LiveCanvasOverlay;
import io.stowage.ui.live.LiveContext;
import io.stowage.ui.sim.SimulateControl;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;

import java.util.prefs.Preferences;

/**
 * Joins the live view to the main window: the Run menu and toolbar buttons, the Tasks, Events and Logs tabs of
 * the bottom area, the running action's progress and Cancel in the status bar, and what runs drawn on the canvas.
 */
final class LiveWiring {
    private final TaskExecutor jobs;
    private final LiveArea live;
    private LiveActions actions;
    private SimulateControl simulate;
    private boolean shownOnce;

    LiveWiring(TaskExecutor jobs) {
        this.jobs = jobs;
        this.live = new LiveArea(jobs);
    }

    LiveArea live() {
        return live;
    }

    LiveActions actions() {
        return actions;
    }

    SimulateControl simulate() {
        return simulate;
    }

    /**
     * @param roomForBottom gives the bottom area more of the window's height (when a run brings its first tasks)
     */
    void install(MainWindow window, MenuBar menus, ToolBar tools, TabPane bottom, HBox statusBar,
                 Preferences preferences, Runnable roomForBottom) {
        LiveContext context = new LiveContext(() -> window.document().history().current(),
                () -> window.document().file(), jobs, live, window::stage, window::error,
                design -> {
                    // An imported cluster opens as a new design, so unsaved changes are asked about as for Open.
                    if (window.files().confirmDiscard("opening the imported cluster")) {
                        window.display(OpenDocument.untitled(design));
                    }
                });
        jobs.showProblemsWith(window::error);
        actions = new LiveActions(context, preferences);
        menus.getMenus().add(Math.max(0, menus.getMenus().size() - 1), actions.menu());
        tools.getItems().add(new Separator());
        tools.getItems().addAll(actions.toolbarButtons());
        simulate = new SimulateControl(context, actions, actions::localRunning, actions::stopWatching);
        actions.beforeEngineStarts(simulate::stop);
        menus.getMenus().add(Math.max(0, menus.getMenus().size() - 1), simulate.menu());
        tools.getItems().add(simulate.toolbarButton());
        // The simulation's controls go under the toolbar, shown while a simulation is open.
        if (tools.getParent() instanceof javafx.scene.layout.Pane top) {
            top.getChildren().add(top.getChildren().indexOf(tools) + 1, simulate.bar());
        }
        for (Tab tab : live.tabs()) {
            tab.setClosable(false);
            bottom.getTabs().add(tab);
        }

        Label message = new Label();
        message.setId("job-message");
        message.textProperty().bind(jobs.message());
        ProgressBar progress = new ProgressBar();
        progress.setId("job-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(jobs.fraction());
        progress.visibleProperty().bind(jobs.running());
        progress.managedProperty().bind(jobs.running());
        Button cancel = new Button("Cancel");
        cancel.setId("job-cancel");
        cancel.setOnAction(e -> jobs.cancel());
        cancel.visibleProperty().bind(jobs.running());
        cancel.managedProperty().bind(jobs.running());
        statusBar.getChildren().addAll(1, java.util.List.of(message, progress, cancel));

        WorkAreas areas = window.areas();
        areas.showLive(new LiveCanvasOverlay(live.model(), task -> {
            live.tasks().select(task.taskArn());
            bottom.getTabs().stream().filter(t -> "tab-tasks".equals(t.getId())).findFirst()
                    .ifPresent(t -> bottom.getSelectionModel().select(t));
        }));
        live.model().revision().addListener((obs, was, now) -> areas.refreshLive());
        // When a run or watch brings its first tasks, show them, and give the bottom area room for them.
        live.model().tasks().addListener((javafx.collections.ListChangeListener<io.stowage.model.runtime.TaskState>) c -> {
            if (c.getList().size() > 0 && !shownOnce) {
                shownOnce = true;
                bottom.getTabs().stream().filter(t -> "tab-tasks".equals(t.getId())).findFirst()
                        .ifPresent(t -> bottom.getSelectionModel().select(t));
                roomForBottom.run();
            } else if (c.getList().isEmpty()) {
                shownOnce = false;
            }
        });
    }

}
