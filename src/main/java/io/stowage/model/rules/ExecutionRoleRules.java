package io.stowage.model.rules;

import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.regex.Pattern;

/**
 * Where the task execution role is needed: the ECS agent uses it to read secrets (container secrets and log
 * secretOptions), private registry credentials and environment files, and on Fargate and external instances to
 * pull from ECR and to write awslogs. On EC2 the container instance role can pull from ECR and write logs, so
 * awslogs without an execution role is only a warning there.
 * Sources: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html (conditions
 * that need the role: ECR on Fargate, awslogs on Fargate, private registry authentication, Secrets Manager and
 * SSM secrets, environment files); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html
 * ("To send container logs to CloudWatch Logs, make sure that you create and specify a task execution IAM role");
 * DESIGN.md (awslogs, secrets and private ECR need an execution role).
 */
final class ExecutionRoleRules implements Rule {
    static final String ID = "execution-role-required";
    static final Pattern ECR = Pattern.compile("\\d{12}\\.dkr\\.ecr(?:-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/.*"
            + "|\\d{12}\\.dkr-ecr\\.[a-z0-9-]+\\.on\\.aws/.*");

    @Override
    public void check(RuleContext task, Findings out) {
        if (Values.hasContent(task.json(), "executionRoleArn")) {
            return;
        }
        for (RuleContext.Container container : task.containers()) {
            JsonObject json = container.json();
            String who = "Container " + container.label();
            if (Values.hasContent(json, "secrets")) {
                error(container.at("secrets"), who + " reads secrets, which ECS fetches with the task execution"
                        + " role; set executionRoleArn to a role that may read them.", out);
            }
            JsonObject log = Values.object(json, "logConfiguration");
            if (Values.hasContent(log, "secretOptions")) {
                error(container.at("logConfiguration").key("secretOptions"), who + " passes log secretOptions, which"
                        + " ECS fetches with the task execution role; set executionRoleArn.", out);
            }
            if (Values.isSet(json, "repositoryCredentials")) {
                error(container.at("repositoryCredentials"), who + " pulls with private registry credentials, which"
                        + " ECS reads from Secrets Manager with the task execution role; set executionRoleArn.", out);
            }
            if (Values.hasContent(json, "environmentFiles")) {
                error(container.at("environmentFiles"), who + " loads environment files from S3 with the task"
                        + " execution role; set executionRoleArn to a role that may read them.", out);
            }
            String image = Values.concrete(json, "image");
            if (image != null && ECR.matcher(image).matches() && (task.fargate() || task.external())) {
                error(container.at("image"), who + " pulls from Amazon ECR, which on "
                        + (task.fargate() ? "Fargate" : "external instances") + " needs the task execution role;"
                        + " set executionRoleArn (e.g. to a role with AmazonECSTaskExecutionRolePolicy).", out);
            }
            if ("awslogs".equals(Values.string(log, "logDriver"))) {
                JsonPath at = container.at("logConfiguration").key("logDriver");
                if (task.fargate() || task.external()) {
                    error(at, who + " logs with awslogs, which on " + (task.fargate() ? "Fargate" : "external"
                            + " instances") + " needs the task execution role; set executionRoleArn (e.g. to a role"
                            + " with AmazonECSTaskExecutionRolePolicy).", out);
                } else {
                    out.warning(at, who + " logs with awslogs and the task has no executionRoleArn, so the container"
                            + " instance role must allow logs:CreateLogStream and logs:PutLogEvents; set"
                            + " executionRoleArn to be independent of it." + DEPLOY_FILLS, ID);
                }
            }
        }
    }

    /** What {@code stowage deploy} does about it (ExecutionRoles), said with every finding. */
    static final String DEPLOY_FILLS = " stowage deploy fills in the account's ecsTaskExecutionRole,"
            + " as the console does.";

    private static void error(JsonPath path, String message, Findings out) {
        out.error(path, message + DEPLOY_FILLS, ID);
    }
}
