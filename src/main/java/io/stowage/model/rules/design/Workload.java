package io.stowage.model.rules.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.NetworkConfiguration;

/**
 * What the design rules need to know of a service or a standalone task ({@link io.stowage.model.design.Workload}),
 * where in the design it is.
 *
 * @param cluster         the cluster it is in
 * @param label           how messages name it, e.g. "service web"
 * @param specPath        the JSON path of its CreateService or RunTask input, e.g. {@code clusters[0].services[1].service}
 * @param taskDefinition  the task definition it names, or null
 * @param launchType      its effective launch type
 * @param launchTypeGiven whether it states {@code launchType}
 * @param usesProviders   whether it states a capacity provider strategy
 * @param network         its network configuration, or null
 * @param placementRules  whether it states placement strategies or constraints
 * @param tasksWanted     how many tasks it asks for (desired count or RunTask count); 0 when unknown
 */
record Workload(Cluster cluster, String label, String specPath, TaskDefinitionRef taskDefinition, String launchType,
                boolean launchTypeGiven, boolean usesProviders, NetworkConfiguration network, boolean placementRules,
                int tasksWanted) {

    static Workload of(Cluster cluster, int clusterIndex, int index, io.stowage.model.design.Workload workload) {
        return new Workload(cluster, workload.label(), workload.inputPath(clusterIndex, index),
                workload.taskDefinition(), workload.launchType(), workload.statesLaunchType(),
                workload.usesCapacityProviders(), workload.networkConfiguration(), workload.statesPlacement(),
                workload.tasksWanted(cluster));
    }

    String path(String member) {
        return specPath + "." + member;
    }
}
