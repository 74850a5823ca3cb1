package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ExecutionRoleRulesTest {
    private static final String ID = "execution-role-required";

    @Test
    void withAnExecutionRoleNothingIsReported() throws Exception {
        assertThat(validate(file("valid-fargate-firelens.json"))).isEmpty();
    }

    @Test
    void fargateNeedsTheRoleForEcrAwslogsAndSecrets() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "executionRoleArn", null);

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).contains(tuple(ID, "containerDefinitions[0].image"),
                tuple(ID, "containerDefinitions[0].secrets"),
                tuple(ID, "containerDefinitions[0].logConfiguration.logDriver"),
                tuple(ID, "containerDefinitions[1].image"));
        assertThat(findings).filteredOn(f -> f.ruleId().equals(ID)).allMatch(Finding::isError);
        assertThat(find(findings, ID, "containerDefinitions[0].secrets").message()).isEqualTo("Container "
                + task.containerDefinitions().get(0).name() + " reads secrets, which ECS fetches with the task"
                + " execution role; set executionRoleArn to a role that may read them. stowage deploy fills in the"
                + " account's ecsTaskExecutionRole, as the console does.");
    }

    @Test
    void privateRegistryCredentialsAndEnvironmentFilesNeedTheRole() throws Exception {
        TaskDefinition task = set(file("valid-fargate-firelens.json"), "executionRoleArn", null);

        assertThat(ids(validate(task))).contains(tuple(ID, "containerDefinitions[1].repositoryCredentials"),
                tuple(ID, "containerDefinitions[1].environmentFiles"));
    }

    @Test
    void onEc2AwslogsCanUseTheInstanceRoleSoItIsAWarning() throws Exception {
        TaskDefinition task = set(file("valid-awsvpc-ec2.json"), "executionRoleArn", null);

        List<Finding> findings = validate(task);

        assertThat(find(findings, ID, "containerDefinitions[0].logConfiguration.logDriver").isError()).isFalse();
        assertThat(ids(findings)).doesNotContain(tuple(ID, "containerDefinitions[0].image"));
    }
}
