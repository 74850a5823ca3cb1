package io.stowage.testsupport;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Keeps everything an engine reports, and lets a test wait for a condition on it without sleeping. */
public final class RecordingListener implements RuntimeListener {
    private final List<TaskState> taskHistory = new ArrayList<>();
    private final Map<String, TaskState> tasks = new LinkedHashMap<>();
    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final List<ClusterEvent> events = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private final Map<String, List<ContainerMetrics>> metrics = new LinkedHashMap<>();
    private int back;

    @Override
    public synchronized void containerMetrics(String taskArn, String containerName, ContainerMetrics sample) {
        metrics.computeIfAbsent(taskArn + "/" + containerName, k -> new ArrayList<>()).add(sample);
        notifyAll();
    }

    /** The samples reported for a container of a task, oldest first. */
    public synchronized List<ContainerMetrics> metrics(String taskArn, String containerName) {
        return List.copyOf(metrics.getOrDefault(taskArn + "/" + containerName, List.of()));
    }

    @Override
    public synchronized void taskChanged(TaskState task) {
        taskHistory.add(task);
        tasks.put(task.taskArn(), task);
        notifyAll();
    }

    @Override
    public synchronized void instanceChanged(InstanceState instance) {
        notifyAll();
    }

    @Override
    public synchronized void serviceChanged(ServiceState service) {
        services.put(service.key(), service);
        notifyAll();
    }

    @Override
    public synchronized void event(ClusterEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void engineLost(String reason) {
        lost.add(reason);
        notifyAll();
    }

    @Override
    public synchronized void engineBack() {
        back++;
        notifyAll();
    }

    public synchronized List<TaskState> tasks() {
        return List.copyOf(tasks.values());
    }

    public synchronized List<TaskState> history() {
        return List.copyOf(taskHistory);
    }

    public synchronized List<ClusterEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<ServiceState> services() {
        return List.copyOf(services.values());
    }

    public synchronized List<String> lost() {
        return List.copyOf(lost);
    }

    public synchronized int back() {
        return back;
    }

    /** Waits until the condition holds on this listener, or fails after the timeout saying what was seen. */
    public synchronized void await(String what, Duration timeout, Predicate<RecordingListener> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.test(this)) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; tasks: " + tasks.values().stream().map(t -> t.group() + " " + t.shortId() + " "
                        + t.lastStatus() + " " + t.stoppedReason() + " " + t.containers()).toList()
                        + "; events: " + events.stream().map(ClusterEvent::message).toList());
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
