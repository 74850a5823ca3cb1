package io.stowage.ui.sim;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.format.sim.ExampleScenarios;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.sim.ClusterSimulation;
import io.stowage.model.sim.Scenario;
import io.stowage.model.sim.SimDurations;
import io.stowage.model.sim.SimulationEvent;
import io.stowage.ui.live.LiveContext;
import io.stowage.ui.live.LiveModel;
import io.stowage.ui.live.TaskActions;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.geometry.Insets;
import javafx.geometry.Pos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The desktop's Simulate mode: the open design (or the example with one of its scenarios) played on a virtual
 * clock, with no Docker and no AWS. A bar under the toolbar plays, pauses, steps to the next thing that happens,
 * sets the speed, shows the virtual time and scrubs a timeline back and forth; what the simulation observes goes
 * into the same live model, and so the same canvas overlay, tasks panel and events feed, as a local run or an
 * ECS watch. Frames come from an {@link AnimationTimer}; each moves the clock by the frame's real time times the
 * speed and hands the changes over as one batch.
 */
public final class SimulateControl {
    /** The seed the desktop plays with: the command line's default, so both give the same timeline. */
    public static final long SEED = 0;
    static final Duration MIN_HORIZON = Duration.ofMinutes(10);
    private static final double[] SPEEDS = {1, 10, 60};

    private final LiveContext context;
    private final TaskActions normalActions;
    private final BooleanSupplier otherEngineRunning;
    private final Runnable beforeStart;
    private final ReadOnlyBooleanWrapper simulating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private final VBox bar = new VBox(4);
    private final Label title = new Label();
    private final Button play = new Button("▶ Play");
    private final Button step = new Button("Step");
    private final ToggleGroup speeds = new ToggleGroup();
    private final Slider timeline = new Slider(0, MIN_HORIZON.toSeconds(), 0);
    private final Label time = new Label();
    private final TextField goTo = new TextField();
    private final Label status = new Label();
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };
    private SimulationSession session;
    private double speed = 10;
    private long lastFrame = -1;
    private boolean showingTime;

    /**
     * @param normalActions      what the tasks panel's actions do when no simulation plays (the run's or watch's)
     * @param otherEngineRunning whether a local run holds the live view now (a simulation then does not start)
     * @param beforeStart        lets go of what else feeds the live view (stops watching ECS)
     */
    public SimulateControl(LiveContext context, TaskActions normalActions, BooleanSupplier otherEngineRunning,
                           Runnable beforeStart) {
        this.context = context;
        this.normalActions = normalActions;
        this.otherEngineRunning = otherEngineRunning;
        this.beforeStart = beforeStart;
        buildBar();
    }

    /** The Simulate menu. */
    public Menu menu() {
        MenuItem start = item("Simulate Design", "menu-sim-start", "Shortcut+Shift+M", this::simulateDesign);
        MenuItem stall = item("Play Example: Rolling Deployment Stalls", "menu-sim-example-stall", null,
                () -> playExample(ExampleScenarios.STALL));
        MenuItem fixed = item("Play Example: The Fix (minimumHealthyPercent 50)", "menu-sim-example-fixed", null,
                () -> playExample(ExampleScenarios.FIXED));
        MenuItem playPause = item("Play / Pause", "menu-sim-play", "Shortcut+Shift+Space", this::togglePlay);
        playPause.disableProperty().bind(simulating.not());
        MenuItem stepItem = item("Step to the Next Event", "menu-sim-step", null, this::step);
        stepItem.disableProperty().bind(simulating.not());
        MenuItem stop = item("Stop Simulating", "menu-sim-stop", null, this::stop);
        stop.disableProperty().bind(simulating.not());
        Menu menu = new Menu("Simulate", null, start, new SeparatorMenuItem(), stall, fixed, new SeparatorMenuItem(),
                playPause, stepItem, stop);
        menu.setId("menu-simulate");
        return menu;
    }

    /** The toolbar button that starts Simulate mode over the open design. */
    public Button toolbarButton() {
        Button button = new Button("Simulate");
        button.setId("tool-simulate");
        button.setTooltip(new Tooltip("Play the design on a virtual clock: deployments, failures, draining and "
                + "scaling as ECS would run them, with no Docker and no AWS (Ctrl+Shift+M)"));
        button.setOnAction(e -> simulateDesign());
        button.setFocusTraversable(false);
        return button;
    }

    /** The bar of the simulation's controls; it shows only while a simulation is open. */
    public Node bar() {
        return bar;
    }

    public ReadOnlyBooleanProperty simulating() {
        return simulating.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playing() {
        return playing.getReadOnlyProperty();
    }

    /** The simulation shown now, or null. */
    public SimulationSession session() {
        return session;
    }

    /** Simulate mode over the open design as it is now, with nothing happening but what the design says. */
    public void simulateDesign() {
        start(context.design().get(), Scenario.EMPTY, "Simulating the design");
    }

    /**
     * Plays one of the example scenarios: over the open design when it has what the scenario names (the example,
     * or a design made from it), else over the example design, opened first.
     */
    public void playExample(String name) {
        Scenario scenario = ExampleScenarios.load(name);
        Design design = context.design().get();
        if (!scenario.problems(design).isEmpty()) {
            Design example = ExampleDesigns.firstStart().design();
            context.openDesign().accept(example);
            design = context.design().get();
            if (!scenario.problems(design).isEmpty()) {
                return; // the user kept the design open
            }
        }
        start(design, scenario, ExampleScenarios.STALL.equals(name)
                ? "Example: web:2 with minimumHealthyPercent 100 (stalls)"
                : "Example: web:2 with minimumHealthyPercent 50 (the fix)");
        choose(60);
        play();
    }

    /** Opens a simulation of {@code design} with {@code scenario}, paused at its start. */
    public void start(Design design, Scenario scenario, String heading) {
        if (otherEngineRunning.getAsBoolean()) {
            context.problem().show("Stop the local run first", "The simulation shows in the same tasks panel, events "
                    + "feed and canvas as the local run. Stop the run (Run › Stop Local Run), then simulate.");
            return;
        }
        SimulationSession opened;
        try {
            opened = new SimulationSession(design, scenario, SEED);
        } catch (IllegalArgumentException | IllegalStateException cannot) {
            context.problem().show("Cannot simulate the design", cannot.getMessage());
            return;
        }
        pause();
        beforeStart.run();
        session = opened;
        title.setText(heading);
        Duration lastAction = scenario.actions().stream().map(Scenario.Action::at).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        Duration horizon = lastAction.plusMinutes(5);
        timeline.setMax((horizon.compareTo(MIN_HORIZON) > 0 ? horizon : MIN_HORIZON).toSeconds());
        context.live().tasks().useActions(new SimulationTaskActions(this));
        simulating.set(true);
        show();
    }

    /** Leaves Simulate mode: the live view is emptied for the next run or watch. */
    public void stop() {
        if (session == null) {
            return;
        }
        pause();
        session = null;
        simulating.set(false);
        context.live().tasks().useActions(normalActions);
        context.live().model().clear();
    }

    public void play() {
        if (session == null || playing.get()) {
            return;
        }
        playing.set(true);
        play.setText("❚❚ Pause");
        lastFrame = -1;
        frames.start();
    }

    public void pause() {
        frames.stop();
        playing.set(false);
        play.setText("▶ Play");
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Moves to the next moment something happens, paused. */
    public void step() {
        if (session == null) {
            return;
        }
        pause();
        session.step();
        show();
    }

    /** Moves the clock to {@code at} (back by playing again from the start), keeping play or pause as it is. */
    public void moveTo(Duration at) {
        if (session == null) {
            return;
        }
        session.moveTo(at);
        show();
    }

    /** Takes an action at the current virtual time; shows why when the simulation refuses it. */
    void act(Scenario.Action action) {
        if (session == null) {
            return;
        }
        try {
            session.act(action);
        } catch (IllegalArgumentException refused) {
            context.problem().show("The simulation cannot do that", refused.getMessage());
        }
        show();
    }

    LiveContext context() {
        return context;
    }

    private void frame(long now) {
        if (session == null) {
            frames.stop();
            return;
        }
        if (lastFrame < 0) {
            lastFrame = now;
            return;
        }
        // A frame that came late (a busy machine, a dialog) moves the clock by at most a tenth of a second of it.
        long nanos = Math.min(now - lastFrame, 100_000_000L);
        lastFrame = now;
        long virtualMillis = Math.round(nanos / 1_000_000.0 * speed);
        session.moveTo(session.elapsed().plusMillis(virtualMillis));
        show();
    }

    /** Hands the simulation's changes to the live model and brings the controls up to date. */
    private void show() {
        LiveModel model = context.live().model();
        SimulationSession.Batch batch = session.drain();
        if (batch.reset()) {
            model.clear();
        }
        if (!batch.isEmpty()) {
            model.apply(batch.tasks(), batch.instances(), batch.services(), batch.events());
        }
        Duration elapsed = session.elapsed();
        if (elapsed.toSeconds() > timeline.getMax() * 0.9) {
            timeline.setMax(Math.ceil(elapsed.toSeconds() * 1.5 / 60) * 60);
        }
        showingTime = true;
        try {
            if (!timeline.isValueChanging()) {
                timeline.setValue(elapsed.toMillis() / 1000.0);
            }
        } finally {
            showingTime = false;
        }
        time.setText(SimulationEvent.format(elapsed));
        status.setText(summary(session.simulation()));
    }

    /** The services that are not steady, and why, in a line; or that every one is. */
    static String summary(ClusterSimulation sim) {
        List<String> notSteady = new ArrayList<>();
        for (String id : sim.serviceIds()) {
            if (!sim.steady(id)) {
                ServiceState s = sim.serviceState(id);
                ServiceDeployment primary = s.deployments().isEmpty() ? null : s.deployments().get(0);
                notSteady.add(s.serviceName() + " " + s.runningCount() + "/" + s.desiredCount() + " running"
                        + (primary == null || primary.rolloutState() == null ? ""
                        : ", " + primary.taskDefinitionArn().substring(primary.taskDefinitionArn().lastIndexOf('/') + 1)
                        + " rollout " + primary.rolloutState()));
            }
        }
        return notSteady.isEmpty() ? "Every service is steady" : "Not steady: " + String.join("; ", notSteady);
    }

    private void buildBar() {
        bar.setId("sim-bar");
        bar.getStyleClass().add("sim-bar");
        bar.visibleProperty().bind(simulating);
        bar.managedProperty().bind(simulating);
        title.setId("sim-title");
        title.getStyleClass().add("sim-title");
        play.setId("sim-play");
        play.setTooltip(new Tooltip("Play or pause the virtual clock"));
        play.setOnAction(e -> togglePlay());
        step.setId("sim-step");
        step.setTooltip(new Tooltip("Move the clock to the next moment something happens"));
        step.setOnAction(e -> step());
        HBox speedButtons = new HBox();
        speedButtons.setId("sim-speeds");
        for (double value : SPEEDS) {
            ToggleButton b = new ToggleButton((int) value + "×");
            b.setId("sim-speed-" + (int) value);
            b.setUserData(value);
            b.setToggleGroup(speeds);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip((int) value + " virtual seconds for each real second"));
            speedButtons.getChildren().add(b);
        }
        speeds.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one speed is always chosen
            } else {
                speed = (double) now.getUserData();
            }
        });
        choose(speed);
        timeline.setId("sim-timeline");
        timeline.setTooltip(new Tooltip("The virtual time: drag back to see an earlier moment again"));
        timeline.setPrefWidth(360);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        timeline.valueProperty().addListener((o, was, now) -> {
            if (!showingTime && session != null) {
                moveTo(Duration.ofMillis(Math.round(now.doubleValue() * 1000)));
            }
        });
        time.setId("sim-time");
        time.getStyleClass().add("sim-time");
        time.setMinWidth(64);
        goTo.setId("sim-goto");
        goTo.setPromptText("go to 1m30s");
        goTo.setPrefColumnCount(7);
        goTo.setTooltip(new Tooltip("Type a virtual time (10s, 2m, 1h30m) and press Enter"));
        goTo.setOnAction(e -> {
            try {
                moveTo(SimDurations.parse(goTo.getText().strip()));
                goTo.clear();
            } catch (IllegalArgumentException notATime) {
                context.problem().show("Not a time", "\"" + goTo.getText() + "\" is not " + SimDurations.EXPECTED + ".");
            }
        });
        status.setId("sim-status");
        status.getStyleClass().add("sim-status");
        Button close = new Button("Stop Simulating");
        close.setId("sim-stop");
        close.setOnAction(e -> stop());
        HBox controls = new HBox(6, title, new Separator(Orientation.VERTICAL), play, step, speedButtons, timeline,
                time, goTo, close);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (Node n : controls.getChildren()) {
            n.setFocusTraversable(n == goTo || n == timeline);
        }
        status.setMaxWidth(Double.MAX_VALUE);
        bar.getChildren().setAll(controls, status);
        bar.setPadding(new Insets(4, 8, 4, 8));
    }

    private void choose(double value) {
        speeds.getToggles().stream().filter(t -> (double) t.getUserData() == value).findFirst()
                .ifPresent(t -> t.setSelected(true));
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
