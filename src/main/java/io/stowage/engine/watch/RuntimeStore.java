package io.stowage.engine.watch;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns what an engine reports into one current {@link RuntimeSnapshot}, and passes every report on to its
 * subscribers. Engines report from their own threads. The store keeps its state in place (a report costs what it
 * changes, not a copy of everything) and hands readers an immutable snapshot, made when one is asked for after a
 * change, so a reader always sees a whole state.
 * <p>
 * What it keeps is bounded, as ECS bounds it: the feed holds the latest {@link RuntimeSnapshot#MAX_EVENTS} lines (a
 * ring), and a stopped task is forgotten {@link #STOPPED_TASK_RETENTION} after it was reported stopped, as ECS's
 * DescribeTasks and ListTasks stop returning a stopped task about an hour after it stopped (API Reference,
 * ListTasks: "stopped tasks appear in the returned results for at least one hour"). Running tasks, instances and
 * services are kept while they exist.
 */
public final class RuntimeStore implements RuntimeListener {
    /** How long a stopped task is kept after its stop was reported: as long as ECS still describes it. */
    public static final Duration STOPPED_TASK_RETENTION = Duration.ofHours(1);

    private final List<RuntimeListener> subscribers = new CopyOnWriteArrayList<>();
    private final InstantSource clock;
    private final Duration retention;
    // Guarded by this.
    private final Map<String, TaskState> tasks = new LinkedHashMap<>();
    private final Map<String, InstanceState> instances = new LinkedHashMap<>();
    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final ArrayDeque<ClusterEvent> events = new ArrayDeque<>();
    /** When each stopped task still kept was first reported stopped, oldest first. */
    private final Map<String, Instant> stoppedSince = new LinkedHashMap<>();
    private String engineLost;
    private RuntimeSnapshot snapshot = RuntimeSnapshot.EMPTY;
    private boolean changed;

    /** A store on the system clock, keeping stopped tasks {@link #STOPPED_TASK_RETENTION}. */
    public RuntimeStore() {
        this(Clock.systemUTC(), STOPPED_TASK_RETENTION);
    }

    /**
     * @param clock     what "now" is, for the stopped tasks' expiry
     * @param retention how long a stopped task is kept after its stop was reported
     */
    public RuntimeStore(InstantSource clock, Duration retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** The state now; the same object until something changes. */
    public synchronized RuntimeSnapshot snapshot() {
        expireStopped();
        if (changed) {
            snapshot = new RuntimeSnapshot(tasks, instances, services, List.copyOf(events), engineLost);
            changed = false;
        }
        return snapshot;
    }

    public void subscribe(RuntimeListener listener) {
        subscribers.add(listener);
    }

    public void unsubscribe(RuntimeListener listener) {
        subscribers.remove(listener);
    }

    /** Forgets stopped tasks; reported to nobody, as it is the reader's own choice. */
    public synchronized void clearStopped() {
        if (tasks.values().removeIf(TaskState::isStopped)) {
            changed = true;
        }
        stoppedSince.clear();
    }

    @Override
    public void taskChanged(TaskState task) {
        synchronized (this) {
            tasks.put(task.taskArn(), task);
            if (task.isStopped()) {
                stoppedSince.putIfAbsent(task.taskArn(), clock.instant());
            }
            changed = true;
            expireStopped();
        }
        subscribers.forEach(l -> l.taskChanged(task));
    }

    @Override
    public void instanceChanged(InstanceState instance) {
        synchronized (this) {
            instances.put(instance.key(), instance);
            changed = true;
        }
        subscribers.forEach(l -> l.instanceChanged(instance));
    }

    @Override
    public void serviceChanged(ServiceState service) {
        synchronized (this) {
            services.put(service.key(), service);
            changed = true;
        }
        subscribers.forEach(l -> l.serviceChanged(service));
    }

    @Override
    public void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
        subscribers.forEach(l -> l.containerMetrics(taskArn, containerName, sample));
    }

    @Override
    public void event(ClusterEvent event) {
        synchronized (this) {
            events.addLast(event);
            while (events.size() > RuntimeSnapshot.MAX_EVENTS) {
                events.removeFirst();
            }
            changed = true;
        }
        subscribers.forEach(l -> l.event(event));
    }

    @Override
    public void engineLost(String reason) {
        setEngineLost(reason);
        subscribers.forEach(l -> l.engineLost(reason));
    }

    @Override
    public void engineBack() {
        setEngineLost(null);
        subscribers.forEach(RuntimeListener::engineBack);
    }

    private synchronized void setEngineLost(String reason) {
        engineLost = reason;
        changed = true;
    }

    /** Forgets the stopped tasks reported stopped longer than the retention ago; the oldest are first. */
    private void expireStopped() {
        if (stoppedSince.isEmpty()) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        Iterator<Map.Entry<String, Instant>> oldest = stoppedSince.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Instant> entry = oldest.next();
            if (entry.getValue().isAfter(cutoff)) {
                return;
            }
            oldest.remove();
            TaskState task = tasks.get(entry.getKey());
            if (task != null && task.isStopped()) {
                tasks.remove(entry.getKey());
                changed = true;
            }
        }
    }
}
