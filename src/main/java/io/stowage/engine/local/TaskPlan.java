package io.stowage.engine.local;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.TaskRef;

import java.util.List;

/**
 * One task the run is to start: its task definition and where the scheduler put it.
 *
 * @param ref              which task of which service or standalone task it is
 * @param revision         the task definition revision its names carry
 * @param taskArn          its ARN
 * @param group            {@code service:<name>} or {@code family:<family>}
 * @param source           {@code service:<id>} or {@code task:<id>}
 * @param instanceId       the emulated instance, or null on Fargate
 * @param availabilityZone its zone, or null
 * @param launchType       EC2 or FARGATE
 * @param networkMode      bridge, host, none or awsvpc
 * @param hostIp           where its host ports are published, or null for all interfaces
 * @param activates        whether it passes through ACTIVATING and DEACTIVATING (a service with load balancers or
 *                         service registries)
 * @param aliases          its names on the design network
 * @param instanceAddress  its instance's emulated address (where the instance's agent listens), or null
 * @param tags             the task's tags as ECS would give it them (RunTask's or propagated), in order
 */
record TaskPlan(TaskRef ref, TaskDefinition taskDefinition, int revision, String taskDefinitionHash, String clusterId,
                String cluster, String taskArn, String group, String source, String instanceId,
                String containerInstanceArn, String availabilityZone, String launchType, String networkMode,
                String hostIp, boolean activates, List<String> aliases, String instanceAddress,
                java.util.Map<String, String> tags) {

    String family() {
        return taskDefinition.family();
    }

    String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    boolean awsvpc() {
        return "awsvpc".equals(networkMode);
    }

    String taskDefinitionArn() {
        return "arn:aws:ecs:local:000000000000:task-definition/" + family() + ":" + revision;
    }
}
