package io.stowage.engine.ecs;

import io.stowage.engine.local.RegistryCredentials;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What the local runner asks of AWS, against the ECS endpoint emulator: ECR login, Secrets Manager and SSM. */
@Tag("ecs")
class LocalRunAwsTest {
    @RegisterExtension
    static final EcsEndpointExtension AWS = new EcsEndpointExtension();

    @Test
    void ecrLoginDecodesTheAuthorizationToken() {
        RegistryCredentials credentials = new EcrLogin(AWS.settings())
                .credentialsFor("123456789012.dkr.ecr.us-east-1.amazonaws.com").orElseThrow();
        assertThat(credentials.username()).isEqualTo("AWS");
        assertThat(credentials.password()).isNotBlank();
        assertThat(new EcrLogin(AWS.settings()).credentialsFor("registry.example:5000")).isEmpty();
    }

    @Test
    void secretsComeFromSecretsManagerWithJsonKeysAndFromParameterStore() {
        String arn;
        try (var sm = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(AWS.region())).endpointOverride(AWS.endpoint()).credentialsProvider(AWS.credentials())
                .build()) {
            arn = sm.createSecret(r -> r.name("local-run-db").secretString("{\"password\":\"pw\",\"user\":\"app\"}")).arn();
        }
        try (var ssm = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(AWS.region())).endpointOverride(AWS.endpoint()).credentialsProvider(AWS.credentials())
                .build()) {
            ssm.putParameter(r -> r.name("/local-run/api-key").value("k-123").type("SecureString"));
        }
        var secrets = new AwsSecrets(AWS.settings());
        assertThat(secrets.resolve(arn)).contains("{\"password\":\"pw\",\"user\":\"app\"}");
        assertThat(secrets.resolve(arn + ":password::")).contains("pw");
        assertThat(secrets.resolve("/local-run/api-key")).contains("k-123");
        assertThat(secrets.resolve("arn:aws:ssm:" + AWS.region() + ":123456789012:parameter/local-run/api-key"))
                .contains("k-123");
        assertThat(secrets.resolve("/local-run/missing")).isEmpty();
    }
}
