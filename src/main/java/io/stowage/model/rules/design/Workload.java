package io.stowage.model.rules.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.NetworkConfiguration;

/**
 * What the design rules need to know of a service or a standalone task, which share most of them.
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

    static Workload of(Cluster cluster, int clusterIndex, int index, Service service) {
        var spec = service.spec();
        int wanted = service.isDaemon() ? cluster.instances().size()
                : spec.desiredCount() == null ? 0 : Math.max(0, spec.desiredCount());
        return new Workload(cluster, "service " + (service.serviceName() == null ? service.id() : service.serviceName()),
                "clusters[" + clusterIndex + "].services[" + index + "].service", service.taskDefinition(),
                service.launchType(), spec.launchType() != null, !spec.capacityProviderStrategy().isEmpty(),
                spec.networkConfiguration(),
                !spec.placementStrategy().isEmpty() || !spec.placementConstraints().isEmpty(), wanted);
    }

    static Workload of(Cluster cluster, int clusterIndex, int index, StandaloneTask task) {
        var run = task.run();
        return new Workload(cluster, "task " + task.id(), "clusters[" + clusterIndex + "].tasks[" + index + "].run",
                task.taskDefinition(), task.launchType(), run.launchType() != null,
                !run.capacityProviderStrategy().isEmpty(), run.networkConfiguration(),
                !run.placementStrategy().isEmpty() || !run.placementConstraints().isEmpty(), Math.max(0, task.count()));
    }

    String path(String member) {
        return specPath + "." + member;
    }
}
