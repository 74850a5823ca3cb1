package io.stowage.engine.local;

import com.github.dockerjava.api.model.AuthConfig;
import io.stowage.format.design.DesignFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Image names, registry credentials, the secrets file and the design's localRun member, without an engine. */
class CredentialsAndSettingsTest {

    @Test
    void imageNamesSplitAsDockerSplitsThem() {
        assertThat(ImageName.parse("nginx")).isEqualTo(new ImageName("docker.io", "nginx", "latest", null));
        assertThat(ImageName.parse("localhost:5000/team/app:1.2"))
                .isEqualTo(new ImageName("localhost:5000", "localhost:5000/team/app", "1.2", null));
        assertThat(ImageName.parse("team/app@sha256:abc").digest()).isEqualTo("sha256:abc");
        ImageName ecr = ImageName.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:7");
        assertThat(ecr.isEcr()).isTrue();
        assertThat(ecr.registry()).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(ImageName.parse("nginx").authKey()).isEqualTo("https://index.docker.io/v1/");
    }

    @Test
    void credentialsComeFromRepositoryCredentialsThenEcrThenConfigJson(@TempDir Path dir) throws Exception {
        String auth = Base64.getEncoder().encodeToString("hub-user:hub-pass".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"), "{\"auths\": {\"https://index.docker.io/v1/\": {\"auth\": \""
                + auth + "\"}, \"registry.example:5000\": {\"identitytoken\": \"tok\"}}}");
        RegistryLogin ecr = registry -> Optional.of(new RegistryCredentials(registry, "AWS", "ecr-pass"));
        SecretResolver secrets = SecretsFile.of(Map.of("arn:aws:secretsmanager:us-east-1:1:secret:reg",
                "{\"username\": \"secret-user\", \"password\": \"secret-pass\"}"));
        RegistryAuth registryAuth = new RegistryAuth(dir, ecr, secrets);

        AuthConfig hub = registryAuth.forImage(ImageName.parse("nginx"), null);
        assertThat(hub.getUsername()).isEqualTo("hub-user");
        assertThat(hub.getPassword()).isEqualTo("hub-pass");
        assertThat(registryAuth.forImage(ImageName.parse("registry.example:5000/app"), null).getIdentitytoken())
                .isEqualTo("tok");
        assertThat(registryAuth.forImage(ImageName.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/app"), null)
                .getPassword()).isEqualTo("ecr-pass");
        assertThat(registryAuth.forImage(ImageName.parse("nginx"), "arn:aws:secretsmanager:us-east-1:1:secret:reg")
                .getUsername()).isEqualTo("secret-user");
        assertThat(registryAuth.forImage(ImageName.parse("quay.io/x/y"), null)).isNull();
        assertThatThrownBy(() -> registryAuth.forImage(ImageName.parse("nginx"), "arn:aws:secretsmanager:us-east-1:1:secret:missing"))
                .hasMessageStartingWith("CannotPullContainerError: repository credentials");
    }

    @Test
    void theSecretsFileReadsJsonKeysOfSecretsManagerValues(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.json"), """
                {"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf": "{\\"password\\": \\"pw\\", \\"port\\": 5432}",
                 "/shop/api-key": "k"}
                """);
        SecretsFile file = SecretsFile.read(dir.resolve("s.json"));
        assertThat(file.resolve("/shop/api-key")).contains("k");
        assertThat(file.resolve("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::"))
                .contains("pw");
        assertThat(file.resolve("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:port::")).contains("5432");
        assertThat(file.resolve("/other")).isEmpty();
        Files.writeString(dir.resolve("bad.json"), "[1]");
        assertThatThrownBy(() -> SecretsFile.read(dir.resolve("bad.json"))).hasMessageContaining("bad.json")
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void theLocalRunMemberNamesBuildsAndEnvironmentFilesRelativeToTheDesign(@TempDir Path dir) throws Exception {
        var design = DesignFormat.parse("d.stowage.json", """
                {"formatVersion": 1, "name": "d", "clusters": [], "taskDefinitions": [],
                 "localRun": {"builds": [{"image": "web:dev", "context": "web", "buildArgs": {"V": "1"}}, {"image": "x"}],
                              "environmentFiles": {"arn:aws:s3:::b/web.env": "env/web.env"},
                              "publishAllInterfaces": true}}
                """).design();
        LocalDesignSettings settings = LocalDesignSettings.of(design, dir);
        assertThat(settings.builds().get("web:dev").context()).isEqualTo(dir.resolve("web"));
        assertThat(settings.builds().get("web:dev").buildArgs()).containsEntry("V", "1");
        assertThat(settings.environmentFiles()).containsEntry("arn:aws:s3:::b/web.env", dir.resolve("env/web.env"));
        assertThat(settings.publishAllInterfaces()).isTrue();
        assertThat(settings.problems()).containsExactly("localRun.builds[1]: needs \"image\" and \"context\"");
    }

    @Test
    void anEntrysImageBuildsAreBuiltAsItsContainersImageAndComeBeforeTheOlderLocalRunBuilds(@TempDir Path dir)
            throws Exception {
        var design = DesignFormat.parse("d.stowage.json", """
                {"formatVersion": 1, "name": "d",
                 "clusters": [{"id": "c", "name": "c",
                   "services": [{"id": "web", "service": {"serviceName": "web", "taskDefinition": "web:2"},
                     "imageBuilds": {"web": {"context": "src/web", "dockerfile": "docker/Dockerfile", "target": "run",
                                             "args": {"V": "2"}, "noCache": true}}}],
                   "tasks": [{"id": "job", "run": {"taskDefinition": "job"},
                     "imageBuilds": {"job": {"context": "https://example.com/job.git"}, "ghost": {"context": "x"}}}]}],
                 "taskDefinitions": [
                   {"family": "web", "containerDefinitions": [{"name": "web", "image": "shop/web:dev"}]},
                   {"family": "job", "containerDefinitions": [{"name": "job", "image": "shop/job"}]}],
                 "localRun": {"builds": [{"image": "shop/web:dev", "context": "old"}, {"image": "other", "context": "o"}]}}
                """).design();
        LocalDesignSettings settings = LocalDesignSettings.of(design, dir);

        BuildSpec web = settings.builds().get("shop/web:dev");
        assertThat(web.context()).isEqualTo(dir.resolve("src/web"));
        assertThat(web.dockerfile()).isEqualTo(dir.resolve("src/web/docker/Dockerfile"));
        assertThat(web.target()).isEqualTo("run");
        assertThat(web.buildArgs()).containsEntry("V", "2");
        assertThat(web.noCache()).isTrue();
        assertThat(settings.builds().get("other").context()).isEqualTo(dir.resolve("o"));
        assertThat(settings.builds()).doesNotContainKey("shop/job");
        assertThat(settings.problems()).containsExactly(
                "cluster c, task job: imageBuilds.job: the remote context https://example.com/job.git is not built"
                        + " locally; build and tag shop/job yourself",
                "cluster c, task job: imageBuilds.ghost: the task definition job has no container ghost with an"
                        + " image to tag the build with; not built");
    }
}
