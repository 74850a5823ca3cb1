package io.stowage.ui.sim;

import io.stowage.model.design.Design;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.sim.ClusterSimulation;
import io.stowage.model.sim.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulation as the desktop plays it, without JavaFX: a design, a seed and a scenario whose actions grow as
 * the user takes them, on a virtual clock that moves forward, steps to the next thing that happens, or goes back.
 * The simulation is deterministic, so going back plays the same design, seed and scenario again from the start up
 * to that time; an action the user takes is added to the scenario at the current virtual time and the simulation
 * is played again up to it, so that what a scrub back and forth shows is always what the scenario gives.
 *
 * <p>What changed is collected as the runtime model's objects (the shapes every engine reports) and handed out
 * by {@link #drain()}, one batch per frame.
 */
public final class SimulationSession {
    /** The furthest one step moves the clock when nothing visible happens on the way. */
    public static final Duration QUIET_STEP = Duration.ofMinutes(5);
    private final Design design;
    private final long seed;
    private Scenario scenario;
    private ClusterSimulation simulation;
    private Collector pending;
    private boolean reset;
    private Duration furthest = Duration.ZERO;

    /**
     * @throws IllegalArgumentException when the scenario names what the design lacks, or the design cannot be
     *                                  simulated; the message says what
     */
    public SimulationSession(Design design, Scenario scenario, long seed) {
        this.design = design;
        this.seed = seed;
        List<String> problems = scenario.problems(design);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        this.scenario = scenario;
        restart();
    }

    public Design design() {
        return design;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The simulation now: read it, do not move its clock (the session does). */
    public ClusterSimulation simulation() {
        return simulation;
    }

    /** Virtual time since the start. */
    public Duration elapsed() {
        return simulation.elapsed();
    }

    /** The latest virtual time the session has been at. */
    public Duration furthest() {
        return furthest;
    }

    /** Moves the clock to {@code at}, forward by playing on, back by playing again from the start. */
    public void moveTo(Duration at) {
        Duration target = at.isNegative() ? Duration.ZERO : at;
        if (target.compareTo(simulation.elapsed()) < 0) {
            restart();
        }
        simulation.runUntil(target);
        reached();
    }

    /**
     * Moves the clock to the next moment something changes that the live view shows (a task, a service, an
     * instance or a line of the feed), past the moments where only a timer of the agent or the scheduler fires;
     * when nothing shows within {@link #QUIET_STEP}, the clock moves that far and stops. False when it did not move.
     */
    public boolean step() {
        Duration start = simulation.elapsed();
        Duration limit = start.plus(QUIET_STEP);
        long before = pending.reports;
        while (pending.reports == before) {
            Duration next = simulation.nextEventAt().orElse(null);
            if (next == null || next.compareTo(limit) > 0) {
                simulation.runUntil(limit);
                break;
            }
            simulation.step();
        }
        reached();
        return simulation.elapsed().compareTo(start) > 0;
    }

    /**
     * Takes an action now: it joins the scenario at the current virtual time, and the simulation is played again
     * up to now with it.
     *
     * @param action made for the time given; its own {@code at} is what the caller chose (normally {@link #elapsed()})
     * @throws IllegalArgumentException when the simulation refuses it (a DAEMON service scaled, a terminated
     *                                  instance drained); the session is as it was
     */
    public void act(Scenario.Action action) {
        Duration now = simulation.elapsed();
        Scenario before = scenario;
        scenario = scenario.plus(action);
        List<String> problems = new Scenario(scenario.behaviours(), List.of(action)).problems(design);
        if (!problems.isEmpty()) {
            scenario = before;
            throw new IllegalArgumentException(problems.get(0).replaceFirst("^actions\\[0]\\.", ""));
        }
        try {
            restart();
            simulation.runUntil(now);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            scenario = before;
            restart();
            simulation.runUntil(now);
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
        reached();
    }

    /** Everything that changed since the last call; {@link Batch#reset()} says to forget what was shown first. */
    public Batch drain() {
        Batch batch = new Batch(reset, List.copyOf(pending.tasks.values()), List.copyOf(pending.instances.values()),
                List.copyOf(pending.services.values()), List.copyOf(pending.events));
        reset = false;
        pending.clear();
        return batch;
    }

    private void restart() {
        simulation = scenario.start(design, seed);
        reset = true;
        pending = new Collector();
        simulation.addRuntimeListener(pending);
        // What happened at the start itself (the design's first placements) is in the timeline already.
        simulation.events().forEach(e -> pending.events.add(new ClusterEvent(ClusterSimulation.START.plus(e.at()),
                e.cluster(), e.source(), e.message())));
    }

    private void reached() {
        if (simulation.elapsed().compareTo(furthest) > 0) {
            furthest = simulation.elapsed();
        }
    }

    /**
     * What changed in one frame: the newest state of each task, instance and service, and the feed's new lines.
     *
     * @param reset whether the simulation started again, so what was shown before is to be forgotten first
     */
    public record Batch(boolean reset, List<TaskState> tasks, List<InstanceState> instances,
                        List<ServiceState> services, List<ClusterEvent> events) {
        public boolean isEmpty() {
            return !reset && tasks.isEmpty() && instances.isEmpty() && services.isEmpty() && events.isEmpty();
        }
    }

    /** Keeps the newest state of each thing the simulation reports, and every feed line. */
    private static final class Collector implements RuntimeListener {
        final Map<String, TaskState> tasks = new LinkedHashMap<>();
        final Map<String, InstanceState> instances = new LinkedHashMap<>();
        final Map<String, ServiceState> services = new LinkedHashMap<>();
        final List<ClusterEvent> events = new ArrayList<>();
        /** Reports received so far, drained or not. */
        long reports;

        void clear() {
            tasks.clear();
            instances.clear();
            services.clear();
            events.clear();
        }

        @Override
        public void taskChanged(TaskState task) {
            reports++;
            tasks.put(task.taskArn(), task);
        }

        @Override
        public void instanceChanged(InstanceState instance) {
            reports++;
            instances.put(instance.key(), instance);
        }

        @Override
        public void serviceChanged(ServiceState service) {
            reports++;
            services.put(service.key(), service);
        }

        @Override
        public void event(ClusterEvent event) {
            reports++;
            events.add(event);
        }
    }
}
