package io.stowage.model.runtime;

import java.util.Objects;

/**
 * What a container instance's agent reports (ecs-semantics §4.2; API Reference, ContainerInstance).
 *
 * @param cluster              the cluster name
 * @param instanceId           the design's id of the instance, or its EC2 instance id for one found on ECS
 * @param containerInstanceArn its ARN, or null for an emulated one that has none
 * @param ec2InstanceId        the EC2 instance id, or null
 * @param status               ACTIVE, DRAINING, INACTIVE, REGISTERING...
 * @param agentConnected       whether its agent is connected
 * @param agentVersion         the agent's version, or null
 * @param runningTasksCount    tasks whose desired status is RUNNING
 * @param pendingTasksCount    tasks in PENDING
 * @param registeredCpu        CPU units it registered
 * @param registeredMemoryMiB  memory it registered
 * @param remainingCpu         CPU units not reserved by tasks
 * @param remainingMemoryMiB   memory not reserved by tasks
 */
public record InstanceState(String cluster, String instanceId, String containerInstanceArn, String ec2InstanceId,
                            String status, boolean agentConnected, String agentVersion, int runningTasksCount,
                            int pendingTasksCount, int registeredCpu, int registeredMemoryMiB, int remainingCpu,
                            int remainingMemoryMiB) {
    public InstanceState {
        Objects.requireNonNull(instanceId, "instanceId");
    }

    /** The key it is kept under in a {@link RuntimeSnapshot}: cluster and instance. */
    public String key() {
        return cluster + "/" + instanceId;
    }
}
