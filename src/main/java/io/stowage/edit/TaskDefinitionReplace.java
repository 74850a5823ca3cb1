package io.stowage.edit;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces a task definition of a design, also when its family changes: the design keys task definitions by
 * family, so a new family renames the entry in place, moves its layout and re-points the services and standalone
 * tasks that ran the old family. Pure; no toolkit.
 */
public final class TaskDefinitionReplace {
    private TaskDefinitionReplace() {
    }

    /**
     * @throws IllegalArgumentException when the new task definition has no family, or one another task
     *                                  definition of the design already has
     */
    public static Design replace(Design design, String family, TaskDefinition value) {
        String newFamily = value.family();
        if (newFamily == null || newFamily.isBlank()) {
            throw new IllegalArgumentException("a task definition needs a family");
        }
        if (newFamily.equals(family)) {
            return design.withTaskDefinition(value);
        }
        if (design.taskDefinitions().containsKey(newFamily)) {
            throw new IllegalArgumentException("the design already has a task definition " + newFamily);
        }
        Map<String, TaskDefinition> map = new LinkedHashMap<>();
        design.taskDefinitions().forEach((f, td) -> {
            if (f.equals(family)) {
                map.put(newFamily, value);
            } else {
                map.put(f, td);
            }
        });
        List<Cluster> clusters = new ArrayList<>();
        for (Cluster cluster : design.clusters()) {
            List<Service> services = cluster.services().stream().map(s -> family.equals(s.taskDefinitionFamily())
                    ? s.withSpec(s.spec().withTaskDefinition(repoint(s.taskDefinition(), newFamily))) : s).toList();
            List<StandaloneTask> tasks = cluster.tasks().stream().map(t -> family.equals(t.taskDefinitionFamily())
                    ? t.withRun(t.run().withTaskDefinition(repoint(t.taskDefinition(), newFamily))) : t).toList();
            clusters.add(cluster.withServices(services).withTasks(tasks));
        }
        return new Design(design.name(), clusters, map, Renames.layout(design.layout(),
                ElementId.taskDefinition(family), ElementId.taskDefinition(newFamily)), design.extras(), design.id());
    }

    /**
     * The edit "Edit JSON of" the family, replacing its task definition by the value (renaming it when the family
     * changes), or null when that changes nothing.
     *
     * @throws IllegalArgumentException as {@link #replace}
     */
    public static Edit edit(Design design, String family, TaskDefinition value) {
        Design after = replace(design, family, value);
        return after.equals(design) ? null : Edit.of("Edit JSON of " + family, design, after);
    }

    private static String repoint(TaskDefinitionRef ref, String family) {
        return new TaskDefinitionRef(family, ref.revision()).toString();
    }
}
