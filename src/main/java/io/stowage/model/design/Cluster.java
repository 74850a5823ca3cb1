package io.stowage.model.design;

import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cluster: its EC2 container instances, its Fargate capacity if it has one, and what runs on them, the
 * services and the standalone tasks.
 *
 * @param id        the design's id, stable across renames; the element id is {@code cluster:<id>}
 * @param name      the ECS cluster name deploying creates
 * @param instances EC2 container instances
 * @param fargate   the Fargate capacity, or null when the cluster has none
 * @param services  services, in the order the design lists them
 * @param tasks     standalone tasks (RunTask), in the order the design lists them
 * @param extras    members of the file this build does not know, kept for writing back
 */
public record Cluster(String id, String name, List<ContainerInstance> instances, FargateCapacity fargate,
                      List<Service> services, List<StandaloneTask> tasks, JsonObject extras) {
    public Cluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        instances = List.copyOf(instances);
        services = List.copyOf(services);
        tasks = List.copyOf(tasks);
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    /** An empty cluster whose name is its id. */
    public static Cluster named(String id) {
        return new Cluster(id, id, List.of(), null, List.of(), List.of(), JsonObject.EMPTY);
    }

    public ElementId elementId() {
        return ElementId.cluster(id);
    }

    public boolean hasFargate() {
        return fargate != null;
    }

    public Optional<FargateCapacity> fargateCapacity() {
        return Optional.ofNullable(fargate);
    }

    public Optional<ContainerInstance> instance(String instanceId) {
        return instances.stream().filter(i -> i.id().equals(instanceId)).findFirst();
    }

    public Optional<Service> service(String serviceId) {
        return services.stream().filter(s -> s.id().equals(serviceId)).findFirst();
    }

    public Optional<StandaloneTask> task(String taskId) {
        return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }

    public Cluster withName(String value) {
        return new Cluster(id, value, instances, fargate, services, tasks, extras);
    }

    public Cluster withInstances(List<ContainerInstance> value) {
        return new Cluster(id, name, value, fargate, services, tasks, extras);
    }

    /** With the instance replacing the one of the same id in place, or appended. */
    public Cluster withInstance(ContainerInstance value) {
        return withInstances(replaceOrAppend(instances, value, ContainerInstance::id));
    }

    public Cluster withoutInstance(String instanceId) {
        return withInstances(instances.stream().filter(i -> !i.id().equals(instanceId)).toList());
    }

    /** With Fargate capacity; null removes it. */
    public Cluster withFargate(FargateCapacity value) {
        return new Cluster(id, name, instances, value, services, tasks, extras);
    }

    public Cluster withServices(List<Service> value) {
        return new Cluster(id, name, instances, fargate, value, tasks, extras);
    }

    /** With the service replacing the one of the same id in place, or appended. */
    public Cluster withService(Service value) {
        return withServices(replaceOrAppend(services, value, Service::id));
    }

    public Cluster withoutService(String serviceId) {
        return withServices(services.stream().filter(s -> !s.id().equals(serviceId)).toList());
    }

    public Cluster withTasks(List<StandaloneTask> value) {
        return new Cluster(id, name, instances, fargate, services, value, extras);
    }

    /** With the task replacing the one of the same id in place, or appended. */
    public Cluster withTask(StandaloneTask value) {
        return withTasks(replaceOrAppend(tasks, value, StandaloneTask::id));
    }

    public Cluster withoutTask(String taskId) {
        return withTasks(tasks.stream().filter(t -> !t.id().equals(taskId)).toList());
    }

    public Cluster withExtras(JsonObject value) {
        return new Cluster(id, name, instances, fargate, services, tasks, value);
    }

    /** The element ids of this cluster and everything in it, in drawing order. */
    public List<ElementId> elementIds() {
        List<ElementId> out = new ArrayList<>();
        out.add(elementId());
        if (hasFargate()) {
            out.add(ElementId.fargate(id));
        }
        instances.forEach(i -> out.add(ElementId.instance(id, i.id())));
        services.forEach(s -> out.add(ElementId.service(id, s.id())));
        tasks.forEach(t -> out.add(ElementId.task(id, t.id())));
        return out;
    }

    static <T> List<T> replaceOrAppend(List<T> items, T value, Function<T, String> idOf) {
        List<T> copy = new ArrayList<>(items);
        String key = idOf.apply(value);
        for (int i = 0; i < copy.size(); i++) {
            if (idOf.apply(copy.get(i)).equals(key)) {
                copy.set(i, value);
                return copy;
            }
        }
        copy.add(value);
        return copy;
    }
}
