package io.stowage.model.deploy;

import io.stowage.model.json.JsonObject;

import java.util.Objects;

/**
 * One registered revision of a task definition.
 *
 * @param arn      its ARN
 * @param family   its family
 * @param revision its revision number
 * @param content  the {@code taskDefinition} of DescribeTaskDefinition, as JSON
 */
public record ObservedRevision(String arn, String family, int revision, JsonObject content) {
    public ObservedRevision {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(content, "content");
    }

    /** {@code family:revision}. */
    public String ref() {
        return family + ":" + revision;
    }

    /** From the {@code taskDefinition} of DescribeTaskDefinition, as JSON. */
    public static ObservedRevision fromDescribed(JsonObject described) {
        Integer revision = JsonTrees.integer(described, "revision");
        return new ObservedRevision(JsonTrees.string(described, "taskDefinitionArn"),
                JsonTrees.string(described, "family"), revision == null ? 0 : revision, described);
    }
}
