package io.stowage.format;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonObject;

/**
 * A task definition as read from a file.
 *
 * @param document the file as parsed, for positions
 * @param taskDefinition the RegisterTaskDefinition input: read-only keys and the describe wrapper removed
 * @param readOnly the read-only keys DescribeTaskDefinition adds (revision, status, ARN...), kept apart for display
 * @param wrapped whether the file was the {@code {"taskDefinition": ..., "tags": ...}} describe output
 */
public record LoadedTaskDefinition(JsonDocument document, TaskDefinition taskDefinition, JsonObject readOnly,
                                   boolean wrapped) {
}
