package io.stowage.engine.watch;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Turns what an engine reports into one current {@link RuntimeSnapshot}, and passes every report on to its
 * subscribers. Engines report from their own threads; the snapshot is replaced atomically, so a reader always
 * sees a whole state.
 */
public final class RuntimeStore implements RuntimeListener {

    private final List<RuntimeListener> subscribers = new CopyOnWriteArrayList<>();
    private volatile RuntimeSnapshot snapshot = RuntimeSnapshot.EMPTY;

    public RuntimeSnapshot snapshot() {
        return snapshot;
    }

    public void subscribe(RuntimeListener listener) {
        subscribers.add(listener);
    }

    public void unsubscribe(RuntimeListener listener) {
        subscribers.remove(listener);
    }

    /** Forgets stopped tasks; reported to nobody, as it is the reader's own choice. */
    public void clearStopped() {
        update(RuntimeSnapshot::withoutStoppedTasks);
    }

    @Override
    public void taskChanged(TaskState task) {
        update(s -> s.withTask(task));
        subscribers.forEach(l -> l.taskChanged(task));
    }

    @Override
    public void instanceChanged(InstanceState instance) {
        update(s -> s.withInstance(instance));
        subscribers.forEach(l -> l.instanceChanged(instance));
    }

    @Override
    public void serviceChanged(ServiceState service) {
        update(s -> s.withService(service));
        subscribers.forEach(l -> l.serviceChanged(service));
    }

    @Override
    public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
        subscribers.forEach(l -> l.containerMetrics(taskArn, containerName, sample));
    }

    @Override
    public void event(ClusterEvent event) {
        update(s -> s.withEvent(event));
        subscribers.forEach(l -> l.event(event));
    }

    @Override
    public void engineLost(String reason) {
        update(s -> s.withEngineLost(reason));
        subscribers.forEach(l -> l.engineLost(reason));
    }

    @Override
    public void engineBack() {
        update(s -> s.withEngineLost(null));
        subscribers.forEach(RuntimeListener::engineBack);
    }

    private synchronized void update(UnaryOperator<RuntimeSnapshot> change) {
        snapshot = change.apply(snapshot);
    }
}
