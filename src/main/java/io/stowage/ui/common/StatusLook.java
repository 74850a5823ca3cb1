package io.stowage.ui.common;

import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import javafx.css.PseudoClass;
import javafx.scene.Node;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How a status looks everywhere it is shown (chips, table rows, details): one pseudo-class per phase, so the
 * stylesheet alone decides the colours, in the light and the dark theme alike.
 */
public final class StatusLook {
    public static final PseudoClass STARTING = PseudoClass.getPseudoClass("starting");
    public static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");
    public static final PseudoClass STOPPING = PseudoClass.getPseudoClass("stopping");
    public static final PseudoClass STOPPED = PseudoClass.getPseudoClass("stopped");
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    public static final PseudoClass HEALTHY = PseudoClass.getPseudoClass("healthy");
    public static final PseudoClass UNHEALTHY = PseudoClass.getPseudoClass("unhealthy");

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusLook() {
    }

    /** Sets the pseudo-classes of a task's phase and health on the node, clearing the others. */
    public static void apply(Node node, TaskState task) {
        TaskStatus status = task == null ? null : task.lastStatus();
        boolean stopped = status == TaskStatus.STOPPED;
        boolean failed = stopped && failed(task);
        node.pseudoClassStateChanged(STARTING, status != null && !status.isAfter(TaskStatus.ACTIVATING));
        node.pseudoClassStateChanged(RUNNING, status == TaskStatus.RUNNING);
        node.pseudoClassStateChanged(STOPPING, status != null && status.isStopping() && !stopped);
        node.pseudoClassStateChanged(STOPPED, stopped && !failed);
        node.pseudoClassStateChanged(FAILED, failed);
        HealthStatus health = task == null ? null : task.healthStatus();
        node.pseudoClassStateChanged(HEALTHY, health == HealthStatus.HEALTHY);
        node.pseudoClassStateChanged(UNHEALTHY, health == HealthStatus.UNHEALTHY);
    }

    /**
     * A stopped task failed when it never started, or an essential container exited with a code other than 0
     * (or with none known) without the user or the scheduler stopping it. A job that finished its work did not.
     */
    public static boolean failed(TaskState task) {
        String code = task.stopCode();
        if ("TaskFailedToStart".equals(code)) {
            return true;
        }
        if ("UserInitiated".equals(code) || "ServiceSchedulerInitiated".equals(code)) {
            return false;
        }
        return task.containers().stream().anyMatch(c -> c.essential() && (c.exitCode() == null || c.exitCode() != 0));
    }

    public static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }
}
