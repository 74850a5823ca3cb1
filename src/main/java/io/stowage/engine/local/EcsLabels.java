package io.stowage.engine.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything the local runner creates: the ECS agent's {@code com.amazonaws.ecs.*} labels
 * (ecs-semantics §1.1), applied after the task definition's dockerLabels so that they win, and Stowage's own,
 * by which it finds what it made for a design (to reconcile with it, list it or remove it).
 */
public final class EcsLabels {
    public static final String TASK_ARN = "com.amazonaws.ecs.task-arn";
    public static final String CONTAINER_NAME = "com.amazonaws.ecs.container-name";
    public static final String FAMILY = "com.amazonaws.ecs.task-definition-family";
    public static final String VERSION = "com.amazonaws.ecs.task-definition-version";
    public static final String CLUSTER = "com.amazonaws.ecs.cluster";

    public static final String DESIGN = "io.stowage.design";
    public static final String INSTANCE = "io.stowage.instance";
    public static final String GROUP = "io.stowage.group";
    public static final String LAUNCH_TYPE = "io.stowage.launch-type";
    public static final String CLUSTER_ID = "io.stowage.cluster-id";
    public static final String SOURCE = "io.stowage.source";
    public static final String TASK_DEFINITION_HASH = "io.stowage.task-definition-hash";
    public static final String HOST_IP = "io.stowage.host-ip";
    /** On task-scoped volumes: removed with the task. Shared volumes carry no Stowage label, as ECS leaves them. */
    public static final String SCOPE = "io.stowage.scope";
    /**
     * The id in a container's metadata URIs, and its task's credentials id: what a restarted agent needs to serve
     * the same endpoints to containers that outlived it (the ECS agent keeps them in its state file).
     */
    public static final String METADATA_ID = "io.stowage.metadata-id";
    public static final String CREDENTIALS_ID = "io.stowage.credentials-id";
    /** The prefix of Stowage's own labels, which the agent's endpoints do not show (ECS's agent sets none such). */
    public static final String STOWAGE_PREFIX = "io.stowage.";
    /** On the marker volume of a supervised run; {@code stowage down} removes it first so the run stops replacing tasks. */
    public static final String RUN_MARKER = "io.stowage.run-marker";

    private EcsLabels() {
    }

    /** The agent's labels for one container of a task. */
    public static Map<String, String> agent(TaskLaunch launch, String containerName) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(TASK_ARN, launch.taskArn());
        out.put(CONTAINER_NAME, containerName);
        out.put(FAMILY, launch.family());
        out.put(VERSION, Integer.toString(launch.revision()));
        out.put(CLUSTER, launch.cluster());
        return out;
    }

    /** Stowage's labels, by which it finds, reconciles and removes what it made. */
    public static Map<String, String> stowage(TaskLaunch launch) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(DESIGN, launch.designKey());
        out.put(CLUSTER_ID, launch.clusterId());
        out.put(GROUP, launch.group());
        out.put(SOURCE, launch.source());
        out.put(LAUNCH_TYPE, launch.launchType());
        if (launch.instanceId() != null) {
            out.put(INSTANCE, launch.instanceId());
        }
        if (launch.hostIp() != null) {
            out.put(HOST_IP, launch.hostIp());
        }
        out.put(TASK_DEFINITION_HASH, launch.taskDefinitionHash());
        return out;
    }

    /** The ids of a container's endpoints, so that they can be recovered from Docker. */
    public static Map<String, String> endpointIds(TaskLaunch launch, String containerName) {
        Map<String, String> out = new LinkedHashMap<>();
        String metadataId = launch.metadataIds().get(containerName);
        if (metadataId != null) {
            out.put(METADATA_ID, metadataId);
        }
        if (launch.credentialsId() != null) {
            out.put(CREDENTIALS_ID, launch.credentialsId());
        }
        return out;
    }
}
