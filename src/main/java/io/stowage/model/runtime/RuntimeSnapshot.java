package io.stowage.model.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything known of what runs, at one moment: tasks, instances, services, the latest feed lines and whether
 * the engine answers. Immutable, apart from the design and never part of its undo history.
 *
 * @param tasks      tasks by ARN, in the order they first appeared
 * @param instances  instances by {@link InstanceState#key()}
 * @param services   services by {@link ServiceState#key()}
 * @param events     the latest feed lines, oldest first, at most {@link #MAX_EVENTS}
 * @param engineLost why the engine does not answer, or null while it does
 */
public record RuntimeSnapshot(Map<String, TaskState> tasks, Map<String, InstanceState> instances,
                              Map<String, ServiceState> services, List<ClusterEvent> events, String engineLost) {
    public static final int MAX_EVENTS = 1000;
    public static final RuntimeSnapshot EMPTY = new RuntimeSnapshot(Map.of(), Map.of(), Map.of(), List.of(), null);

    public RuntimeSnapshot {
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        events = List.copyOf(events.size() > MAX_EVENTS ? events.subList(events.size() - MAX_EVENTS, events.size())
                : events);
    }

    public List<TaskState> taskList() {
        return List.copyOf(tasks.values());
    }

    /** The tasks of one cluster, in order. */
    public List<TaskState> tasksOf(String cluster) {
        return tasks.values().stream().filter(t -> cluster.equals(t.cluster())).toList();
    }

    /** The tasks placed on one instance of one cluster, in order. */
    public List<TaskState> tasksOn(String cluster, String instanceId) {
        return tasks.values().stream()
                .filter(t -> cluster.equals(t.cluster()) && instanceId.equals(t.instanceId())).toList();
    }

    /** The tasks of one service of one cluster, in order. */
    public List<TaskState> tasksOfService(String cluster, String serviceName) {
        return tasks.values().stream()
                .filter(t -> cluster.equals(t.cluster()) && serviceName.equals(t.serviceName())).toList();
    }

    public RuntimeSnapshot withTask(TaskState task) {
        return new RuntimeSnapshot(put(tasks, task, TaskState::taskArn), instances, services, events, engineLost);
    }

    public RuntimeSnapshot withInstance(InstanceState instance) {
        return new RuntimeSnapshot(tasks, put(instances, instance, InstanceState::key), services, events, engineLost);
    }

    public RuntimeSnapshot withService(ServiceState service) {
        return new RuntimeSnapshot(tasks, instances, put(services, service, ServiceState::key), events, engineLost);
    }

    public RuntimeSnapshot withEvent(ClusterEvent event) {
        List<ClusterEvent> copy = new ArrayList<>(events);
        copy.add(event);
        return new RuntimeSnapshot(tasks, instances, services, copy, engineLost);
    }

    /** @param reason why the engine does not answer, or null when it answers again */
    public RuntimeSnapshot withEngineLost(String reason) {
        return new RuntimeSnapshot(tasks, instances, services, events, reason);
    }

    /** Without the stopped tasks, as "clear" in the tasks panel does. */
    public RuntimeSnapshot withoutStoppedTasks() {
        Map<String, TaskState> running = new LinkedHashMap<>(tasks);
        running.values().removeIf(TaskState::isStopped);
        return new RuntimeSnapshot(running, instances, services, events, engineLost);
    }

    private static <T> Map<String, T> put(Map<String, T> map, T value, Function<T, String> key) {
        Map<String, T> copy = new LinkedHashMap<>(map);
        copy.put(key.apply(value), value);
        return copy;
    }
}
