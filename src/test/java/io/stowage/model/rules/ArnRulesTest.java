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

class ArnRulesTest {

    @Test
    void roleArnsAndShortTaskRoleNamesAreAccepted() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "taskRoleArn", "shop-web-task");
        task = set(task, "executionRoleArn", "arn:aws-cn:iam::123456789012:role/service-role/ecsTaskExecutionRole");

        assertThat(validate(task)).isEmpty();
    }

    @Test
    void roleArnsNameTheWrongPart() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "taskRoleArn", "arn:aws:iam::123456789012:user/deploy");
        task = set(task, "executionRoleArn", "arn:aws:iam::1234:role/ecsTaskExecutionRole");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "role-arn", "taskRoleArn").message()).contains("not role/<name>");
        assertThat(find(findings, "role-arn", "executionRoleArn").message()).contains("must be 12 digits");
    }

    @Test
    void anExecutionRoleNameIsAWarning() throws Exception {
        Finding finding = find(validate(set(file("valid-fargate.json"), "executionRoleArn", "ecsTaskExecutionRole")),
                "role-arn", "executionRoleArn");

        assertThat(finding.isError()).isFalse();
        assertThat(finding.message()).contains("arn:aws:iam::<12-digit account>:role/ecsTaskExecutionRole");
    }

    @Test
    void secretsComeFromSecretsManagerOrParameterStore() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "containerDefinitions[1].secrets[0].valueFrom",
                "arn:aws:s3:::bucket/secret.txt");
        task = set(task, "containerDefinitions[1].secrets[1].valueFrom", "my secret");
        task = set(task, "containerDefinitions[0].secrets[0].valueFrom", "/shop/database-url");

        assertThat(ids(validate(task))).containsExactlyInAnyOrder(
                tuple("secret-value-from", "containerDefinitions[1].secrets[0].valueFrom"),
                tuple("secret-value-from", "containerDefinitions[1].secrets[1].valueFrom"));
    }

    @Test
    void registryCredentialsAreASecretsManagerSecret() throws Exception {
        TaskDefinition task = set(file("valid-fargate-firelens.json"),
                "containerDefinitions[1].repositoryCredentials.credentialsParameter",
                "arn:aws:ssm:us-west-2:123456789012:parameter/ghcr");

        assertThat(ids(validate(task))).contains(tuple("repository-credentials-arn",
                "containerDefinitions[1].repositoryCredentials.credentialsParameter"));
        assertThat(validate(set(task, "containerDefinitions[1].repositoryCredentials.credentialsParameter",
                "ghcr-pull-credentials"))).isEmpty();
    }

    @Test
    void environmentFilesAreS3Objects() throws Exception {
        TaskDefinition task = set(file("valid-fargate-firelens.json"), "containerDefinitions[1].environmentFiles[0].value",
                "s3://example-checkout-config/production.env");

        assertThat(ids(validate(task))).contains(tuple("environment-file",
                "containerDefinitions[1].environmentFiles[0].value"));
    }

    @Test
    void handWrittenStandInsAreReportedAsPlaceholders() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), "taskRoleArn", "arn:aws:iam::ACCOUNT_ID:role/app");
        task = set(task, "executionRoleArn", "arn:aws:iam::XXXXXXXXXXXX:role/ecsTaskExecutionRole");

        List<Finding> findings = validate(task);

        assertThat(ids(findings)).containsExactlyInAnyOrder(tuple("placeholder", "taskRoleArn"),
                tuple("placeholder", "executionRoleArn"));
        assertThat(findings).noneMatch(Finding::isError);
        assertThat(find(findings, "placeholder", "taskRoleArn").message()).contains("ACCOUNT_ID is kept verbatim");
    }
}
