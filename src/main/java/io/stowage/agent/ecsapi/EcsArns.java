package io.stowage.agent.ecsapi;

/**
 * The ARNs the endpoint answers with, in the local run's region and account ({@code arn:aws:ecs:local:000000000000:}),
 * as the local runner already names its tasks and instances; a request may name a resource by ARN or by name/id.
 */
final class EcsArns {
    static final String PREFIX = "arn:aws:ecs:local:000000000000:";

    private EcsArns() {
    }

    static String cluster(String name) {
        return PREFIX + "cluster/" + name;
    }

    static String service(String cluster, String name) {
        return PREFIX + "service/" + cluster + "/" + name;
    }

    static String task(String cluster, String id) {
        return PREFIX + "task/" + cluster + "/" + id;
    }

    static String containerInstance(String cluster, String id) {
        return PREFIX + "container-instance/" + cluster + "/" + id;
    }

    /**
     * A task definition reference as an ARN: {@code family:revision} gets the prefix; an ARN stays; a family alone
     * is its revision 1, as the endpoint registers a run's own task definitions.
     */
    static String taskDefinition(String ref) {
        if (ref == null) {
            return null;
        }
        io.stowage.model.design.TaskDefinitionRef parsed = io.stowage.model.design.TaskDefinitionRef.parse(ref);
        if (parsed == null) {
            return null;
        }
        return PREFIX + "task-definition/" + parsed.family() + ":" + (parsed.revision() == null ? 1 : parsed.revision());
    }

    /** The cluster's name from a name or a cluster ARN. */
    static String clusterName(String ref) {
        int at = ref.indexOf(":cluster/");
        return ref.startsWith("arn:") && at >= 0 ? ref.substring(at + ":cluster/".length()) : ref;
    }

    /** What follows the last slash: a task id, a service name or a container instance id from its ARN. */
    static String lastPart(String ref) {
        return ref.startsWith("arn:") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
    }
}
