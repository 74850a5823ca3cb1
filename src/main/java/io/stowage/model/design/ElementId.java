package io.stowage.model.design;

import java.util.Objects;

/**
 * The stable name of one thing on the canvas. Layout keys, selection and undo all refer to elements by it, so
 * it is derived from ids the design stores, never from list positions, and survives renames of display names.
 * <p>
 * The scheme is hierarchical; a child's id starts with its parent's id and a slash:
 * <pre>
 * cluster:&lt;clusterId&gt;                         a cluster
 * cluster:&lt;clusterId&gt;/fargate                 its Fargate capacity area
 * cluster:&lt;clusterId&gt;/instance:&lt;instanceId&gt;   a container instance
 * cluster:&lt;clusterId&gt;/service:&lt;serviceId&gt;     a service
 * cluster:&lt;clusterId&gt;/task:&lt;taskId&gt;           a standalone task (RunTask)
 * taskdef:&lt;family&gt;                           a task definition (one revision per family in a design)
 * taskdef:&lt;family&gt;/container:&lt;name&gt;          a container definition inside it
 * </pre>
 * Services are qualified by their cluster because ECS keeps service names unique per cluster only.
 *
 * @param value the id text, e.g. {@code cluster:demo/service:web}
 */
public record ElementId(String value) implements Comparable<ElementId> {
    public static final String CLUSTER = "cluster";
    public static final String FARGATE = "fargate";
    public static final String INSTANCE = "instance";
    public static final String SERVICE = "service";
    public static final String TASK = "task";
    public static final String TASK_DEFINITION = "taskdef";
    public static final String CONTAINER = "container";

    public ElementId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an element id must not be blank");
        }
    }

    public static ElementId cluster(String clusterId) {
        return new ElementId(CLUSTER + ":" + clusterId);
    }

    public static ElementId fargate(String clusterId) {
        return new ElementId(cluster(clusterId).value + "/" + FARGATE);
    }

    public static ElementId instance(String clusterId, String instanceId) {
        return cluster(clusterId).child(INSTANCE, instanceId);
    }

    public static ElementId service(String clusterId, String serviceId) {
        return cluster(clusterId).child(SERVICE, serviceId);
    }

    public static ElementId task(String clusterId, String taskId) {
        return cluster(clusterId).child(TASK, taskId);
    }

    public static ElementId taskDefinition(String family) {
        return new ElementId(TASK_DEFINITION + ":" + family);
    }

    public static ElementId container(String family, String containerName) {
        return taskDefinition(family).child(CONTAINER, containerName);
    }

    private ElementId child(String kind, String id) {
        return new ElementId(value + "/" + kind + ":" + id);
    }

    /** The kind of the last segment: cluster, fargate, instance, service, task, taskdef or container. */
    public String kind() {
        String last = lastSegment();
        int colon = last.indexOf(':');
        return colon < 0 ? last : last.substring(0, colon);
    }

    /** The local id of the last segment, e.g. {@code web} for {@code cluster:demo/service:web}; empty for fargate. */
    public String localId() {
        String last = lastSegment();
        int colon = last.indexOf(':');
        return colon < 0 ? "" : last.substring(colon + 1);
    }

    /** The enclosing element, or null for a top-level one (cluster, task definition). */
    public ElementId parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? null : new ElementId(value.substring(0, slash));
    }

    /** Whether this element lies inside {@code other} (strictly). */
    public boolean isInside(ElementId other) {
        return value.startsWith(other.value + "/");
    }

    private String lastSegment() {
        // Local ids may contain ':' (e.g. "family:3"), never '/', which ECS names and instance ids do not allow.
        int slash = value.lastIndexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }

    @Override
    public int compareTo(ElementId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
