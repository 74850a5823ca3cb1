package io.stowage.engine.local;

import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code stowage ps} shows: the tasks Docker's labels say exist, with what the run's record knows of them
 * (desired status, stopped reason and code, container reasons, restart counts, health), and the recorded tasks
 * that never made a container. Docker is the truth for what runs: a container the record thinks running but Docker
 * has stopped is shown stopped with Docker's exit code; a task the record holds as running whose containers are all
 * gone from Docker is shown STOPPED.
 */
final class RecordedTasks {
    static final String CONTAINERS_GONE = "The task's containers were removed outside Stowage";

    private RecordedTasks() {
    }

    static RuntimeSnapshot merge(RuntimeSnapshot docker, RunRecord record) {
        if (record == null) {
            return docker;
        }
        // While the process that writes the record lives, it has seen every exit and restart: Docker's container
        // list, which can still say "running" just after a container died, does not undo a recorded stop.
        boolean kept = ProcessHandle.of(record.pid()).map(ProcessHandle::isAlive).orElse(false);
        Map<String, TaskState> out = new LinkedHashMap<>();
        Map<String, TaskState> seen = new LinkedHashMap<>();
        docker.taskList().forEach(t -> seen.put(t.taskArn(), t));
        for (TaskState recorded : record.tasks()) {
            TaskState live = seen.remove(recorded.taskArn());
            out.put(recorded.taskArn(), live == null ? withoutContainers(recorded) : merge(recorded, live, kept));
        }
        out.putAll(seen);
        RuntimeSnapshot snapshot = RuntimeSnapshot.EMPTY;
        for (TaskState t : out.values()) {
            snapshot = snapshot.withTask(t);
        }
        for (ServiceState s : record.services()) {
            snapshot = snapshot.withService(s);
        }
        return snapshot;
    }

    /** A recorded task Docker has no container of: one that never made any, or whose containers were removed. */
    private static TaskState withoutContainers(TaskState recorded) {
        boolean hadContainers = recorded.containers().stream().anyMatch(c -> c.runtimeId() != null);
        if (recorded.isStopped() || !hadContainers && recorded.lastStatus() == TaskStatus.PENDING
                && recorded.desiredStatus() == TaskStatus.RUNNING && recorded.containerInstanceArn() == null) {
            // Stopped (e.g. failed before it made a container), or shown PENDING because it could not be placed.
            return recorded;
        }
        List<ContainerState> containers = new ArrayList<>();
        for (ContainerState c : recorded.containers()) {
            containers.add(c.lastStatus() == ContainerStatus.STOPPED ? c : c.withLastStatus(ContainerStatus.STOPPED));
        }
        TaskState gone = recorded.stoppedReason() == null ? recorded.stopping(CONTAINERS_GONE, null) : recorded;
        return gone.withContainers(containers).withDesiredStatus(TaskStatus.STOPPED)
                .withLastStatus(TaskStatus.STOPPED);
    }

    private static TaskState merge(TaskState recorded, TaskState live, boolean kept) {
        Map<String, ContainerState> liveByName = new LinkedHashMap<>();
        live.containers().forEach(c -> liveByName.put(c.name(), c));
        List<ContainerState> containers = new ArrayList<>();
        for (ContainerState r : recorded.containers()) {
            ContainerState l = liveByName.remove(r.name());
            containers.add(l == null || l.runtimeId() == null ? r : merge(r, l, kept));
        }
        containers.addAll(liveByName.values());
        TaskState merged = recorded.withContainers(containers);
        if (!recorded.isStopped() && live.isStopped()) {
            // Everything it made has stopped since the record was written (no agent watched it end).
            merged = merged.withDesiredStatus(TaskStatus.STOPPED).withLastStatus(TaskStatus.STOPPED);
        } else if (recorded.lastStatus() == TaskStatus.RUNNING && live.lastStatus() != TaskStatus.RUNNING
                && !live.isStopped()) {
            merged = merged.withLastStatus(live.lastStatus());
        }
        return merged;
    }

    private static ContainerState merge(ContainerState recorded, ContainerState live, boolean kept) {
        ContainerState c = recorded.withRuntimeId(live.runtimeId()).withNetworkBindings(
                live.networkBindings().isEmpty() ? recorded.networkBindings() : live.networkBindings());
        if (live.lastStatus() == ContainerStatus.STOPPED && recorded.lastStatus() != ContainerStatus.STOPPED) {
            c = c.stopped(live.exitCode(), recorded.reason(), null);
        } else if (live.lastStatus() == ContainerStatus.RUNNING && recorded.lastStatus() == ContainerStatus.STOPPED
                && !kept) {
            // Started again since (a restart policy, or docker start): Docker says it runs.
            c = new ContainerState(c.name(), c.runtimeId(), c.image(), ContainerStatus.RUNNING, null, null,
                    live.healthStatus(), c.essential(), c.networkBindings(), c.startedAt(), null, c.restartCount());
        }
        if (c.lastStatus() == ContainerStatus.STOPPED && c.exitCode() == null && live.exitCode() != null
                && live.lastStatus() == ContainerStatus.STOPPED) {
            c = c.stopped(live.exitCode(), c.reason(), c.finishedAt()); // Docker kept the code the record missed
        }
        if (live.healthStatus() != null && c.lastStatus() == ContainerStatus.RUNNING) {
            c = c.withHealthStatus(live.healthStatus());
        }
        return c;
    }
}
