package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs for a design, read back from Docker by label, without the process that started it: for
 * {@code stowage ps} after {@code up --detach}. A task is RUNNING while every container that ran still runs,
 * STOPPED once all have stopped, PENDING otherwise; the pause container is internal and not shown, as ECS
 * does not report it.
 */
final class TaskReader {

    private TaskReader() {
    }

    static RuntimeSnapshot read(DockerClient docker, String designKey, Design design) {
        Map<String, List<Container>> byTask = new LinkedHashMap<>();
        List<Container> all = new ArrayList<>(docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EcsLabels.DESIGN, designKey)).exec());
        all.sort((a, b) -> Long.compare(a.getCreated(), b.getCreated()));
        for (Container c : all) {
            String arn = c.getLabels().get(EcsLabels.TASK_ARN);
            if (arn != null) {
                byTask.computeIfAbsent(arn, a -> new ArrayList<>()).add(c);
            }
        }
        RuntimeSnapshot snapshot = RuntimeSnapshot.EMPTY;
        for (Map.Entry<String, List<Container>> e : byTask.entrySet()) {
            snapshot = snapshot.withTask(task(e.getKey(), e.getValue(), design));
        }
        return snapshot;
    }

    private static TaskState task(String arn, List<Container> containers, Design design) {
        Map<String, String> labels = containers.get(0).getLabels();
        String family = labels.get(EcsLabels.FAMILY);
        var td = design == null ? null : design.taskDefinition(family).orElse(null);
        List<ContainerState> states = new ArrayList<>();
        boolean anyRunning = false;
        boolean allStopped = true;
        Instant created = Instant.ofEpochSecond(containers.get(0).getCreated());
        Map<String, Container> byName = new LinkedHashMap<>();
        for (Container c : containers) {
            byName.put(c.getLabels().get(EcsLabels.CONTAINER_NAME), c);
            boolean running = "running".equals(c.getState());
            anyRunning |= running;
            allStopped &= !running;
        }
        List<String> order = new ArrayList<>();
        if (td != null) {
            td.containerDefinitions().forEach(cd -> order.add(cd.name()));
        }
        byName.keySet().stream().filter(n -> !order.contains(n)).forEach(order::add);
        boolean pending = false;
        for (String name : order) {
            if (ContainerNames.internal(name)) {
                continue;
            }
            ContainerDefinition cd = td == null ? null : td.containerDefinitions().stream()
                    .filter(d -> name.equals(d.name())).findFirst().orElse(null);
            boolean essential = cd == null || cd.essential() == null || cd.essential();
            Container c = byName.get(name);
            if (c == null) {
                pending = true;
                states.add(ContainerState.pending(name, cd == null ? null : cd.image(), essential));
                continue;
            }
            ContainerStatus status = switch (c.getState()) {
                case "running" -> ContainerStatus.RUNNING;
                case "exited", "dead" -> ContainerStatus.STOPPED;
                default -> ContainerStatus.PENDING;
            };
            pending |= status == ContainerStatus.PENDING;
            Integer exit = status == ContainerStatus.STOPPED ? exitCode(c.getStatus()) : null;
            HealthStatus health = cd != null && cd.healthCheck() != null ? health(c.getStatus()) : null;
            states.add(new ContainerState(name, c.getId(), c.getImage(), status, exit, null, health, essential,
                    bindings(c), null, null));
        }
        TaskStatus status = allStopped ? TaskStatus.STOPPED : pending || !anyRunning ? TaskStatus.PENDING
                : TaskStatus.RUNNING;
        String cluster = labels.get(EcsLabels.CLUSTER);
        String instance = labels.get(EcsLabels.INSTANCE);
        return new TaskState(arn, cluster, labels.get(EcsLabels.GROUP),
                "arn:aws:ecs:local:000000000000:task-definition/" + family + ":" + labels.get(EcsLabels.VERSION),
                instance == null ? null : InstanceBook.instanceArn(cluster, instance), instance, null,
                labels.get(EcsLabels.LAUNCH_TYPE), status, allStopped ? TaskStatus.STOPPED : TaskStatus.RUNNING,
                null, null, null, created, null, null, states);
    }

    /** Docker's status text: {@code Exited (1) 3 seconds ago}. */
    private static Integer exitCode(String status) {
        if (status == null) {
            return null;
        }
        int open = status.indexOf('(');
        int close = status.indexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        try {
            return Integer.valueOf(status.substring(open + 1, close));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HealthStatus health(String status) {
        if (status == null) {
            return HealthStatus.UNKNOWN;
        }
        if (status.contains("(healthy)")) {
            return HealthStatus.HEALTHY;
        }
        return status.contains("(unhealthy)") ? HealthStatus.UNHEALTHY : HealthStatus.UNKNOWN;
    }

    private static List<NetworkBinding> bindings(Container c) {
        List<NetworkBinding> out = new ArrayList<>();
        for (ContainerPort p : c.getPorts()) {
            if (p.getPublicPort() != null && p.getIp() != null && !p.getIp().contains(":")) {
                out.add(new NetworkBinding(p.getIp(), p.getPrivatePort(), p.getPublicPort(), p.getType()));
            }
        }
        return out;
    }
}
