package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.stowage.model.rules.TaskDefs.file;
import static io.stowage.model.rules.TaskDefs.find;
import static io.stowage.model.rules.TaskDefs.ids;
import static io.stowage.model.rules.TaskDefs.ruleIds;
import static io.stowage.model.rules.TaskDefs.set;
import static io.stowage.model.rules.TaskDefs.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EnvironmentRulesTest {
    private static final String ENV = "containerDefinitions[1].environment";

    @Test
    void plainSettingsAndSecretsFromSecretsGiveNoFinding() throws Exception {
        assertThat(validate(file("valid-fargate.json"))).isEmpty();
    }

    @Test
    void namesAreNonEmptyWithoutEqualsAndBestPortable() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), ENV + "[0].name", "RAILS=ENV");
        task = set(task, ENV + "[1].name", "");
        task = set(task, ENV + "[2].name", "app.port");

        List<Finding> findings = validate(task);

        assertThat(find(findings, "environment-name", ENV + "[0].name").isError()).isTrue();
        assertThat(find(findings, "environment-name", ENV + "[1].name").isError()).isTrue();
        assertThat(find(findings, "environment-name", ENV + "[2].name").isError()).isFalse();
    }

    @Test
    void aNameIsSetOnceAcrossEnvironmentAndSecrets() throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), ENV + "[2].name", "DATABASE_URL");

        assertThat(ids(validate(task))).containsExactly(
                tuple("environment-duplicate", "containerDefinitions[1].secrets[0].name"));
    }

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD,hunter2", "STRIPE_API_KEY,sk_live_51HxYzAbCdEf", "GITHUB_TOKEN,ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "AWS_ACCESS_KEY_ID,AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "SIGNING_KEY,-----BEGIN RSA PRIVATE KEY-----"})
    void literalSecretsInPlainEnvironmentAreWarnings(String name, String value) throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), ENV + "[0]", "{\"name\": \"" + name + "\", \"value\": \""
                + value + "\"}");

        Finding finding = find(validate(task), "environment-literal-secret", ENV + "[0].value");

        assertThat(finding.isError()).isFalse();
        assertThat(finding.message()).contains("Move it to secrets");
    }

    @ParameterizedTest
    @CsvSource({"DB_PASSWORD,${DB_PASSWORD}", "DB_PASSWORD_FILE,/run/secrets/db", "SECRET_ARN,arn:aws:secretsmanager:x",
            "TOKEN_TTL,3600", "PASSWORD_MIN_LENGTH,12", "USE_TOKEN,true", "TOKEN_URL,https://auth.example.com/token"})
    void referencesAndSettingsAboutSecretsAreNotSecrets(String name, String value) throws Exception {
        TaskDefinition task = set(file("valid-fargate.json"), ENV + "[0]", "{\"name\": \"" + name + "\", \"value\": \""
                + value + "\"}");

        assertThat(ruleIds(validate(task))).doesNotContain("environment-literal-secret");
    }
}
