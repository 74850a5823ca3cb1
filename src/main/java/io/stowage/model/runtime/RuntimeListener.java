package io.stowage.model.runtime;

/**
 * How an engine (the local runner, the ECS watcher) reports what it observes. Engines call it from their own
 * threads; a UI adapter moves the calls to the UI thread, batched. Each call carries the whole new state of one
 * thing, so a listener that misses nothing between two calls needs no diffing.
 */
public interface RuntimeListener {

    /** A task appeared or changed. */
    default void taskChanged(TaskState task) {
    }

    /** An instance's reported state changed. */
    default void instanceChanged(InstanceState instance) {
    }

    /** A service's counts or events changed. */
    default void serviceChanged(ServiceState service) {
    }

    /** A new resource-use sample of one container of a task. */
    default void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
    }

    /** A line for the cluster-wide feed. */
    default void event(ClusterEvent event) {
    }

    /**
     * The engine stopped answering (the Docker daemon went away, the endpoint failed); what was known is kept
     * until it answers again.
     *
     * @param reason what happened, in words a user can act on
     */
    default void engineLost(String reason) {
    }

    /** The engine answers again and what is known was reconciled with it. */
    default void engineBack() {
    }

    RuntimeListener NONE = new RuntimeListener() {
    };
}
