package io.stowage.ui.sim;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.sim.Scenario;
import io.stowage.ui.live.TaskActions;
import javafx.scene.control.TextInputDialog;

import java.util.Optional;

/**
 * The tasks panel's actions while a simulation plays: each becomes an action of the simulation's scenario at the
 * current virtual time.
 */
final class SimulationTaskActions implements TaskActions {
    private final SimulateControl control;

    SimulationTaskActions(SimulateControl control) {
        this.control = control;
    }

    @Override
    public void stopTask(TaskState task) {
        Optional<String> service = serviceId(task);
        if (service.isEmpty() || task.containers().isEmpty()) {
            control.context().problem().show("Nothing to stop", "Only a running service task can be stopped in a "
                    + "simulation.");
            return;
        }
        // Its essential container killed from outside (exit code 137): the agent stops the task, the service replaces it.
        String container = task.containers().stream().filter(c -> c.essential()).findFirst()
                .orElse(task.containers().get(0)).name();
        control.act(new Scenario.Action.Kill(control.session().elapsed(), service.get(), container, 137,
                task.taskArn()));
    }

    @Override
    public void scaleService(TaskState task) {
        serviceId(task).ifPresent(id -> askScale(control, id, task.serviceName()));
    }

    @Override
    public void copyShellCommand(TaskState task, String container) {
        control.context().problem().show("No shell in a simulation", "A simulated container runs nowhere: run the "
                + "design locally (Run › Run Locally) to open a shell in it.");
    }

    /** Asks for a new desired count of a service, and scales it in the simulation. */
    static void askScale(SimulateControl control, String serviceId, String serviceName) {
        var state = control.session().simulation().serviceState(serviceId);
        TextInputDialog ask = new TextInputDialog(Integer.toString(state.desiredCount()));
        ask.initOwner(control.context().owner().get());
        ask.setTitle("Scale service");
        ask.setHeaderText("Desired count of service " + serviceName + " in the simulation");
        ask.getEditor().setId("scale-desired-count");
        ask.showAndWait().ifPresent(text -> {
            int count;
            try {
                count = Integer.parseInt(text.strip());
            } catch (NumberFormatException notANumber) {
                control.context().problem().show("Not a desired count", "\"" + text + "\" is not a whole number of tasks.");
                return;
            }
            if (count < 0) {
                control.context().problem().show("Not a desired count", "A desired count is 0 or more, not " + count + ".");
                return;
            }
            control.act(new Scenario.Action.Scale(control.session().elapsed(), serviceId, count));
        });
    }

    /** The design's id of the service a task belongs to. */
    private Optional<String> serviceId(TaskState task) {
        if (task.serviceName() == null || control.session() == null) {
            return Optional.empty();
        }
        for (Cluster c : control.session().design().clusters()) {
            String name = c.name() == null ? c.id() : c.name();
            if (name.equals(task.cluster())) {
                for (Service s : c.services()) {
                    String serviceName = s.serviceName() == null ? s.id() : s.serviceName();
                    if (serviceName.equals(task.serviceName())) {
                        return Optional.of(s.id());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
