package io.stowage.model.sim;

import io.stowage.model.agent.TaskStateMachine;
import io.stowage.model.agent.TaskStateMachine.Action;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One task played on the virtual clock: the agent's rules ({@link TaskStateMachine}) with each container doing
 * what its {@link ContainerBehaviour} says instead of what Docker would. Only {@link #advance} moves it, to a time
 * no earlier than the last; {@link #nextEventAt} says when it next needs to be advanced.
 */
public final class SimulatedTask {
    private final TaskStateMachine machine;
    private final Function<String, ContainerBehaviour> behaviours;
    /** Per container: when its start completes. */
    private final Map<String, Instant> startsAt = new HashMap<>();
    /** Per container: when it exits by itself, and with which code. */
    private final Map<String, Instant> exitsAt = new HashMap<>();
    private final Map<String, Integer> exitCodes = new HashMap<>();
    private final Map<String, Instant> runningSince = new HashMap<>();
    private final Map<String, Boolean> forcedUnhealthy = new HashMap<>();
    private TaskStatus lastStatus;

    public SimulatedTask(TaskDefinition td, Function<String, ContainerBehaviour> behaviours) {
        this.machine = new TaskStateMachine(td);
        this.behaviours = name -> {
            ContainerBehaviour b = behaviours.apply(name);
            return b == null ? ContainerBehaviour.DEFAULT : b;
        };
    }

    public TaskStateMachine machine() {
        return machine;
    }

    /** Stops the task (the scheduler's or a user's stop), with ECS's reason and stop code. */
    public void stop(String reason, String code) {
        machine.stop(reason, code);
    }

    /** The container is killed from outside now (a scenario's kill): it exits with {@code exitCode}. */
    public void kill(String container, int exitCode, Instant now) {
        if (machine.find(container).isPresent() && runningSince.containsKey(container)) {
            exit(container, exitCode, now);
        }
    }

    /** The container's health check fails from now on. */
    public void makeUnhealthy(String container) {
        forcedUnhealthy.put(container, true);
    }

    /**
     * Moves the task to {@code now}: what its containers do by then happens, the rules apply, and their actions are
     * carried out. Returns whether its task status changed.
     */
    public boolean advance(Instant now) {
        for (String name : new ArrayList<>(startsAt.keySet())) {
            if (!startsAt.get(name).isAfter(now)) {
                Instant at = startsAt.remove(name);
                machine.started(name, at);
                runningSince.put(name, at);
                ContainerBehaviour b = behaviours.apply(name);
                if (b.exitsAfter() != null) {
                    exitsAt.put(name, at.plus(b.exitsAfter()));
                    exitCodes.put(name, b.exitCode());
                }
            }
        }
        for (String name : new ArrayList<>(exitsAt.keySet())) {
            if (!exitsAt.get(name).isAfter(now)) {
                Instant at = exitsAt.get(name);
                exit(name, exitCodes.get(name), at);
            }
        }
        for (int round = 0; round < 100; round++) {
            List<Action> actions = machine.advance(now);
            if (actions.isEmpty()) {
                break;
            }
            for (Action action : actions) {
                carryOut(action, now);
            }
        }
        boolean changed = machine.status() != lastStatus;
        lastStatus = machine.status();
        return changed;
    }

    private void exit(String name, Integer code, Instant at) {
        exitsAt.remove(name);
        exitCodes.remove(name);
        runningSince.remove(name);
        startsAt.remove(name);
        machine.exited(name, code, null, at);
    }

    private void carryOut(Action action, Instant now) {
        String name = action.container();
        ContainerBehaviour b = behaviours.apply(name);
        if (action instanceof Action.Create) {
            machine.created(name, now);
        } else if (action instanceof Action.Start || action instanceof Action.Restart) {
            startsAt.put(name, now.plus(b.startsIn()));
        } else if (action instanceof Action.Stop) {
            if (!b.ignoresSigterm()) {
                exit(name, ContainerBehaviour.SIGTERM_EXIT, now);
            }
        } else if (action instanceof Action.Kill) {
            exit(name, ContainerBehaviour.SIGKILL_EXIT, now);
        } else if (action instanceof Action.CheckHealth) {
            Instant since = runningSince.get(name);
            boolean passed = since != null && !b.neverHealthy() && !forcedUnhealthy.containsKey(name)
                    && !now.isBefore(since.plus(b.healthyAfter()));
            machine.checked(name, passed, now);
        }
    }

    /** When something next happens to it by itself, or empty when nothing will until it is told. */
    public Optional<Instant> nextEventAt() {
        Instant earliest = machine.nextDeadline().orElse(null);
        for (Instant t : startsAt.values()) {
            earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
        }
        for (Instant t : exitsAt.values()) {
            earliest = earliest == null || t.isBefore(earliest) ? t : earliest;
        }
        return Optional.ofNullable(earliest);
    }

    public TaskStatus status() {
        return machine.status();
    }
}
