package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LoggingRulesTest {
    private static final String OPTIONS = "containerDefinitions[1].logConfiguration.options";

    @Test
    void completeLogConfigurationsGiveNoFinding() throws Exception {
        assertThat(validate(file("valid-fargate.json"))).isEmpty();
        assertThat(validate(file("valid-fargate-firelens.json"))).isEmpty();
    }

    @Test
    void awslogsNeedsGroupRegionAndOnFargateAStreamPrefix() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), OPTIONS, "{\"mode\": \"blocking\"}");

        assertThat(ids(validate(task))).contains(tuple("awslogs-options", OPTIONS + ".awslogs-group"),
                tuple("awslogs-options", OPTIONS + ".awslogs-region"),
                tuple("awslogs-options", OPTIONS + ".awslogs-stream-prefix"));
    }

    @Test
    void awslogsWithoutRegionIsOnlyAWarningOnEc2() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "containerDefinitions[1].logConfiguration.options.awslogs-region",
                null);

        Finding finding = find(validate(task), "awslogs-options",
                "containerDefinitions[1].logConfiguration.options.awslogs-region");

        assertThat(finding.isError()).isFalse();
    }

    @Test
    void awsfirelensNeedsALogRouterInTheTask() throws Exception {
        TaskDefinition task = set(file("valid-fargate-firelens.json"), "containerDefinitions[0].firelensConfiguration",
                null);

        assertThat(find(validate(task), "firelens-router", "containerDefinitions[1].logConfiguration.logDriver").message())
                .contains("firelensConfiguration");
    }

    @Test
    void splunkNeedsUrlAndTokenAndModeIsBlockingOrNonBlocking() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].logConfiguration",
                "{\"logDriver\": \"splunk\", \"options\": {\"mode\": \"async\"}}");

        assertThat(ids(validate(task))).contains(tuple("splunk-options", OPTIONS + ".splunk-url"),
                tuple("splunk-options", OPTIONS + ".splunk-token"), tuple("log-options", OPTIONS + ".mode"));
        TaskDefinition fixed = set(task, "containerDefinitions[1].logConfiguration", "{\"logDriver\": \"splunk\","
                + " \"options\": {\"splunk-url\": \"https://splunk.example.com:8088\"}, \"secretOptions\": [{\"name\":"
                + " \"splunk-token\", \"valueFrom\": \"arn:aws:ssm:eu-west-1:123456789012:parameter/splunk-token\"}]}");
        assertThat(validate(fixed)).isEmpty();
    }
}
