package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;


/**
 * Log configuration: awslogs has its group and region (and a stream prefix on Fargate), awsfirelens has a log
 * router container in the task, splunk has its URL and token, and the delivery mode is valid. Which drivers a
 * launch type accepts is checked by the schema's LogDriver enum (EC2) and FargateRules (Fargate).
 * Sources: ECS API reference, LogConfiguration.logDriver and .options (awslogs-region "Required: Yes",
 * awslogs-group "Required: Yes", awslogs-stream-prefix "Required: Yes, when using Fargate", "You cannot configure
 * both the awslogs-datetime-format and awslogs-multiline-pattern options", mode "non-blocking | blocking", splunk
 * "you need to specify a splunk-token and a splunk-url"); ecs-semantics.md §1.2 (awsfirelens is rewritten to
 * fluentd and sends to the task's log router); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html.
 */
final class LoggingRules implements Rule {
    /** What Docker's log drivers accept as a boolean option (Go strconv.ParseBool). */
    private static final java.util.regex.Pattern BOOLEAN = java.util.regex.Pattern.compile(
            "1|t|T|TRUE|true|True|0|f|F|FALSE|false|False");
    @Override
    public void check(RuleContext task, Findings out) {
        RuleContext.Container router = null;
        for (RuleContext.Container container : task.containers()) {
            if (Values.isSet(container.json(), "firelensConfiguration")) {
                router = container;
                break;
            }
        }
        for (RuleContext.Container container : task.containers()) {
            JsonObject log = Values.object(container.json(), "logConfiguration");
            String driver = Values.concrete(log, "logDriver");
            if (driver == null) {
                continue;
            }
            JsonPath path = container.at("logConfiguration");
            JsonObject options = Values.object(log, "options");
            switch (driver) {
                case "awslogs" -> awslogs(task, options, path.key("options"), out);
                case "awsfirelens" -> {
                    if (router == null) {
                        out.error(path.key("logDriver"), "Log driver awsfirelens sends logs to a FireLens log router,"
                                + " but no container of this task has a firelensConfiguration; add a Fluent Bit or"
                                + " Fluentd container with \"firelensConfiguration\": {\"type\": \"fluentbit\"}.",
                                "firelens-router");
                    } else if (router == container) {
                        out.warning(path.key("logDriver"), "The log router " + container.label() + " sends its own"
                                + " logs to itself with awsfirelens; give it another driver such as awslogs.",
                                "firelens-router");
                    }
                }
                case "splunk" -> splunk(log, options, path, out);
                default -> {
                }
            }
            String mode = Values.concrete(options, "mode");
            if (mode != null && !mode.equals("blocking") && !mode.equals("non-blocking")) {
                out.error(path.key("options").key("mode"), "Log option mode " + Values.quote(mode) + " is not valid;"
                        + " use \"blocking\" or \"non-blocking\".", "log-options");
            }
        }
    }

    private void awslogs(RuleContext task, JsonObject options, JsonPath path, Findings out) {
        if (!Values.isSet(options, "awslogs-group")) {
            out.error(path.key("awslogs-group"), "awslogs needs the option awslogs-group: the CloudWatch Logs group"
                    + " to write to, e.g. \"/ecs/my-app\".", "awslogs-options");
        }
        if (!Values.isSet(options, "awslogs-region")) {
            String message = "awslogs needs the option awslogs-region, e.g. \"us-east-1\"";
            if (task.fargate()) {
                out.error(path.key("awslogs-region"), message + ".", "awslogs-options");
            } else {
                out.warning(path.key("awslogs-region"), message + "; without it Docker uses the instance's own"
                        + " region, which works only on EC2.", "awslogs-options");
            }
        }
        if (task.fargate() && !Values.isSet(options, "awslogs-stream-prefix")) {
            out.error(path.key("awslogs-stream-prefix"), "awslogs on Fargate needs the option awslogs-stream-prefix,"
                    + " e.g. \"ecs\", so that streams are named prefix/container/task-id.", "awslogs-options");
        }
        if (Values.isSet(options, "awslogs-datetime-format") && Values.isSet(options, "awslogs-multiline-pattern")) {
            out.warning(path.key("awslogs-multiline-pattern"), "awslogs-multiline-pattern is ignored when"
                    + " awslogs-datetime-format is set; keep only one of them.", "awslogs-options");
        }
        String create = Values.concrete(options, "awslogs-create-group");
        if (create != null && !BOOLEAN.matcher(create).matches()) {
            out.error(path.key("awslogs-create-group"), "awslogs-create-group " + Values.quote(create) + " is not a"
                    + " boolean; use \"true\" or \"false\".", "awslogs-options");
        }
    }

    private void splunk(JsonObject log, JsonObject options, JsonPath path, Findings out) {
        if (!Values.isSet(options, "splunk-url")) {
            out.error(path.key("options").key("splunk-url"), "The splunk log driver needs the option splunk-url,"
                    + " e.g. \"https://splunk.example.com:8088\".", "splunk-options");
        }
        boolean tokenSecret = false;
        for (Json item : Values.array(log, "secretOptions").items()) {
            if (item instanceof JsonObject secret && "splunk-token".equals(Values.string(secret, "name"))) {
                tokenSecret = true;
            }
        }
        if (!Values.isSet(options, "splunk-token") && !tokenSecret) {
            out.error(path.key("options").key("splunk-token"), "The splunk log driver needs a splunk-token; put it in"
                    + " secretOptions (valueFrom a secret) rather than in options.", "splunk-options");
        }
    }
}
