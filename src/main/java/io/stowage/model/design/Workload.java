package io.stowage.model.design;

import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.json.JsonObject;

/**
 * Something a cluster runs tasks for: a service (CreateService) or a standalone task (RunTask). What they share,
 * read from their ECS input, so that rules, placement and importers treat the two alike where ECS does.
 */
public sealed interface Workload permits Service, StandaloneTask {
    /** A service's tasks, or a standalone (RunTask) task's. */
    enum Kind { SERVICE, TASK }

    /** The design's id, unique among the cluster's workloads of its kind. */
    String id();

    Kind kind();

    /** Members of the file's entry this build does not know, kept for writing back. */
    JsonObject extras();

    /** The task definition it names, or null when its input names none. */
    TaskDefinitionRef taskDefinition();

    /** The family of the task definition it runs, or null when its input names none. */
    default String taskDefinitionFamily() {
        TaskDefinitionRef ref = taskDefinition();
        return ref == null ? null : ref.family();
    }

    /** EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES; see {@link LaunchTypes#effective}. */
    String launchType();

    /** Whether its input states {@code launchType}. */
    boolean statesLaunchType();

    /** Whether its input states a capacity provider strategy. */
    boolean usesCapacityProviders();

    /** Its network configuration, or null. */
    NetworkConfiguration networkConfiguration();

    /** Whether its input states placement strategies or constraints. */
    boolean statesPlacement();

    /**
     * How many tasks it asks for in this cluster: a service's desired count (one per instance for a DAEMON service;
     * 0 when not stated), a standalone task's RunTask count (1 when not stated).
     */
    int tasksWanted(Cluster cluster);

    /** How messages name it: "service web", "task migrate". */
    String label();

    /** The JSON path of its ECS input in the design file, e.g. {@code clusters[0].services[1].service}. */
    String inputPath(int clusterIndex, int index);
}
