package io.stowage.engine.local;

import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.PrivateRegistry;
import io.stowage.testsupport.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A private registry with htpasswd authentication: Stowage pushes to it and pulls from it with credentials. */
@Tag("docker")
class RegistryPullTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();

    @Test
    void pushesAndPullsWithCredentialsFromConfigJsonAndFromRepositoryCredentials(@TempDir Path dir) throws Exception {
        TestImages.ensure(ENGINE.client());
        Files.createDirectories(dir.resolve("registry"));
        try (var registry = PrivateRegistry.start(dir.resolve("registry"), "stowage", "s3cret-pw")) {
            String image = registry.host() + "/stowage-test/http:pushed";
            var docker = ENGINE.client();
            docker.tagImageCmd(TestImages.HTTP, registry.host() + "/stowage-test/http", "pushed").exec();

            Path noCredentials = Files.createDirectories(dir.resolve("empty-config"));
            var engine = new LocalEngine(DockerConnection.fromEnvironment());
            assertThatThrownBy(() -> engine.push(image, LocalRunOptions.defaults().withDockerConfigDir(noCredentials),
                    m -> { })).hasMessageContaining("pushing " + image + " failed");

            Path config = Files.createDirectories(dir.resolve("docker-config"));
            String auth = Base64.getEncoder().encodeToString("stowage:s3cret-pw".getBytes(StandardCharsets.UTF_8));
            Files.writeString(config.resolve("config.json"),
                    "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}");
            engine.push(image, LocalRunOptions.defaults().withDockerConfigDir(config), m -> { });
            docker.removeImageCmd(image).exec();

            String secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-AbCdEf";
            String design = """
                    {"formatVersion": 1, "name": "registry",
                     "clusters": [{"id": "c", "name": "c", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                       "availabilityZone": "us-east-1a"}],
                       "tasks": [{"id": "from-config", "run": {"taskDefinition": "from-config"}},
                                 {"id": "from-secret", "run": {"taskDefinition": "from-secret"}}]}],
                     "taskDefinitions": [
                       {"family": "from-config", "containerDefinitions": [{"name": "web", "image": "%1$s", "memory": 32}]},
                       {"family": "from-secret", "containerDefinitions": [{"name": "web", "image": "%1$s", "memory": 32,
                         "repositoryCredentials": {"credentialsParameter": "%2$s"}}]}]}
                    """.formatted(image, secretArn);
            var options = LocalRunOptions.defaults().withAddresses("127.0.37", "127.0.47")
                    .withDockerConfigDir(config)
                    .withSecrets(SecretsFile.of(Map.of(secretArn, "{\"username\":\"stowage\",\"password\":\"s3cret-pw\"}")));
            try (var h = new LocalRunHarness("registry", design, options, PullBehavior.ALWAYS)) {
                h.listener.await("both tasks RUNNING", LocalRunHarness.TIMEOUT,
                        l -> l.tasks().stream().filter(LocalRunHarness::running).count() == 2);
            }

            var anonymous = LocalRunOptions.defaults().withAddresses("127.0.37", "127.0.47")
                    .withDockerConfigDir(noCredentials);
            try (var h = new LocalRunHarness("registry-anonymous", design.replace("from-secret", "again"),
                    anonymous, PullBehavior.ALWAYS)) {
                TaskState failed = h.awaitTask("from-config STOPPED", t -> "family:from-config".equals(t.group())
                        && t.isStopped());
                assertThat(failed.stopCode()).isEqualTo(StopCode.TASK_FAILED_TO_START);
                assertThat(failed.stoppedReason()).startsWith("CannotPullContainerError: ");
                assertThat(failed.container("web").orElseThrow().reason()).startsWith("CannotPullContainerError: ");
            }
        }
    }
}
