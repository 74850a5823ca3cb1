package io.stowage.model.deploy;

import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.json.JsonObject;

import java.util.Objects;

/**
 * A task a standalone task of the design may already have started.
 *
 * @param taskArn           its ARN
 * @param taskDefinitionArn the revision it runs
 * @param startedBy         its startedBy, or null
 * @param group             its task group, e.g. {@code family:api}
 * @param lastStatus        its last status
 * @param desiredStatus     RUNNING or STOPPED
 */
public record ObservedTask(String taskArn, String taskDefinitionArn, String startedBy, String group,
                           String lastStatus, String desiredStatus) {
    public ObservedTask {
        Objects.requireNonNull(taskArn, "taskArn");
    }

    public TaskDefinitionRef taskDefinition() {
        return TaskDefinitionRef.parse(taskDefinitionArn);
    }

    /** From a Task of DescribeTasks, as JSON. */
    public static ObservedTask fromDescribed(JsonObject described) {
        return new ObservedTask(JsonTrees.string(described, "taskArn"), JsonTrees.string(described, "taskDefinitionArn"),
                JsonTrees.string(described, "startedBy"), JsonTrees.string(described, "group"),
                JsonTrees.string(described, "lastStatus"), JsonTrees.string(described, "desiredStatus"));
    }
}
