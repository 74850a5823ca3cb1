package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

/**
 * The ECS extensions of Docker's compose integration with ECS ({@code x-aws-*}) on a service, where a design has
 * somewhere to keep them. {@code x-aws-min_percent} and {@code x-aws-max_percent} are read with {@code deploy}.
 */
final class AwsExtensions {
    private AwsExtensions() {
    }

    /** Applies an {@code x-aws-*} key of a service; false when the key is not one. */
    static boolean apply(String key, Json value, String path, ServiceDraft draft, ImportContext ctx) {
        switch (key) {
            case "x-aws-pull_credentials" -> {
                String arn = ComposeValues.text(value);
                draft.set("repositoryCredentials", JsonObject.builder().put("credentialsParameter", arn).build());
                if (draft.task.executionRoleArn() == null) {
                    draft.setTask("executionRoleArn", ContainerSettings.str(EnvironmentSettings.EXECUTION_ROLE_PLACEHOLDER));
                    ctx.assumed(path, "ECS needs an execution role to read the registry credentials; replace "
                            + EnvironmentSettings.EXECUTION_ROLE_PLACEHOLDER + " with one that may read " + arn);
                }
            }
            case "x-aws-min_percent", "x-aws-max_percent" -> { }
            case "x-aws-role" -> ctx.notMapped(path, "an inline task role policy is not part of a design; create a "
                    + "role with it and set taskRoleArn");
            case "x-aws-policies" -> ctx.notMapped(path, "managed policies are not part of a design; create a role "
                    + "with " + String.join(", ", ComposeValues.strings(value)) + " and set taskRoleArn");
            case "x-aws-autoscaling" -> ctx.notMapped(path, "service auto scaling is not part of a design; the "
                    + "service runs its desired count");
            case "x-aws-logs_retention" -> ctx.notMapped(path, "log retention belongs to the CloudWatch log group, "
                    + "not the task definition");
            default -> {
                if (!key.startsWith("x-aws-")) {
                    return false;
                }
                ctx.notMapped(path, "an ECS extension of Docker's compose integration this import does not know");
            }
        }
        return true;
    }
}
