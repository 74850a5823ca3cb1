package io.stowage.cli;

import io.stowage.testsupport.PrivateMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy --apply follows the rollout and ends with ECS's outcome in its words and the documented exit code. moto
 * makes its deployments complete or fail by its settings: MOTO_ECS_SERVICE_RUNNING is the running count every
 * service reports (the deployment is COMPLETED once it reaches the desired count), MOTO_ECS_SERVICE_FAILED_TASKS
 * the failed tasks of each deployment (which stays IN_PROGRESS, as ECS's does until its circuit breaker trips).
 */
@Tag("ecs")
class RolloutWaitTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Path design() throws IOException {
        Path file = Files.writeString(dir.resolve("api.json"), """
                {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
                """);
        Path design = dir.resolve("api.stowage.json");
        CliRun imported = CliRun.of("import", file.toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        return design;
    }

    private static CliRun deploy(PrivateMoto moto, Path design, String... more) {
        String[] base = {"deploy", "--apply", "--region", PrivateMoto.REGION, "--endpoint-url",
                moto.endpoint().toString()};
        String[] args = new String[base.length + more.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        args[args.length - 1] = design.toString();
        return CliRun.of(args);
    }

    @Test
    void aDeploymentThatCompletesEndsWithEcsWordsAndExitZero() throws IOException {
        try (PrivateMoto moto = PrivateMoto.start(Map.of("MOTO_ECS_SERVICE_RUNNING", "1"))) {
            CliRun run = deploy(moto, design(), "--wait-timeout", "60s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("Waiting for the rollout of 1 service(s)");
            assertThat(run.outLines()).anySatisfy(l -> assertThat(l).matches(
                    "Rollout COMPLETED: default/api: deployment ecs-svc/\\d+ COMPLETED: ECS deployment ecs-svc/\\d+ completed\\."));
            assertThat(run.outLines()).last().isEqualTo("Rollouts: 1 completed, 0 failed, 0 in progress");
        }
    }

    @Test
    void aDeploymentWhoseTasksFailToStartEndsFailedWithExitFive() throws IOException {
        try (PrivateMoto moto = PrivateMoto.start(Map.of("MOTO_ECS_SERVICE_FAILED_TASKS", "3"))) {
            CliRun run = deploy(moto, design(), "--wait-timeout", "60s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(DeployCommand.ROLLOUT_FAILED).isEqualTo(5);
            assertThat(run.outLines()).anySatisfy(l -> assertThat(l).startsWith("Rollout FAILED: default/api: deployment ")
                    .contains("3 task(s) failed to start").contains("ECS says: ECS deployment ecs-svc/"));
            assertThat(run.outLines()).last().isEqualTo("Rollouts: 0 completed, 1 failed, 0 in progress");
        }
    }

    @Test
    void aRolloutStillUnderWayAtTheTimeoutSaysSoWithExitSixAndNoWaitReturnsAtOnce() throws IOException {
        try (PrivateMoto moto = PrivateMoto.start()) {
            Path design = design();
            CliRun run = deploy(moto, design, "--wait-timeout", "3s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(DeployCommand.ROLLOUT_UNFINISHED).isEqualTo(6);
            assertThat(run.out()).contains("  default/api: deployment ecs-svc/").contains("0 of 1 running, 1 pending");
            assertThat(run.outLines()).last().isEqualTo("Rollouts: 0 completed, 0 failed, 1 still in progress after 3s");

            Files.writeString(design, Files.readString(design).replace("nginx:1.27", "nginx:1.28"));
            CliRun noWait = deploy(moto, design, "--no-wait");
            assertThat(noWait.exitCode()).as(noWait.out() + noWait.err()).isZero();
            assertThat(noWait.out()).doesNotContain("Waiting for");
            assertThat(noWait.outLines()).last().asString().startsWith("Apply complete");
        }
    }
}
