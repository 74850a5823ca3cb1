package io.stowage.model.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ECS agent knows of one task beyond what it reports to ECS: the state its task metadata endpoint (v3,
 * v4) and introspection API serve. {@link #state()} is the task as DescribeTasks shows it; the rest is the agent's
 * own view (its internal statuses, the task's limits, its containers' Docker facts).
 *
 * @param state              the task as ECS shows it
 * @param family             its task definition family
 * @param revision           its revision, as the agent's {@code Version} (a string)
 * @param knownStatus        the agent's task status ({@code NONE, PULLED, CREATED, RUNNING, STOPPED})
 * @param desiredStatus      the agent's desired status ({@code RUNNING, STOPPED})
 * @param cpu                task-level cpu in vCPUs (1024 units = 1), or null when the task definition has none
 * @param memoryMiB          task-level memory in MiB, or null
 * @param pullStartedAt      when the first image pull began, or null
 * @param pullStoppedAt      when the last image pull ended, or null
 * @param executionStoppedAt when the first essential container stopped, or null
 * @param serviceName        the service it belongs to, or null
 * @param networkMode        bridge, host, awsvpc or none
 * @param instanceAddress    the emulated instance's address (its introspection API listens there), or null
 * @param taskRoleArn        its task role, or null
 * @param executionRoleArn   its execution role, or null
 * @param credentialsId      the id of its role's credentials at the credentials endpoint, or null; never served
 *                           by the metadata endpoint
 * @param containers         its containers in the task definition's order, the awsvpc pause container last
 * @param taskTags           the task's tags ({@code /taskWithTags})
 * @param instanceTags       its container instance's tags
 */
public record TaskMetadata(TaskState state, String family, String revision, String knownStatus,
                           String desiredStatus, Double cpu, Long memoryMiB, Instant pullStartedAt,
                           Instant pullStoppedAt, Instant executionStoppedAt, String serviceName, String networkMode,
                           String instanceAddress, String taskRoleArn, String executionRoleArn, String credentialsId,
                           List<ContainerMetadata> containers, Map<String, String> taskTags,
                           Map<String, String> instanceTags) {
    public TaskMetadata {
        Objects.requireNonNull(state, "state");
        containers = containers == null ? List.of() : List.copyOf(containers);
        taskTags = taskTags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(taskTags));
        instanceTags = instanceTags == null ? Map.of() : Map.copyOf(instanceTags);
    }

    public String taskArn() {
        return state.taskArn();
    }

    /** The container whose metadata endpoint id this is. */
    public Optional<ContainerMetadata> containerByEndpointId(String endpointId) {
        return containers.stream().filter(c -> endpointId.equals(c.endpointId())).findFirst();
    }

    public Optional<ContainerMetadata> containerByDockerId(String dockerId) {
        return containers.stream().filter(c -> dockerId.equals(c.dockerId())).findFirst();
    }

    public TaskMetadata withContainers(List<ContainerMetadata> value) {
        return new TaskMetadata(state, family, revision, knownStatus, desiredStatus, cpu, memoryMiB, pullStartedAt,
                pullStoppedAt, executionStoppedAt, serviceName, networkMode, instanceAddress, taskRoleArn,
                executionRoleArn, credentialsId, value, taskTags, instanceTags);
    }
}
