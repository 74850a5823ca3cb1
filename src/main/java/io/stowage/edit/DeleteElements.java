package io.stowage.edit;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Deletes the selected elements in one undoable edit: "Delete 3 elements". Deleting a container also removes
 * the dependsOn, links and volumesFrom entries that name it; deleting any element forgets where it, and what
 * was inside it, was drawn. A service left pointing at a deleted task definition is reported by validation,
 * not silently removed.
 */
public final class DeleteElements {
    private DeleteElements() {
    }

    /** The edit, or null when nothing selected can be deleted. */
    public static Edit of(Design design, Set<ElementId> elements) {
        Design after = design;
        int deleted = 0;
        // Innermost first, so a container is deleted before (or instead of) the task definition around it.
        List<ElementId> ordered = elements.stream()
                .sorted(Comparator.comparingInt((ElementId id) -> depth(id)).reversed()).toList();
        for (ElementId id : ordered) {
            Design next = delete(after, id);
            if (next != after) {
                after = next;
                deleted++;
            }
        }
        if (deleted == 0) {
            return null;
        }
        after = after.withPrunedLayout();
        String what = deleted == 1 ? describe(ordered.get(0)) : deleted + " elements";
        return Edit.of("Delete " + what, design, after);
    }

    private static Design delete(Design design, ElementId id) {
        String local = id.localId();
        ElementId parent = id.parent();
        switch (id.kind()) {
            case ElementId.CONTAINER -> {
                String family = parent.localId();
                boolean present = design.taskDefinition(family)
                        .map(td -> td.containerDefinitions().stream().anyMatch(c -> local.equals(c.name())))
                        .orElse(false);
                return present ? DesignEdits.deleteContainer(design, family, local).after() : design;
            }
            case ElementId.TASK_DEFINITION -> {
                return design.taskDefinition(local).isPresent() ? design.withoutTaskDefinition(local) : design;
            }
            case ElementId.CLUSTER -> {
                return design.cluster(local).isPresent() ? design.withoutCluster(local) : design;
            }
            default -> {
                Cluster cluster = parent == null ? null : design.cluster(parent.localId()).orElse(null);
                if (cluster == null) {
                    return design;
                }
                Cluster changed = switch (id.kind()) {
                    case ElementId.INSTANCE -> cluster.withoutInstance(local);
                    case ElementId.SERVICE -> cluster.withoutService(local);
                    case ElementId.TASK -> cluster.withoutTask(local);
                    case ElementId.FARGATE -> cluster.withFargate(null);
                    default -> cluster;
                };
                return changed.equals(cluster) ? design : design.withCluster(changed);
            }
        }
    }

    private static int depth(ElementId id) {
        int depth = 0;
        for (ElementId at = id.parent(); at != null; at = at.parent()) {
            depth++;
        }
        return depth;
    }

    /** "service web", "task definition api", "Fargate capacity": how menus name an element. */
    static String describe(ElementId id) {
        String kind = switch (id.kind()) {
            case ElementId.TASK_DEFINITION -> "task definition";
            case ElementId.INSTANCE -> "instance";
            case ElementId.FARGATE -> "Fargate capacity";
            case ElementId.TASK -> "task";
            default -> id.kind();
        };
        return id.kind().equals(ElementId.FARGATE) ? kind : kind + " " + id.localId();
    }
}
