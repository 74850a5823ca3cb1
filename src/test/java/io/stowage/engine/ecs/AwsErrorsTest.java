package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credentials resolved from profiles, SSO ones included, and the words a user gets when they do not resolve.
 * Nothing is sent: credentials are resolved before a request leaves, and the endpoint is a closed loopback port.
 */
class AwsErrorsTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    @TempDir
    Path dir;

    @BeforeEach
    void profiles() throws IOException {
        Path config = Files.writeString(dir.resolve("config"), """
                [profile ops]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = Deployer
                region = eu-west-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """);
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
    }

    @AfterEach
    void noProfiles() {
        System.clearProperty("aws.configFile");
        System.clearProperty("aws.sharedCredentialsFile");
    }

    @Test
    void anSsoProfileWithoutALoginSaysToLogIn() {
        try (EcsEngine engine = new EcsEngine(new EcsSettings(null, "ops", NOWHERE, null))) {
            assertThatThrownBy(() -> engine.importCluster("demo", "demo"))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessage("the SSO session of profile ops has expired or was never started: run aws sso login"
                            + " --profile ops");
        }
    }

    @Test
    void aProfileThatIsNotThereIsNamed() {
        try (EcsEngine engine = new EcsEngine(new EcsSettings("eu-west-1", "nosuch", NOWHERE, null))) {
            assertThatThrownBy(() -> engine.importCluster("demo", "demo"))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("credentials missing for profile nosuch: ");
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsNamed() {
        try (EcsEngine engine = new EcsEngine(new EcsSettings("eu-west-1", null, NOWHERE,
                new EcsSettings.StaticKeys("a", "b")))) {
            assertThatThrownBy(() -> engine.scaleService("demo", "web", 2))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("no ECS endpoint answers at http://127.0.0.1:9 (UpdateService: ");
        }
    }
}
