package io.stowage.ui.live;

import io.stowage.model.runtime.TaskState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;

import java.util.List;
import java.util.prefs.Preferences;

/**
 * The Run menu and its toolbar buttons: run the design locally, stop or restart the run, remove what it left;
 * deploy to ECS, watch or import a cluster. Task actions from the tasks panel go to whichever of the two shows
 * the task now.
 */
public final class LiveActions implements TaskActions {
    private final LiveContext context;
    private final LocalRunControl local;
    private final EcsControl ecs;
    private boolean showingLocal;
    private Runnable beforeEngine = () -> { };

    public LiveActions(LiveContext context, Preferences preferences) {
        this.context = context;
        this.local = new LocalRunControl(context);
        this.ecs = new EcsControl(context, preferences);
        context.live().tasks().useActions(this);
    }

    public Menu menu() {
        BooleanBinding busy = localBusy();
        BooleanBinding ecsBusy = ecsBusy();
        MenuItem run = item("Run Locally", "menu-run-local", "Shortcut+R", this::runLocally);
        run.disableProperty().bind(busy.or(local.running()));
        MenuItem stop = item("Stop Local Run", "menu-stop-local", "Shortcut+Shift+R", local::stop);
        stop.disableProperty().bind(stopDisabled());
        MenuItem restart = item("Restart Local Run", "menu-restart-local", null,
                () -> local.remove(this::runLocally));
        restart.disableProperty().bind(busy.or(local.running().not()));
        MenuItem remove = item("Remove Local Run", "menu-remove-local", null, () -> local.remove(() -> { }));
        remove.disableProperty().bind(busy.and(local.starting().not()));
        MenuItem deploy = item("Deploy to ECS…", "menu-deploy", "Shortcut+Shift+P", () -> {
            beforeEngine.run();
            showingLocal = false;
            ecs.deploy();
        });
        deploy.disableProperty().bind(ecsBusy);
        MenuItem watch = item("Watch ECS Cluster…", "menu-watch", null, () -> {
            beforeEngine.run();
            showingLocal = false;
            ecs.watchCluster();
        });
        watch.disableProperty().bind(ecsBusy);
        MenuItem stopWatch = item("Stop Watching", "menu-stop-watch", null, ecs::stopWatching);
        stopWatch.disableProperty().bind(ecs.watching().not());
        MenuItem importCluster = item("Import ECS Cluster…", "menu-import-cluster", null, ecs::importCluster);
        importCluster.disableProperty().bind(ecsBusy);
        MenuItem cancel = item("Cancel Running Action", "menu-cancel-job", null, context.jobs()::cancel);
        cancel.disableProperty().bind(context.jobs().running().not());
        Menu menu = new Menu("Run", null, run, stop, restart, remove, new SeparatorMenuItem(), deploy, watch,
                stopWatch, importCluster, new SeparatorMenuItem(), cancel);
        menu.setId("menu-run");
        return menu;
    }

    /** Run and Stop buttons for the toolbar, following the same states as the menu. */
    public List<Button> toolbarButtons() {
        Button run = new Button("▶ Run");
        run.setId("tool-run-local");
        run.setTooltip(new Tooltip("Run the design on the local Docker engine as ECS would (Ctrl+R)"));
        run.setOnAction(e -> runLocally());
        run.disableProperty().bind(localBusy().or(local.running()));
        Button stop = new Button("■ Stop");
        stop.setId("tool-stop-local");
        stop.setTooltip(new Tooltip("Stop the local run; its containers and logs stay until removed"));
        stop.setOnAction(e -> local.stop());
        stop.disableProperty().bind(stopDisabled());
        Button deploy = new Button("Deploy…");
        deploy.setId("tool-deploy");
        deploy.setTooltip(new Tooltip("Plan a deploy to ECS, then apply it"));
        deploy.setOnAction(e -> {
            beforeEngine.run();
            showingLocal = false;
            ecs.deploy();
        });
        deploy.disableProperty().bind(ecsBusy());
        List.of(run, stop, deploy).forEach(b -> b.setFocusTraversable(false));
        return List.of(run, stop, deploy);
    }

    private BooleanBinding localBusy() {
        return Bindings.createBooleanBinding(() -> context.jobs().busy(LocalRunControl.LOCAL).get(),
                context.jobs().busy(LocalRunControl.LOCAL));
    }

    private BooleanBinding ecsBusy() {
        return Bindings.createBooleanBinding(() -> context.jobs().busy(EcsControl.ECS).get(),
                context.jobs().busy(EcsControl.ECS));
    }

    /** Stop works while the run starts (it cancels the start, which stops what started), not while it stops. */
    private BooleanBinding stopDisabled() {
        return local.running().not().or(localBusy().and(local.starting().not()));
    }

    /**
     * Asks, when the design still runs locally, whether to stop its tasks before the window closes: Stop and
     * Close has the agent stop them (as ECS would, containers and logs stay) and then runs {@code close}; Leave
     * Running leaves the run to the agent, which goes on supervising it. Returns whether the window may close now.
     */
    public boolean mayClose(Runnable close) {
        if (!local.running().get()) {
            stopWatching();
            return true;
        }
        ButtonType stopAndClose = new ButtonType("Stop and Close", ButtonBar.ButtonData.OK_DONE);
        ButtonType leave = new ButtonType("Leave Running", ButtonBar.ButtonData.OTHER);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "If you leave it running, " + local.keeper()
                + " keeps supervising it: an essential container's exit stops its task and the service starts "
                + "another, as on ECS. Opening the design again shows the run; stowage ps and stowage down reach it "
                + "from a terminal.", stopAndClose, leave, ButtonType.CANCEL);
        ask.initOwner(context.owner().get());
        ask.setTitle("Close Stowage");
        ask.setHeaderText(local.starting().get() ? "The design is starting locally. Stop what started first?"
                : "The design still runs locally. Stop its tasks first?");
        ask.getDialogPane().setId("close-while-running-dialog");
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == leave) {
            stopWatching();
            local.leave();
            return true;
        }
        if (answer == stopAndClose) {
            // While the run starts, this cancels the start first; the window closes once the tasks stopped.
            stopWatching();
            local.stop(close);
        }
        return false; // Cancel: the window stays, and so does what it watches
    }

    /**
     * When a window shows a design whose run the local agent holds (left running by a closed window, or started
     * with {@code stowage up --detach}), the live view follows that run.
     */
    public void designShown() {
        local.attach(() -> {
            beforeEngine.run();
            ecs.stopWatching();
            showingLocal = true;
        });
    }

    /** Whether the design runs (or starts) locally now. */
    public boolean localRunning() {
        return local.running().get();
    }

    /** Runs before a local run, a deploy or a watch starts to feed the live view (a simulation lets go of it). */
    public void beforeEngineStarts(Runnable action) {
        beforeEngine = action;
    }

    /** Stops watching ECS, if it does (when the window closes, or a test ends). */
    public void stopWatching() {
        ecs.stopWatching();
    }

    public void runLocally() {
        beforeEngine.run();
        ecs.stopWatching();
        showingLocal = true;
        local.start();
    }

    @Override
    public void stopTask(TaskState task) {
        if (showingLocal) {
            local.stopTask(task);
        } else {
            ecs.stopTask(task);
        }
    }

    @Override
    public void scaleService(TaskState task) {
        if (task.serviceName() == null) {
            return;
        }
        var service = context.live().model().services().get(task.cluster() + "/" + task.serviceName());
        TextInputDialog ask = new TextInputDialog(service == null ? "1" : Integer.toString(service.desiredCount()));
        ask.initOwner(context.owner().get());
        ask.setTitle("Scale service");
        ask.setHeaderText("Desired count of service " + task.serviceName());
        ask.getEditor().setId("scale-desired-count");
        ask.showAndWait().ifPresent(text -> {
            int count;
            try {
                count = Integer.parseInt(text.strip());
            } catch (NumberFormatException notANumber) {
                context.problem().show("Not a desired count", "\"" + text + "\" is not a whole number of tasks.");
                return;
            }
            if (count < 0) {
                context.problem().show("Not a desired count", "A desired count is 0 or more, not " + count + ".");
            } else if (showingLocal) {
                local.scale(task, count);
            } else {
                ecs.scale(task, count);
            }
        });
    }

    @Override
    public void copyShellCommand(TaskState task, String container) {
        task.container(container).ifPresent(state -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(showingLocal ? LocalRunControl.execCommand(task, state)
                    : "aws ecs execute-command --cluster " + task.cluster() + " --task " + task.taskId()
                    + " --container " + container + " --interactive --command sh");
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private static MenuItem item(String text, String id, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }
}
