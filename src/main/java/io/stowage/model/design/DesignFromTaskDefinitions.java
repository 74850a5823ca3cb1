package io.stowage.model.design;

import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a design that runs as it is from task definitions, e.g. the files a user already keeps in git: one
 * cluster {@code default}, one service per task definition with one task, and capacity that fits all of them
 * at once. Whatever it has to assume is returned as notes.
 */
public final class DesignFromTaskDefinitions {
    public static final String CLUSTER_ID = "default";
    /**
     * Stands in for the subnets awsvpc tasks need; the form {@code <...>} is a template placeholder that
     * validation and deployment recognise, so it cannot reach ECS unnoticed.
     */
    public static final String PLACEHOLDER_SUBNET = "<SUBNET_ID>";

    private DesignFromTaskDefinitions() {
    }

    /** A design named after the single family, or "imported" for several. */
    public static ImportedDesign build(List<TaskDefinition> taskDefinitions) {
        String name = taskDefinitions.size() == 1 && taskDefinitions.get(0).family() != null
                ? taskDefinitions.get(0).family() : "imported";
        return build(name, taskDefinitions);
    }

    public static ImportedDesign build(String name, List<TaskDefinition> taskDefinitions) {
        List<DesignNote> notes = new ArrayList<>();
        Map<String, TaskDefinition> byFamily = byFamily(taskDefinitions, notes);
        return DesignFromWorkloads.build(name, CLUSTER_ID,
                byFamily.values().stream().map(DesignFromWorkloads.Workload::service).toList(), notes);
    }

    /**
     * FARGATE when the task definition requires FARGATE compatibility and not EC2: registering validates it for
     * Fargate then, and an EC2-compatible one runs on instances, the cheaper default for a local design.
     */
    static boolean isFargateOnly(TaskDefinition td) {
        List<String> compatibilities = td.requiresCompatibilities();
        return compatibilities.contains(LaunchTypes.FARGATE) && !compatibilities.contains(LaunchTypes.EC2);
    }

    /** One task definition per family, the later of two winning; a missing family gets a made-up one. */
    private static Map<String, TaskDefinition> byFamily(List<TaskDefinition> taskDefinitions, List<DesignNote> notes) {
        Map<String, TaskDefinition> out = new LinkedHashMap<>();
        int unnamed = 0;
        for (TaskDefinition td : taskDefinitions) {
            if (td.family() == null || td.family().isBlank() || td.family().contains("/")) {
                String family;
                do {
                    family = "taskdef-" + (++unnamed);
                } while (out.containsKey(family));
                notes.add(new DesignNote(ElementId.taskDefinition(family), "a task definition without a usable family ("
                        + (td.family() == null ? "none" : "\"" + td.family() + "\"") + ") was named " + family));
                td = td.withFamily(family);
            }
            if (out.containsKey(td.family())) {
                notes.add(new DesignNote(ElementId.taskDefinition(td.family()), "family " + td.family()
                        + " was given more than once; a design holds one revision per family, so the last one is kept"));
                out.remove(td.family());
            }
            out.put(td.family(), td);
        }
        return out;
    }
}
