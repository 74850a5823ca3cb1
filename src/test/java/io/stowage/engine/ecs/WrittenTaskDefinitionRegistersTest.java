package io.stowage.engine.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.testsupport.EcsEndpointExtension;
import io.stowage.testsupport.Engines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A describe-output file, written by Stowage in the RegisterTaskDefinition shape, registers on a real ECS
 * endpoint: through the SDK, and through the AWS CLI's own --cli-input-json.
 */
@Tag("ecs")
class WrittenTaskDefinitionRegistersTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    @TempDir
    Path dir;

    @Test
    void writtenDescribeOutputRegistersThroughTheSdk() throws Exception {
        String written = TaskDefinitionFormat.write(sample());

        String arn;
        JsonNode described;
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            TaskDefinitionRegistrar registrar = new TaskDefinitionRegistrar(ecs);
            arn = registrar.register(written);
            described = new ObjectMapper().readTree(registrar.describe("shop-api"));
        }

        assertThat(arn).contains(":task-definition/shop-api:");
        assertThat(described.at("/containerDefinitions/0/healthCheck/startPeriod").asInt()).isEqualTo(60);
        assertThat(described.at("/containerDefinitions/0/portMappings/0/containerPort").asInt()).isEqualTo(8080);
    }

    /**
     * The describe-output sample, with a task-level memory: moto wants container or task memory for EC2 task
     * definitions, where ECS itself accepts memoryReservation alone.
     */
    private static TaskDefinition sample() throws Exception {
        LoadedTaskDefinition loaded = TaskDefinitionFormat.read(Path.of("src/test/resources/samples/taskdefs/describe-wrapped.json"));
        return loaded.taskDefinition().withMemory("1024");
    }

    @Test
    void writtenFileRegistersThroughTheAwsCli() throws Exception {
        boolean cli = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        if (!cli && Engines.required()) {
            throw new AssertionError("the AWS CLI is required here");
        }
        Assumptions.assumeTrue(cli, "the AWS CLI (aws) is not installed");
        Path file = dir.resolve("shop-api.json");
        TaskDefinitionFormat.write(sample().withFamily("shop-api-cli"), file);

        ProcessBuilder builder = new ProcessBuilder(List.of("aws", "ecs", "register-task-definition",
                "--cli-input-json", "file://" + file, "--endpoint-url", ECS.endpoint().toString(),
                "--region", ECS.region(), "--output", "json"))
                .redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
        builder.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        JsonNode registered = new ObjectMapper().readTree(output).path("taskDefinition");
        assertThat(registered.path("family").asText()).isEqualTo("shop-api-cli");
        assertThat(registered.path("revision").asInt()).isEqualTo(1);
        assertThat(Files.readString(file)).doesNotContain("taskDefinitionArn");
    }
}
