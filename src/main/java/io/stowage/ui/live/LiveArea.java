package io.stowage.ui.live;

import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;

import java.util.List;
import java.util.function.Supplier;

/**
 * The live part of the bottom area: the tasks panel with the selected task's details, the cluster-wide event
 * feed and a container's log, above a banner that says when the engine does not answer. It shows whatever
 * the {@link RuntimeFxBridge} feeds its {@link LiveModel}; the run or watch that feeds it is chosen elsewhere.
 */
public final class LiveArea {
    private final LiveModel model = new LiveModel();
    private final RuntimeFxBridge bridge = new RuntimeFxBridge(model);
    private final LogPanel logs;
    private final Tab logsTab;
    private final TasksPanel tasks;
    private final EventsFeed events = new EventsFeed(model);
    private final Label banner = new Label();
    /** Set by a run starting on its job thread, read on the JavaFX thread. */
    private volatile Supplier<LogSource> logSource = () -> LogSource.NONE;

    /** A live area of its own (a test's); a window's shares the window's {@link TaskExecutor}. */
    public LiveArea() {
        this(new TaskExecutor());
    }

    /** @param workers reads logs off the JavaFX thread */
    public LiveArea(TaskExecutor workers) {
        logs = new LogPanel(workers);
        logsTab = new Tab("Logs", logs.node());
        TaskDetails details = new TaskDetails(() -> logSource.get(), workers, this::openLog, model);
        tasks = new TasksPanel(model, details);
        banner.setId("engine-lost-banner");
        banner.getStyleClass().add("engine-lost-banner");
        banner.textProperty().bind(Bindings.createStringBinding(
                () -> model.engineLost().get() == null ? "" : "Engine lost: " + model.engineLost().get()
                        + " — reconnecting; what is shown is the last known state.", model.engineLost()));
        banner.visibleProperty().bind(model.engineLost().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMaxWidth(Double.MAX_VALUE);
        logsTab.setId("tab-logs");
    }

    public LiveModel model() {
        return model;
    }

    /** Where engines report; hand it to a run or a watch. */
    public RuntimeFxBridge listener() {
        return bridge;
    }

    public TasksPanel tasks() {
        return tasks;
    }

    /** Where logs are read from now: the local engine during a local run, CloudWatch Logs while watching ECS. */
    public void useLogSource(Supplier<LogSource> source) {
        logSource = source;
    }

    /** The tabs this area adds to the bottom area, in order. */
    public List<Tab> tabs() {
        Tab tasksTab = new Tab("Tasks", framed(tasks.node()));
        tasksTab.setId("tab-tasks");
        tasksTab.textProperty().bind(Bindings.size(model.tasks()).asString("Tasks (%d)"));
        Tab eventsTab = new Tab("Events", events.node());
        eventsTab.setId("tab-events");
        List<Tab> all = List.of(tasksTab, eventsTab, logsTab);
        all.forEach(tab -> tab.setClosable(false));
        return all;
    }

    /** Opens a container's log in the logs tab and brings that tab forward. */
    public void openLog(TaskState task, String container) {
        logs.show(logSource.get(), task, container);
        if (logsTab.getTabPane() != null) {
            logsTab.getTabPane().getSelectionModel().select(logsTab);
        }
    }

    public LogPanel logs() {
        return logs;
    }

    private Node framed(Node content) {
        BorderPane pane = new BorderPane(content);
        pane.setTop(banner);
        return pane;
    }
}
