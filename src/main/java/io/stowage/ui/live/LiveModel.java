package io.stowage.ui.live;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.ui.common.ResourceUse;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What runs, as the views on the JavaFX thread see it: tasks (in the order they appeared), instances, services,
 * the cluster-wide feed, recent resource samples per container, and whether the engine answers. Only
 * {@link RuntimeFxBridge} changes it, once per batch; {@link #revision()} moves once per batch, so views that
 * draw the whole picture (the canvas overlay) redraw once.
 */
public final class LiveModel {
    public static final int MAX_EVENTS = 2000;
    public static final int METRIC_SAMPLES = 60;

    private final ObservableList<TaskState> tasks = FXCollections.observableArrayList();
    private final Map<String, Integer> taskIndex = new HashMap<>();
    private final ObservableMap<String, InstanceState> instances = FXCollections.observableHashMap();
    private final ObservableMap<String, ServiceState> services = FXCollections.observableHashMap();
    private final ObservableList<ClusterEvent> events = FXCollections.observableArrayList();
    private final Map<String, Deque<ContainerMetrics>> metrics = new HashMap<>();
    private final ReadOnlyStringWrapper engineLost = new ReadOnlyStringWrapper();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    // Made once: each unmodifiable view listens to its list, and listeners must not be added off the FX thread.
    private final ObservableList<TaskState> tasksView = FXCollections.unmodifiableObservableList(tasks);
    private final ObservableMap<String, InstanceState> instancesView = FXCollections.unmodifiableObservableMap(instances);
    private final ObservableMap<String, ServiceState> servicesView = FXCollections.unmodifiableObservableMap(services);
    private final ObservableList<ClusterEvent> eventsView = FXCollections.unmodifiableObservableList(events);

    public ObservableList<TaskState> tasks() {
        return tasksView;
    }

    public ObservableMap<String, InstanceState> instances() {
        return instancesView;
    }

    public ObservableMap<String, ServiceState> services() {
        return servicesView;
    }

    public ObservableList<ClusterEvent> events() {
        return eventsView;
    }

    /** Why the engine does not answer, or null while it does. */
    public ReadOnlyStringProperty engineLost() {
        return engineLost.getReadOnlyProperty();
    }

    /** Moves once after each batch of changes. */
    public ReadOnlyLongProperty revision() {
        return revision.getReadOnlyProperty();
    }

    public Optional<TaskState> task(String taskArn) {
        Integer index = taskIndex.get(taskArn);
        return index == null ? Optional.empty() : Optional.of(tasks.get(index));
    }

    /** The tasks placed on one instance, in order. */
    public List<TaskState> tasksOn(String cluster, String instanceId) {
        return tasks.stream().filter(t -> cluster.equals(t.cluster()) && instanceId.equals(t.instanceId())).toList();
    }

    /** The tasks of one service, in order. */
    public List<TaskState> tasksOfService(String cluster, String serviceName) {
        return tasks.stream().filter(t -> cluster.equals(t.cluster()) && serviceName.equals(t.serviceName())).toList();
    }

    /** The latest samples of a container of a task, oldest first. */
    public List<ContainerMetrics> metrics(String taskArn, String container) {
        Deque<ContainerMetrics> samples = metrics.get(taskArn + "/" + container);
        return samples == null ? List.of() : List.copyOf(samples);
    }

    /** A container's recent CPU and memory. */
    public ResourceUse use(String taskArn, String container) {
        Deque<ContainerMetrics> samples = metrics.get(taskArn + "/" + container);
        return samples == null ? ResourceUse.NONE : ResourceUse.of(List.of(List.copyOf(samples)));
    }

    /** A task's recent CPU and memory: its containers' added up. */
    public ResourceUse use(TaskState task) {
        List<List<ContainerMetrics>> all = new ArrayList<>();
        for (var container : task.containers()) {
            Deque<ContainerMetrics> samples = metrics.get(task.taskArn() + "/" + container.name());
            if (samples != null) {
                all.add(List.copyOf(samples));
            }
        }
        return ResourceUse.of(all);
    }

    /** Forgets the stopped tasks, as "Clear stopped" does. */
    public void clearStopped() {
        for (TaskState task : tasks) {
            if (task.isStopped()) {
                task.containers().forEach(c -> metrics.remove(task.taskArn() + "/" + c.name()));
            }
        }
        tasks.removeIf(TaskState::isStopped);
        reindex();
        revision.set(revision.get() + 1);
    }

    /** Forgets everything, when a new run or watch starts. */
    public void clear() {
        tasks.clear();
        taskIndex.clear();
        instances.clear();
        services.clear();
        events.clear();
        metrics.clear();
        engineLost.set(null);
        revision.set(revision.get() + 1);
    }

    /**
     * Applies one batch of newest states on the JavaFX thread, as the {@link RuntimeFxBridge} does for an engine's
     * reports: for a source that already runs on the JavaFX thread (the simulation, whose frames are its batches).
     */
    public void apply(Collection<TaskState> changedTasks, Collection<InstanceState> changedInstances,
                      Collection<ServiceState> changedServices, List<ClusterEvent> added) {
        putTasks(changedTasks);
        changedInstances.forEach(this::putInstance);
        changedServices.forEach(this::putService);
        if (!added.isEmpty()) {
            addEvents(added);
        }
        batchApplied();
    }

    /** Applies a batch as one change of the list, so filters, sorting and the table work once per batch. */
    void putTasks(Collection<TaskState> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<TaskState> copy = new ArrayList<>(tasks);
        for (TaskState task : changed) {
            Integer index = taskIndex.get(task.taskArn());
            if (index == null) {
                taskIndex.put(task.taskArn(), copy.size());
                copy.add(task);
            } else {
                copy.set(index, task);
            }
        }
        tasks.setAll(copy);
    }

    void putInstance(InstanceState instance) {
        instances.put(instance.key(), instance);
    }

    void putService(ServiceState service) {
        services.put(service.key(), service);
    }

    void addEvents(List<ClusterEvent> added) {
        events.addAll(added);
        if (events.size() > MAX_EVENTS) {
            events.remove(0, events.size() - MAX_EVENTS);
        }
    }

    void addMetrics(String taskArn, String container, ContainerMetrics sample) {
        Deque<ContainerMetrics> samples = metrics.computeIfAbsent(taskArn + "/" + container, k -> new ArrayDeque<>());
        samples.addLast(sample);
        while (samples.size() > METRIC_SAMPLES) {
            samples.removeFirst();
        }
    }

    void setEngineLost(String reason) {
        engineLost.set(reason);
    }

    void batchApplied() {
        revision.set(revision.get() + 1);
    }

    private void reindex() {
        taskIndex.clear();
        for (int i = 0; i < tasks.size(); i++) {
            taskIndex.put(tasks.get(i).taskArn(), i);
        }
    }
}
