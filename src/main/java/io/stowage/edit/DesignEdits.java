package io.stowage.edit;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.VolumeFrom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The edits of a design the canvas and inspector make, as pure functions from a document to an {@link Edit}.
 * None of them touches history; the caller pushes the edit. An edit that changes nothing comes back as a
 * no-op edit, which history ignores.
 */
public final class DesignEdits {
    private DesignEdits() {
    }

    /** Brings back what a crash left unsaved: the recovered design over the one the files hold. */
    public static Edit restoreUnsaved(Design opened, Design recovered) {
        return Edit.of("Restore unsaved changes", opened, recovered);
    }

    /**
     * Moves (or resizes) elements to the given bounds: "Move 3 elements". Moves of the same elements merge, so
     * a run of arrow-key nudges is one step of history.
     */
    public static Edit move(Design design, Map<ElementId, Bounds> newBounds) {
        Layout layout = design.layout();
        for (Map.Entry<ElementId, Bounds> entry : newBounds.entrySet()) {
            layout = layout.with(entry.getKey(), entry.getValue());
        }
        Set<ElementId> ids = new TreeSet<>(newBounds.keySet());
        return Edit.merging(moveDescription(ids.size()), design, design.withLayout(layout), "move:" + ids);
    }

    /**
     * Moves elements by an offset, each with everything drawn inside it (bounds are absolute), as an arrow-key
     * nudge or a drag does; elements without bounds stay where the canvas places them. The description counts
     * the elements given.
     */
    public static Edit moveBy(Design design, Set<ElementId> elements, double dx, double dy) {
        Map<ElementId, Bounds> moved = new LinkedHashMap<>();
        design.layout().bounds().forEach((id, bounds) -> {
            if (elements.stream().anyMatch(e -> id.equals(e) || id.isInside(e))) {
                moved.put(id, bounds.movedTo(bounds.x() + dx, bounds.y() + dy));
            }
        });
        Layout layout = design.layout();
        for (Map.Entry<ElementId, Bounds> entry : moved.entrySet()) {
            layout = layout.with(entry.getKey(), entry.getValue());
        }
        Set<ElementId> ids = new TreeSet<>(elements);
        return Edit.merging(moveDescription(ids.size()), design, design.withLayout(layout), "move:" + ids);
    }

    /**
     * Gives one element new bounds, as dragging its resize handle does: "Resize service web". Elements inside it
     * keep theirs (bounds are absolute). Resizes of the same element merge, like nudges.
     */
    public static Edit resize(Design design, ElementId element, Bounds bounds) {
        Design after = design.withLayout(design.layout().with(element, bounds));
        return Edit.merging("Resize " + DeleteElements.describe(element), design, after, "resize:" + element);
    }

    private static String moveDescription(int count) {
        return "Move " + count + (count == 1 ? " element" : " elements");
    }

    /**
     * Changes one field of a container definition: "Change memory". Changes of the same field of the same
     * container merge, so typing in a field is one step of history.
     *
     * @param field  the field's name as the user sees it, e.g. {@code memory}; part of the description and key
     * @param change the change, e.g. {@code c -> c.withMemory(512)}
     * @throws IllegalArgumentException when the design has no such task definition or container
     */
    public static Edit setContainerField(Design design, String family, String containerName, String field,
                                         UnaryOperator<ContainerDefinition> change) {
        Objects.requireNonNull(field, "field");
        TaskDefinition td = taskDefinition(design, family);
        int index = indexOf(td, containerName);
        List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
        ContainerDefinition changed = Objects.requireNonNull(change.apply(containers.get(index)), "change returned null");
        if (!Objects.equals(changed.name(), containerName)) {
            throw new IllegalArgumentException("a field change must not rename the container; rename it on its own");
        }
        containers.set(index, changed);
        Design after = design.withTaskDefinition(td.withContainerDefinitions(containers));
        return Edit.merging("Change " + field, design, after,
                "container-field:" + ElementId.container(family, containerName) + "#" + field);
    }

    /**
     * Adds a container definition at the end of a task definition: "Add container web".
     *
     * @throws IllegalArgumentException when the container has no name, or the task definition already has one
     *                                  of its name, or the design has no such task definition
     */
    public static Edit addContainer(Design design, String family, ContainerDefinition container) {
        TaskDefinition td = taskDefinition(design, family);
        String name = container.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a container needs a name");
        }
        if (td.containerDefinitions().stream().anyMatch(c -> name.equals(c.name()))) {
            throw new IllegalArgumentException("task definition " + family + " already has a container " + name);
        }
        List<ContainerDefinition> containers = new ArrayList<>(td.containerDefinitions());
        containers.add(container);
        return Edit.of("Add container " + name, design,
                design.withTaskDefinition(td.withContainerDefinitions(containers)));
    }

    /**
     * Deletes a container definition and, in the same edit, every reference to it in its task definition
     * ({@code dependsOn}, {@code links} as {@code name} or {@code name:alias}, {@code volumesFrom}) and its
     * place on the canvas: "Delete container web". A list emptied this way is removed.
     *
     * @throws IllegalArgumentException when the design has no such task definition or container
     */
    public static Edit deleteContainer(Design design, String family, String containerName) {
        TaskDefinition td = taskDefinition(design, family);
        indexOf(td, containerName);
        List<ContainerDefinition> kept = new ArrayList<>();
        for (ContainerDefinition container : td.containerDefinitions()) {
            if (!containerName.equals(container.name())) {
                kept.add(withoutReferencesTo(container, containerName));
            }
        }
        Design after = design.withTaskDefinition(td.withContainerDefinitions(kept));
        after = after.withLayout(after.layout().without(ElementId.container(family, containerName)));
        return Edit.of("Delete container " + containerName, design, after);
    }

    /** The container without its dependsOn, links and volumesFrom entries naming {@code name}. */
    static ContainerDefinition withoutReferencesTo(ContainerDefinition container, String name) {
        ContainerDefinition out = container;
        List<ContainerDependency> dependsOn = container.dependsOn().stream()
                .filter(d -> !name.equals(d.containerName())).toList();
        if (dependsOn.size() != container.dependsOn().size()) {
            out = out.withDependsOn(dependsOn.isEmpty() ? null : dependsOn);
        }
        List<String> links = container.links().stream().filter(l -> !name.equals(linkTarget(l))).toList();
        if (links.size() != container.links().size()) {
            out = out.withLinks(links.isEmpty() ? null : links);
        }
        List<VolumeFrom> volumesFrom = container.volumesFrom().stream()
                .filter(v -> !name.equals(v.sourceContainer())).toList();
        if (volumesFrom.size() != container.volumesFrom().size()) {
            out = out.withVolumesFrom(volumesFrom.isEmpty() ? null : volumesFrom);
        }
        return out;
    }

    /** The container a links entry names: {@code name} or {@code name:alias}. */
    static String linkTarget(String link) {
        int colon = link.indexOf(':');
        return colon < 0 ? link : link.substring(0, colon);
    }

    private static TaskDefinition taskDefinition(Design design, String family) {
        return design.taskDefinition(family)
                .orElseThrow(() -> new IllegalArgumentException("the design has no task definition " + family));
    }

    private static int indexOf(TaskDefinition td, String containerName) {
        List<ContainerDefinition> containers = td.containerDefinitions();
        for (int i = 0; i < containers.size(); i++) {
            if (Objects.equals(containers.get(i).name(), containerName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("task definition " + td.family() + " has no container " + containerName);
    }
}
