package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.engine.ecs.EcsSettings;
import io.stowage.engine.ecs.StsExecutionRoles;
import io.stowage.engine.ecs.StsRoles;
import io.stowage.engine.local.AgentServices;
import io.stowage.engine.local.DockerConnection;
import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LocalRun;
import io.stowage.engine.local.LocalRunOptions;
import io.stowage.engine.local.PullBehavior;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.runtime.DescribeTasksJson;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.TaskRole;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.MotoIam;
import io.stowage.testsupport.PrivateMoto;
import io.stowage.testsupport.RecordingListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Task roles and execution roles against an account that enforces IAM (moto with authentication on): the user may
 * assume roles but not read the secret; the execution role may read it; one role trusts only ECS. What a task's
 * containers get, and what they never get, is read from inside them.
 */
@Tag("docker")
@Tag("ecs")
class TaskAndExecutionRolesTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String SECRET = "pa55-w0rd-only-the-execution-role-reads";

    private static PrivateMoto moto;
    private static MotoIam.Keys user;
    private static String executionRole;
    private static String appRole;
    private static String ecsOnlyRole;
    private static StsRoles roles;
    private static AgentEndpoints endpoints;
    private static LocalEngine engine;
    private static final RecordingListener LISTENER = new RecordingListener();
    private static final RecordingListener FALLBACK = new RecordingListener();
    private static LocalRun run;
    private static LocalRun fallbackRun;
    private static Design design;
    private static Design fallbackDesign;
    private static String key;
    private static String fallbackKey;

    @BeforeAll
    static void up() throws Exception {
        ENGINE.client();
        BusyboxImage.ensure(ENGINE.client());
        moto = PrivateMoto.start();
        MotoIam iam = new MotoIam(moto);
        user = iam.user("dev", "sts:AssumeRole", "iam:GetRole");
        executionRole = iam.role("app-execution", MotoIam.aws(user.userArn()), "secretsmanager:GetSecretValue");
        appRole = iam.role("app-task", MotoIam.aws(user.userArn()), "s3:ListAllMyBuckets");
        ecsOnlyRole = iam.role("ecs-only", MotoIam.service("ecs-tasks.amazonaws.com"), "s3:ListAllMyBuckets");
        String secretArn = iam.secret("db-password", SECRET);
        moto.requireAuthentication();

        EcsSettings settings = moto.settings(user.accessKeyId(), user.secretAccessKey());
        roles = new StsRoles(settings);
        endpoints = AgentEndpoints.start(roles, AgentEndpoints.Settings.defaults());
        engine = new LocalEngine(DockerConnection.fromEnvironment());
        LocalRunOptions options = LocalRunOptions.defaults().withAddresses("127.0.58", "127.0.68")
                .withPullBehavior(PullBehavior.PREFER_CACHED)
                .withAgent(AgentServices.NONE.withEndpoints(endpoints)
                        .withExecutionRoles(new StsExecutionRoles(settings, roles)).withRegion("us-east-1"));

        design = DesignFormat.parse("roles.stowage.json", """
                {"formatVersion": 1, "name": "roles",
                 "clusters": [{"id": "c", "name": "roles", "instances": [
                   {"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                  "tasks": [{"id": "api", "run": {"taskDefinition": "api"}},
                            {"id": "locked", "run": {"taskDefinition": "locked"}},
                            {"id": "unreadable", "run": {"taskDefinition": "unreadable"}}]}],
                 "taskDefinitions": [%s, %s, %s]}
                """.formatted(
                td("api", appRole, executionRole, secretArn),
                td("locked", ecsOnlyRole, null, null),
                td("unreadable", null, ecsOnlyRole, secretArn))).design();
        key = LocalEngine.designKey("roles", Path.of("/tmp/stowage-tests/roles.stowage.json"));
        run = engine.up(design, key, options, LISTENER, m -> { });

        fallbackDesign = DesignFormat.parse("fallback.stowage.json", """
                {"formatVersion": 1, "name": "fallback", "localRun": {"taskRoleFallback": "userCredentials"},
                 "clusters": [{"id": "c", "name": "fallback", "instances": [
                   {"id": "i-1", "instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
                  "tasks": [{"id": "mine", "run": {"taskDefinition": "mine"}}]}],
                 "taskDefinitions": [%s]}
                """.formatted(td("mine", ecsOnlyRole, null, null))).design();
        fallbackKey = LocalEngine.designKey("fallback", Path.of("/tmp/stowage-tests/fallback.stowage.json"));
        fallbackRun = engine.up(fallbackDesign, fallbackKey, options.withAddresses("127.0.59", "127.0.69"), FALLBACK,
                m -> { });

        LISTENER.await("api and locked RUNNING, unreadable STOPPED", TIMEOUT, l -> status(l, "api") == TaskStatus.RUNNING
                && status(l, "locked") == TaskStatus.RUNNING && status(l, "unreadable") == TaskStatus.STOPPED);
        FALLBACK.await("mine RUNNING", TIMEOUT, l -> status(l, "mine") == TaskStatus.RUNNING);
    }

    private static String td(String family, String taskRole, String executionRole, String secretArn) {
        return """
                {"family": "%s", %s %s
                 "containerDefinitions": [{"name": "app", "image": "%s", "command": ["sleep", "3600"],
                   "memory": 32 %s}]}
                """.formatted(family,
                taskRole == null ? "" : "\"taskRoleArn\": \"" + taskRole + "\",",
                executionRole == null ? "" : "\"executionRoleArn\": \"" + executionRole + "\",",
                BusyboxImage.NAME,
                secretArn == null ? "" : ", \"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"" + secretArn + "\"}]");
    }

    @AfterAll
    static void down() {
        for (LocalRun r : new LocalRun[]{run, fallbackRun}) {
            if (r != null) {
                r.close();
            }
        }
        if (engine != null) {
            engine.down(key, design, m -> { });
            engine.down(fallbackKey, fallbackDesign, m -> { });
        }
        if (endpoints != null) {
            endpoints.close();
        }
        if (roles != null) {
            roles.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    private static TaskStatus status(RecordingListener l, String family) {
        return l.tasks().stream().filter(t -> family.equals(t.family())).map(TaskState::lastStatus).findFirst()
                .orElse(null);
    }

    private static TaskState task(RecordingListener l, String family) {
        return l.tasks().stream().filter(t -> family.equals(t.family())).findFirst().orElseThrow();
    }

    private static String container(RecordingListener l, String family) {
        return task(l, family).container("app").orElseThrow().runtimeId();
    }

    private static String env(RecordingListener l, String family) {
        return ContainerShell.run(ENGINE.client(), container(l, family), "env").stdout();
    }

    private static JsonNode credentials(RecordingListener l, String family) throws Exception {
        var result = ContainerShell.sh(ENGINE.client(), container(l, family),
                "wget -qO- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        assertThat(result.exitCode()).as("credentials of %s: %s", family, result.stderr()).isZero();
        return JSON.readTree(result.stdout());
    }

    private static String callerIdentity(JsonNode c) {
        var session = AwsSessionCredentials.create(c.path("AccessKeyId").asText(), c.path("SecretAccessKey").asText(),
                c.path("Token").asText());
        var keys = c.path("Token").asText().isEmpty()
                ? AwsBasicCredentials.create(c.path("AccessKeyId").asText(), c.path("SecretAccessKey").asText()) : null;
        try (StsClient sts = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(keys != null ? keys : session)).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    @Test
    void theSecretIsReadWithTheExecutionRoleWhichTheUserAloneCannotRead() {
        assertThat(env(LISTENER, "api")).contains("DB_PASSWORD=" + SECRET);
        try (SecretsManagerClient asUser = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .endpointOverride(moto.endpoint()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey()))).build()) {
            assertThatThrownBy(() -> asUser.getSecretValue(r -> r.secretId("db-password")))
                    .isInstanceOf(SecretsManagerException.class)
                    .satisfies(e -> assertThat(((SecretsManagerException) e).statusCode()).isEqualTo(403));
        }
        assertThat(LISTENER.events()).filteredOn(e -> e.subject() != null && e.subject().startsWith("api/"))
                .noneMatch(e -> e.message().startsWith("deviation:"));
    }

    @Test
    void theContainersGetTheirTaskRoleOnlyNeitherTheExecutionRoleNorTheUsersKeys() throws Exception {
        String env = env(LISTENER, "api");
        assertThat(env).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                user.accessKeyId(), user.secretAccessKey());
        JsonNode served = credentials(LISTENER, "api");
        assertThat(served.path("RoleArn").asText()).isEqualTo(appRole);
        assertThat(callerIdentity(served)).isEqualTo("arn:aws:sts::" + PrivateMoto.ACCOUNT + ":assumed-role/app-task/"
                + task(LISTENER, "api").taskId());
        assertThat(served.toString()).doesNotContain(user.accessKeyId());
    }

    @Test
    void aRoleThatTrustsOnlyEcsIsRefusedWithWhatToChange() {
        TaskRole role = task(LISTENER, "locked").role();
        assertThat(role.status()).isEqualTo(TaskRole.Status.REFUSED);
        assertThat(role.detail()).contains(user.userArn(), ecsOnlyRole, "ecs-tasks.amazonaws.com",
                "{\"AWS\": \"" + user.userArn() + "\"}", "\"taskRoleFallback\": \"userCredentials\"");
        assertThat(LISTENER.events()).anyMatch(e -> e.message().startsWith("task role " + ecsOnlyRole
                + ": no credentials for the task: STS refused"));
        String env = env(LISTENER, "locked");
        assertThat(env).doesNotContain(user.accessKeyId()).doesNotContain("AWS_SECRET_ACCESS_KEY");
        var answer = ContainerShell.sh(ENGINE.client(), container(LISTENER, "locked"),
                "wget -qO- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI 2>&1; true").stdout();
        assertThat(answer).doesNotContain("AccessKeyId");
    }

    @Test
    void anExecutionRoleStsRefusesFallsBackToTheUsersCredentialsAndSaysSo() {
        TaskState unreadable = task(LISTENER, "unreadable");
        assertThat(unreadable.stoppedReason()).startsWith("ResourceInitializationError: unable to pull secrets or "
                + "registry auth: unable to retrieve secret ").contains("AccessDenied: User: " + user.userArn()
                + " is not authorized to perform: secretsmanager:GetSecretValue").doesNotContain(SECRET);
        assertThat(LISTENER.events()).anyMatch(e -> e.message().startsWith("deviation: execution role " + ecsOnlyRole
                + " could not be assumed, so the agent reads this task's secrets and pulls its images with your own "
                + "AWS credentials: STS refused"));
    }

    @Test
    void psJsonShowsEachTasksRoleButNoCredentialOrSecret() throws Exception {
        JsonNode served = credentials(LISTENER, "api");
        String ps = DescribeTasksJson.write(run.snapshot());
        JsonNode tasks = JSON.readTree(ps).path("tasks");
        for (JsonNode t : tasks) {
            if (t.path("taskDefinitionArn").asText().contains("/api:")) {
                assertThat(t.path("taskRole").path("status").asText()).isEqualTo("ASSUMED");
                assertThat(t.path("taskRole").path("roleArn").asText()).isEqualTo(appRole);
            }
        }
        assertThat(ps).contains("\"REFUSED\"").doesNotContain(SECRET, user.secretAccessKey(),
                served.path("SecretAccessKey").asText(), served.path("Token").asText());
    }

    @Test
    void theUsersFallbackGivesTheTaskTheirOwnCredentialsAsADeviationOnTheTask() throws Exception {
        TaskState mine = task(FALLBACK, "mine");
        assertThat(mine.role().status()).isEqualTo(TaskRole.Status.USER_CREDENTIALS);
        assertThat(FALLBACK.events()).anyMatch(e -> e.subject() != null && e.subject().contains("mine")
                && e.message().startsWith("deviation: task role " + ecsOnlyRole + ": STS refused"));
        JsonNode served = credentials(FALLBACK, "mine");
        assertThat(served.path("AccessKeyId").asText()).isEqualTo(user.accessKeyId());
        assertThat(served.path("RoleArn").asText()).isEqualTo(ecsOnlyRole);
        assertThat(callerIdentity(served)).isEqualTo(user.userArn());
    }
}
