package io.stowage.engine.local;

import java.util.List;
import java.util.Map;

/**
 * Everything about one task that is decided before its containers are created, besides its task definition:
 * what {@link ContainerSpecMapper} needs to turn each container definition into a create request as the ECS
 * backend and agent together would.
 *
 * @param designKey          the design's key, on every label
 * @param clusterId          the design's id of the cluster
 * @param cluster            the ECS cluster name (the agent's ECS_CLUSTER)
 * @param taskArn            the task's ARN
 * @param family             the task definition family
 * @param revision           its revision (1 when the design names none)
 * @param taskDefinitionHash a hash of the task definition, so a later run can tell whether a task is current
 * @param group              {@code service:<name>} or {@code family:<family>}
 * @param source             {@code service:<id>} or {@code task:<id>}: the design element the task comes from
 * @param instanceId         the emulated container instance, or null on Fargate
 * @param launchType         EC2 or FARGATE
 * @param networkMode        bridge, host, none or awsvpc
 * @param designNetwork      the Docker network bridge containers and awsvpc pause containers join
 * @param hostIp             where host ports are published: the instance's (or, for awsvpc, the task's)
 *                           loopback address; null publishes on all interfaces
 * @param pauseContainerId   the awsvpc pause container's id, once created; null otherwise
 * @param dockerNames        the Docker name of each container of the task, by definition name
 * @param volumeSources      what each task volume binds: a host path or a Docker volume name, by volume name
 * @param environmentFiles   per container, the parsed contents of its environment files, in order
 * @param secrets            per container, its secrets resolved to values, by variable name
 * @param dynamicHostPorts   host ports chosen for mappings without one, by {@link #portKey}
 * @param metadataIds        per container, the id in its metadata URIs
 * @param aliases            network aliases on the design network (bridge), e.g. the service name
 * @param endpointBase       where this task's containers reach the agent's endpoints ({@code http://169.254.170.2}
 *                           as on ECS, or the nearest equivalent), or null when nothing serves them
 * @param credentialsId      the unguessable id of the task role's credentials, or null when the task gets none (no
 *                           role, or no endpoint to serve them)
 * @param region             the region the agent injects as {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}, or
 *                           null
 * @param cgroupParent       the task's cgroup ({@code /ecs/<task id>}) its containers are made in, or null when the
 *                           task's size is not enforced as a cgroup
 * @param namespacePauseContainerId the id of the pause container holding the task's PID and IPC namespaces
 *                           ({@code pidMode} or {@code ipcMode} {@code task}), once created; null otherwise
 */
public record TaskLaunch(String designKey, String clusterId, String cluster, String taskArn, String family,
                         int revision, String taskDefinitionHash, String group, String source, String instanceId,
                         String launchType, String networkMode, String designNetwork, String hostIp,
                         String pauseContainerId, Map<String, String> dockerNames, Map<String, String> volumeSources,
                         Map<String, List<Map<String, String>>> environmentFiles,
                         Map<String, Map<String, String>> secrets, Map<String, Integer> dynamicHostPorts,
                         Map<String, String> metadataIds, List<String> aliases, String endpointBase,
                         String credentialsId, String region, String cgroupParent,
                         String namespacePauseContainerId) {
    public TaskLaunch(String designKey, String clusterId, String cluster, String taskArn, String family,
                      int revision, String taskDefinitionHash, String group, String source, String instanceId,
                      String launchType, String networkMode, String designNetwork, String hostIp,
                      String pauseContainerId, Map<String, String> dockerNames, Map<String, String> volumeSources,
                      Map<String, List<Map<String, String>>> environmentFiles,
                      Map<String, Map<String, String>> secrets, Map<String, Integer> dynamicHostPorts,
                      Map<String, String> metadataIds, List<String> aliases, String endpointBase,
                      String credentialsId, String region, String cgroupParent) {
        this(designKey, clusterId, cluster, taskArn, family, revision, taskDefinitionHash, group, source, instanceId,
                launchType, networkMode, designNetwork, hostIp, pauseContainerId, dockerNames, volumeSources,
                environmentFiles, secrets, dynamicHostPorts, metadataIds, aliases, endpointBase, credentialsId, region,
                cgroupParent, null);
    }

    public TaskLaunch {
        dockerNames = Map.copyOf(dockerNames);
        volumeSources = Map.copyOf(volumeSources);
        environmentFiles = Map.copyOf(environmentFiles);
        secrets = Map.copyOf(secrets);
        dynamicHostPorts = Map.copyOf(dynamicHostPorts);
        metadataIds = Map.copyOf(metadataIds);
        aliases = List.copyOf(aliases);
    }

    public String taskId() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean awsvpc() {
        return "awsvpc".equals(networkMode);
    }

    public TaskLaunch withPauseContainerId(String id) {
        return new TaskLaunch(designKey, clusterId, cluster, taskArn, family, revision, taskDefinitionHash, group,
                source, instanceId, launchType, networkMode, designNetwork, hostIp, id, dockerNames, volumeSources,
                environmentFiles, secrets, dynamicHostPorts, metadataIds, aliases, endpointBase, credentialsId, region,
                cgroupParent, namespacePauseContainerId);
    }

    public TaskLaunch withNamespacePauseContainerId(String id) {
        return new TaskLaunch(designKey, clusterId, cluster, taskArn, family, revision, taskDefinitionHash, group,
                source, instanceId, launchType, networkMode, designNetwork, hostIp, pauseContainerId, dockerNames,
                volumeSources, environmentFiles, secrets, dynamicHostPorts, metadataIds, aliases, endpointBase,
                credentialsId, region, cgroupParent, id);
    }

    public TaskLaunch withDynamicHostPorts(Map<String, Integer> value) {
        return new TaskLaunch(designKey, clusterId, cluster, taskArn, family, revision, taskDefinitionHash, group,
                source, instanceId, launchType, networkMode, designNetwork, hostIp, pauseContainerId, dockerNames,
                volumeSources, environmentFiles, secrets, value, metadataIds, aliases, endpointBase, credentialsId, region,
                cgroupParent, namespacePauseContainerId);
    }

    /** The key of a dynamic host port: container, container port and protocol. */
    public static String portKey(String container, int containerPort, String protocol) {
        return container + "/" + containerPort + "/" + protocol;
    }
}
