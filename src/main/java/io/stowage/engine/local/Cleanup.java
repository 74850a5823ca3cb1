package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.agent.DependencyGraph;
import io.stowage.model.design.Design;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Takes down what Stowage made for a design, found by label: every container (each task's stopped in reverse
 * dependency order with its stop timeout, tasks at once, the pause container last), the task-scoped volumes and
 * the design's network. Shared volumes stay, as the agent leaves them (ecs-semantics §1.1).
 */
final class Cleanup {

    private Cleanup() {
    }

    /** @param removeNetwork whether the design's network goes too ({@code up} keeps it to use again) */
    static Removed down(DockerClient docker, String designKey, Design design, boolean removeNetwork,
                        Consumer<String> progress) {
        Map<String, String> filter = Map.of(EcsLabels.DESIGN, designKey);
        // The run marker first: a run still supervising the design hears it go and stops replacing tasks.
        for (Container marker : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.RUN_MARKER, designKey)).exec()) {
            remove(docker, marker.getId());
        }
        int containers = 0;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stowage-down");
            t.setDaemon(true);
            return t;
        });
        // Containers the engine's storage driver would not let go of: said once, left for the next down.
        Map<String, String> held = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            for (int round = 0; round < 5; round++) {
                List<Container> found = new ArrayList<>(
                        docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
                found.removeIf(c -> held.containsKey(c.getId()));
                if (found.isEmpty()) {
                    break;
                }
                Map<String, List<Container>> byTask = new LinkedHashMap<>();
                for (Container c : found) {
                    byTask.computeIfAbsent(c.getLabels().getOrDefault(EcsLabels.TASK_ARN, c.getId()),
                            k -> new ArrayList<>()).add(c);
                }
                // Each task goes down on its own: stopped in reverse dependency order, then removed at once, so no
                // task waits for the slowest other one.
                List<CompletableFuture<Void>> tasks = new ArrayList<>();
                for (List<Container> task : byTask.values()) {
                    tasks.add(CompletableFuture.runAsync(() -> {
                        stopTask(docker, task, design, pool);
                        List<CompletableFuture<Void>> removals = new ArrayList<>();
                        for (Container c : task) {
                            removals.add(CompletableFuture.runAsync(() -> {
                                try {
                                    remove(docker, c.getId());
                                } catch (InternalServerErrorException e) {
                                    if (!isBusy(e)) {
                                        throw e;
                                    }
                                    held.put(c.getId(), c.getNames() == null || c.getNames().length == 0
                                            ? c.getId() : c.getNames()[0].replaceFirst("^/", ""));
                                }
                            }, pool));
                        }
                        CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).join();
                        String arn = task.get(0).getLabels().get(EcsLabels.TASK_ARN);
                        if (arn != null) {
                            TaskCgroups.removeLeftover(arn.substring(arn.lastIndexOf('/') + 1));
                        }
                    }, pool));
                }
                CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
                long removed = found.stream().filter(c -> !held.containsKey(c.getId())).count();
                containers += (int) removed;
                progress.accept("removed " + removed + " containers");
            }
        } finally {
            pool.shutdownNow();
        }
        held.values().forEach(name -> progress.accept("container " + name + " is not removed: the Docker engine's "
                + "storage driver still holds its file system (device or resource busy, often after the engine "
                + "restarted); stowage down again removes it once the engine lets go"));
        // Once more: a run started just before may have made its marker while the containers went.
        for (Container marker : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.RUN_MARKER, designKey)).exec()) {
            remove(docker, marker.getId());
        }
        int volumes = 0;
        for (var v : docker.listVolumesCmd().withFilter("label", List.of(EcsLabels.DESIGN + "=" + designKey))
                .exec().getVolumes()) {
            if (v.getLabels() != null && "task".equals(v.getLabels().get(EcsLabels.SCOPE))) {
                try {
                    docker.removeVolumeCmd(v.getName()).exec();
                    volumes++;
                } catch (NotFoundException gone) {
                    // Removed meanwhile.
                }
            }
        }
        int networks = 0;
        for (var n : !removeNetwork ? List.<com.github.dockerjava.api.model.Network>of() : docker.listNetworksCmd().withFilter("label", List.of(EcsLabels.DESIGN + "=" + designKey)).exec()) {
            try {
                docker.removeNetworkCmd(n.getId()).exec();
                networks++;
            } catch (NotFoundException gone) {
                // Removed meanwhile.
            } catch (ConflictException | InternalServerErrorException inUse) {
                if (held.isEmpty()) {
                    throw inUse;
                }
                progress.accept("network " + n.getName() + " is not removed while the containers above are not");
            }
        }
        if (volumes + networks > 0) {
            progress.accept("removed " + volumes + " volumes, " + networks + " networks");
        }
        return new Removed(containers, volumes, networks);
    }

    /** Stops one task's running containers: those nothing running depends on first, the pause containers last. */
    private static void stopTask(DockerClient docker, List<Container> containers, Design design, ExecutorService pool) {
        Map<String, Container> byName = new LinkedHashMap<>();
        for (Container c : containers) {
            if ("running".equals(c.getState())) {
                byName.put(c.getLabels().getOrDefault(EcsLabels.CONTAINER_NAME, c.getId()), c);
            }
        }
        String family = containers.get(0).getLabels().get(EcsLabels.FAMILY);
        DependencyGraph graph = design == null ? null
                : design.taskDefinition(family).map(DependencyGraph::of).orElse(null);
        Map<String, Integer> timeouts = new LinkedHashMap<>();
        if (design != null) {
            design.taskDefinition(family).ifPresent(td -> td.containerDefinitions().forEach(cd ->
                    timeouts.put(cd.name(), ContainerSpecMapper.stopTimeout(cd.stopTimeout()))));
        }
        Set<String> stopped = new HashSet<>();
        while (stopped.size() < byName.size()) {
            List<String> level = new ArrayList<>();
            for (String name : byName.keySet()) {
                if (stopped.contains(name)) {
                    continue;
                }
                boolean pauseWaits = ContainerNames.internal(name) && byName.keySet().stream()
                        .anyMatch(n -> !ContainerNames.internal(n) && !stopped.contains(n));
                boolean dependentsRun = graph != null && graph.dependentsOf(name).stream()
                        .anyMatch(d -> byName.containsKey(d) && !stopped.contains(d));
                if (!pauseWaits && !dependentsRun) {
                    level.add(name);
                }
            }
            if (level.isEmpty()) {
                level.addAll(byName.keySet().stream().filter(n -> !stopped.contains(n)).toList());
            }
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (String name : level) {
                String id = byName.get(name).getId();
                int timeout = timeouts.getOrDefault(name, ContainerSpecMapper.DEFAULT_STOP_TIMEOUT_SECONDS);
                stops.add(CompletableFuture.runAsync(() -> {
                    try {
                        if (ContainerNames.internal(name)) {
                            docker.killContainerCmd(id).exec();
                        } else {
                            docker.stopContainerCmd(id).withTimeout(timeout).exec();
                        }
                    } catch (NotFoundException | NotModifiedException | ConflictException alreadyDown) {
                        // Stopped or removed meanwhile.
                    }
                }, pool));
            }
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
            stopped.addAll(level);
        }
    }

    static void remove(DockerClient docker, String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                return;
            } catch (NotFoundException | ConflictException gone) {
                return; // Removed meanwhile, or its removal is under way.
            } catch (InternalServerErrorException e) {
                // The engine's storage driver can still hold a just-stopped container's root file system
                // ("driver overlay2 failed to remove root filesystem ... device or resource busy"); moby lets go
                // of it within moments, so down retries rather than leaving the container behind.
                if (attempt >= BUSY_RETRIES || !isBusy(e)) {
                    throw e;
                }
                pause(attempt * 250L);
            }
        }
    }

    private static final int BUSY_RETRIES = 5;

    static boolean isBusy(RuntimeException e) {
        String message = e.getMessage();
        return message != null && message.contains("device or resource busy");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing a container", interrupted);
        }
    }
}
