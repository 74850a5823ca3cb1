package io.stowage.model.runtime;

/**
 * Passes reports on until it is closed, then drops them: a source that is being stopped (a watcher finishing a
 * call under way) can no longer change what the listener shows, without anyone waiting for it to end.
 */
public final class GatedListener implements RuntimeListener {
    private final RuntimeListener target;
    private volatile boolean open = true;

    public GatedListener(RuntimeListener target) {
        this.target = target;
    }

    /** From now on, nothing more reaches the target. */
    public void close() {
        open = false;
    }

    @Override
    public void taskChanged(TaskState task) {
        if (open) {
            target.taskChanged(task);
        }
    }

    @Override
    public void instanceChanged(InstanceState instance) {
        if (open) {
            target.instanceChanged(instance);
        }
    }

    @Override
    public void serviceChanged(ServiceState service) {
        if (open) {
            target.serviceChanged(service);
        }
    }

    @Override
    public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
        if (open) {
            target.containerMetrics(taskArn, containerName, sample);
        }
    }

    @Override
    public void event(ClusterEvent event) {
        if (open) {
            target.event(event);
        }
    }

    @Override
    public void engineLost(String reason) {
        if (open) {
            target.engineLost(reason);
        }
    }

    @Override
    public void engineBack() {
        if (open) {
            target.engineBack();
        }
    }
}
