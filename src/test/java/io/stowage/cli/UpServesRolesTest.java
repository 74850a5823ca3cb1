package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.engine.local.LocalEngine;
import io.stowage.testsupport.BusyboxImage;
import io.stowage.testsupport.ContainerShell;
import io.stowage.testsupport.DockerEngineExtension;
import io.stowage.testsupport.MotoIam;
import io.stowage.testsupport.PrivateMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code stowage up} in the foreground as a user runs it, with nothing but the AWS SDK's own settings in its
 * environment (keys, region, {@code AWS_ENDPOINT_URL} at moto with IAM enforced): it is the agent, so the task's
 * secret is read with the execution role and its containers get their task role's credentials; no credential or
 * secret value lands in a file it writes, in {@code ps --json} or in a container's environment beyond what ECS
 * injects; what it added to the machine (the 169.254.170.2 rules) goes when it stops.
 */
@Tag("docker")
@Tag("ecs")
class UpServesRolesTest {
    @RegisterExtension
    static final DockerEngineExtension ENGINE = new DockerEngineExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "hunter2-read-by-the-execution-role";

    private static PrivateMoto moto;
    private static MotoIam.Keys user;
    private static String appRole;
    private static String secretArn;
    private static String executionRole;

    @BeforeAll
    static void account() {
        BusyboxImage.ensure(ENGINE.client());
        moto = PrivateMoto.start();
        MotoIam iam = new MotoIam(moto);
        user = iam.user("dev", "sts:AssumeRole", "iam:GetRole");
        executionRole = iam.role("web-execution", MotoIam.aws(user.userArn()), "secretsmanager:GetSecretValue");
        appRole = iam.role("web-task", MotoIam.aws(user.userArn()), "s3:ListAllMyBuckets");
        secretArn = iam.secret("web/db", SECRET);
        moto.requireAuthentication();
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private ProcessBuilder stowage(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + dir.resolve("home"), "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-cp", System.getProperty("java.class.path"), "io.stowage.app.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("AWS_ACCESS_KEY_ID", user.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", user.secretAccessKey());
        env.put("AWS_REGION", PrivateMoto.REGION);
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        return pb;
    }

    @Test
    void theForegroundRunIsTheAgentAndLeavesNoCredentialOrSecretBehind(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("tmp"));
        Path design = dir.resolve("web.stowage.json");
        Files.writeString(design, """
                {"formatVersion": 1, "name": "agent-roles",
                 "clusters": [{"id": "c", "name": "web", "instances": [{"id": "i-1", "instanceType": "t3.medium",
                   "availabilityZone": "us-east-1a"}],
                   "tasks": [{"id": "web", "run": {"taskDefinition": "web"}}]}],
                 "taskDefinitions": [{"family": "web", "taskRoleArn": "%s", "executionRoleArn": "%s",
                   "containerDefinitions": [{"name": "app", "image": "%s", "command": ["sleep", "3600"],
                     "memory": 32, "stopTimeout": 2,
                     "secrets": [{"name": "DB_PASSWORD", "valueFrom": "%s"}]}]}]}
                """.formatted(appRole, executionRole, BusyboxImage.NAME, secretArn));
        String key = LocalEngine.designKey("agent-roles", design);

        Process up = stowage(dir, "up", "--pull", "prefer-cached", "--instance-addresses", "127.0.61",
                design.toString()).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var out = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} (RUNNING|STOPPED.*)")) {
                        running.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            running.complete(null);
        });
        reader.start();
        JsonNode served;
        try {
            running.get(120, TimeUnit.SECONDS);
            assertThat(lines).as("up printed").anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d web/[0-9a-f]{8} RUNNING"));
            String container = ENGINE.client().listContainersCmd()
                    .withLabelFilter(Map.of("io.stowage.design", key, "com.amazonaws.ecs.container-name", "app"))
                    .exec().get(0).getId();
            String taskId = ENGINE.client().inspectContainerCmd(container).exec().getConfig().getLabels()
                    .get("com.amazonaws.ecs.task-arn").replaceAll(".*/", "");

            String env = ContainerShell.run(ENGINE.client(), container, "env").stdout();
            assertThat(env).contains("DB_PASSWORD=" + SECRET)
                    .containsPattern("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/[-0-9a-f]{36}")
                    .contains("AWS_REGION=us-east-1")
                    .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                            user.accessKeyId(), user.secretAccessKey());
            var fetched = ContainerShell.sh(ENGINE.client(), container,
                    "wget -qO- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
            assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
            served = JSON.readTree(fetched.stdout());
            assertThat(callerIdentity(served)).isEqualTo("arn:aws:sts::" + PrivateMoto.ACCOUNT
                    + ":assumed-role/web-task/" + taskId);

            Process ps = stowage(dir, "ps", "--json", design.toString()).start();
            String psJson = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(psJson).contains(container);
            assertThat(psJson).doesNotContain(SECRET, user.secretAccessKey(), served.path("SecretAccessKey").asText(),
                    served.path("Token").asText());

            assertThat(natRules()).anyMatch(r -> r.contains("stowage-agent pid=" + up.pid() + " "));
        } finally {
            up.toHandle().destroy(); // SIGTERM: stops the tasks, removes what the run made
            if (!up.waitFor(90, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
            reader.join(10_000);
        }
        assertThat(natRules()).noneMatch(r -> r.contains("stowage-agent pid=" + up.pid() + " "));
        assertThat(String.join("\n", lines)).doesNotContain(SECRET, user.secretAccessKey(),
                served.path("SecretAccessKey").asText(), served.path("Token").asText());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file.toString()).doesNotContain(SECRET, user.secretAccessKey(),
                        served.path("SecretAccessKey").asText(), served.path("Token").asText());
            }
        }
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.stowage.design", key)).exec()).isEmpty();
    }

    private static List<String> natRules() throws Exception {
        List<String> out = new ArrayList<>();
        for (String chain : List.of("PREROUTING", "OUTPUT")) {
            Process p = new ProcessBuilder("iptables", "-w", "5", "-t", "nat", "-S", chain).redirectErrorStream(true)
                    .start();
            out.addAll(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return out;
    }

    private static String callerIdentity(JsonNode c) {
        try (StsClient sts = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        c.path("AccessKeyId").asText(), c.path("SecretAccessKey").asText(),
                        c.path("Token").asText()))).build()) {
            return sts.getCallerIdentity().arn();
        }
    }
}
