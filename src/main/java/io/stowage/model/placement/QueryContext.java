package io.stowage.model.placement;

import java.util.Set;

/**
 * What a cluster query expression is evaluated against: one container instance as the scheduler sees it at the
 * moment of placing a task (ecs-semantics §5.3).
 */
public interface QueryContext {
    /** Whether the instance has the attribute, with or without a value (capabilities have none). */
    boolean hasAttribute(String name);

    /** The attribute's value, or null when it has none or is absent. */
    String attribute(String name);

    boolean agentConnected();

    /** The agent version, e.g. {@code 1.14.5}, or null when unknown. */
    String agentVersion();

    String ec2InstanceId();

    /** When the instance registered, as ECS date text, or null when unknown. */
    String registeredAt();

    int runningTasksCount();

    /** The task groups of the tasks running on the instance, e.g. {@code service:web}. */
    Set<String> taskGroups();
}
