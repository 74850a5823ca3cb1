package io.stowage.model.design;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Stowage design: clusters with their capacity, services and tasks, the task definitions they run, and where
 * each element is drawn. Immutable; every change returns a new design, so an edit can hold the document before
 * and after. It does not know its file format version; the format layer reads and writes it.
 *
 * @param name            what the user calls the design
 * @param clusters        clusters, in order
 * @param taskDefinitions task definitions by family, in order: a design holds one revision per family, each the
 *                        RegisterTaskDefinition input verbatim
 * @param layout          where elements are drawn, apart from what they mean
 * @param extras          top-level members of the file this build does not know (e.g. from a newer Stowage that
 *                        still writes a format this build reads), kept for writing back
 * @param id              the design's identity (a random UUID), given once when it is created, imported or first
 *                        saved and kept by every edit, save, rename and move; what its local run is keyed by. Null
 *                        for a design from a file written before designs had one, until its next save
 */
public record Design(String name, List<Cluster> clusters, Map<String, TaskDefinition> taskDefinitions,
                     Layout layout, JsonObject extras, String id) {
    public Design {
        Objects.requireNonNull(name, "name");
        clusters = List.copyOf(clusters);
        Map<String, TaskDefinition> copy = new LinkedHashMap<>();
        taskDefinitions.forEach((family, td) -> {
            if (!family.equals(td.family())) {
                throw new IllegalArgumentException("task definition keyed " + family + " has family " + td.family());
            }
            copy.put(family, td);
        });
        taskDefinitions = Collections.unmodifiableMap(copy);
        layout = layout == null ? Layout.EMPTY : layout;
        extras = extras == null ? JsonObject.EMPTY : extras;
        id = id == null || id.isBlank() ? null : id;
    }

    /** A design without an identity yet (see {@link #identified()}). */
    public Design(String name, List<Cluster> clusters, Map<String, TaskDefinition> taskDefinitions, Layout layout,
                  JsonObject extras) {
        this(name, clusters, taskDefinitions, layout, extras, null);
    }

    public static Design empty(String name) {
        return new Design(name, List.of(), Map.of(), Layout.EMPTY, JsonObject.EMPTY);
    }

    /** A new random identity, for a design that has none. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** This design, with a new identity when it has none yet (created, imported, or saved for the first time). */
    public Design identified() {
        return id != null ? this : withId(newId());
    }

    public Design withId(String value) {
        return new Design(name, clusters, taskDefinitions, layout, extras, value);
    }

    public Optional<Cluster> cluster(String clusterId) {
        return clusters.stream().filter(c -> c.id().equals(clusterId)).findFirst();
    }

    public Optional<TaskDefinition> taskDefinition(String family) {
        return Optional.ofNullable(family == null ? null : taskDefinitions.get(family));
    }

    /** The task definitions in order. */
    public List<TaskDefinition> taskDefinitionList() {
        return List.copyOf(taskDefinitions.values());
    }

    public Design withName(String value) {
        return new Design(value, clusters, taskDefinitions, layout, extras, id);
    }

    public Design withClusters(List<Cluster> value) {
        return new Design(name, value, taskDefinitions, layout, extras, id);
    }

    /** With the cluster replacing the one of the same id in place, or appended. */
    public Design withCluster(Cluster value) {
        return withClusters(Cluster.replaceOrAppend(clusters, value, Cluster::id));
    }

    /** Without the cluster, and without the layout of it and everything in it. */
    public Design withoutCluster(String clusterId) {
        return new Design(name, clusters.stream().filter(c -> !c.id().equals(clusterId)).toList(), taskDefinitions,
                layout.without(ElementId.cluster(clusterId)), extras, id);
    }

    /**
     * With the task definition replacing the one of its family in place, or appended.
     *
     * @throws IllegalArgumentException when it has no family, which ECS requires and the design keys by
     */
    public Design withTaskDefinition(TaskDefinition value) {
        if (value.family() == null) {
            throw new IllegalArgumentException("a task definition needs a family to be part of a design");
        }
        Map<String, TaskDefinition> copy = new LinkedHashMap<>(taskDefinitions);
        copy.put(value.family(), value);
        return new Design(name, clusters, copy, layout, extras, id);
    }

    /** Without the task definition, and without the layout of it and its containers. */
    public Design withoutTaskDefinition(String family) {
        Map<String, TaskDefinition> copy = new LinkedHashMap<>(taskDefinitions);
        copy.remove(family);
        return new Design(name, clusters, copy, layout.without(ElementId.taskDefinition(family)), extras, id);
    }

    public Design withLayout(Layout value) {
        return new Design(name, clusters, taskDefinitions, value, extras, id);
    }

    public Design withExtras(JsonObject value) {
        return new Design(name, clusters, taskDefinitions, layout, value, id);
    }

    /** With layout entries only for elements that exist, e.g. after removing a service. */
    public Design withPrunedLayout() {
        return withLayout(layout.retainOnly(elementIds()));
    }

    /** Every element of the design, clusters first, each followed by what it holds, then task definitions. */
    public Set<ElementId> elementIds() {
        Set<ElementId> out = new LinkedHashSet<>();
        clusters.forEach(c -> out.addAll(c.elementIds()));
        taskDefinitions.forEach((family, td) -> {
            out.add(ElementId.taskDefinition(family));
            for (ContainerDefinition container : td.containerDefinitions()) {
                if (container.name() != null) {
                    out.add(ElementId.container(family, container.name()));
                }
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /**
     * The launch types the family runs on in this design: those of the services and standalone tasks that use
     * it. Empty when nothing uses it.
     */
    public Set<String> launchTypesOf(String family) {
        Set<String> out = new LinkedHashSet<>();
        for (Cluster cluster : clusters) {
            cluster.services().stream().filter(s -> family.equals(s.taskDefinitionFamily()))
                    .forEach(s -> out.add(s.launchType()));
            cluster.tasks().stream().filter(t -> family.equals(t.taskDefinitionFamily()))
                    .forEach(t -> out.add(t.launchType()));
        }
        return Collections.unmodifiableSet(out);
    }
}
