package io.stowage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.engine.ecs.EcsClients;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ServiceField;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy --prune deletes the services and stops the standalone tasks a deploy of the design made and the design no
 * longer has, and nothing else: a service someone else made in the same cluster stays. Same plan/apply contract.
 */
@Tag("ecs")
class DeployPruneTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    private static final ObjectMapper JSON = new ObjectMapper();

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

    private String[] ecs(String... args) {
        String[] out = new String[args.length + 4];
        System.arraycopy(args, 0, out, 0, args.length);
        out[args.length] = "--region";
        out[args.length + 1] = ECS.region();
        out[args.length + 2] = "--endpoint-url";
        out[args.length + 3] = ECS.endpoint().toString();
        return out;
    }

    /** With a container memory: moto's RunTask fails (HTTP 500) on a container without one. */
    private Path taskDefinition(String family) throws Exception {
        return Files.writeString(dir.resolve(family + ".json"), """
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "%1$s", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
                """.formatted(family));
    }

    /** Services api and worker, and a standalone task of job, in cluster default. */
    private Path design() throws Exception {
        Path design = dir.resolve("shop.stowage.json");
        CliRun imported = CliRun.of("import", taskDefinition("api").toString(), taskDefinition("worker").toString(),
                taskDefinition("job").toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        JsonNode root = JSON.readTree(design.toFile());
        ObjectNode cluster = (ObjectNode) root.path("clusters").get(0);
        remove((ArrayNode) cluster.path("services"), "job");
        ((ArrayNode) cluster.path("tasks")).addObject().put("id", "job").putObject("run")
                .put("taskDefinition", "job").put("count", 1).put("launchType", "FARGATE");
        write(design, root);
        return design;
    }

    private static void remove(ArrayNode entries, String id) {
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            if (id.equals(it.next().path("id").asText())) {
                it.remove();
            }
        }
    }

    private static void write(Path file, JsonNode root) throws Exception {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Test
    void pruneRemovesOnlyWhatThisDesignDeployedAndNoLongerHas() throws Exception {
        ECS.reset();
        Path design = design();
        String designId = JSON.readTree(design.toFile()).path("id").asText();
        CliRun applied = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();

        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            assertThat(ecs.describeServices(r -> r.cluster("default").services("api").include(ServiceField.TAGS))
                    .services().get(0).tags()).anySatisfy(t -> {
                        assertThat(t.key()).isEqualTo("stowage:design");
                        assertThat(t.value()).isEqualTo(designId);
                    });
            // Someone else's service in the same cluster, of the same family, untagged.
            String api = ecs.describeServices(r -> r.cluster("default").services("api")).services().get(0)
                    .taskDefinition();
            var network = ecs.describeServices(r -> r.cluster("default").services("api")).services().get(0)
                    .networkConfiguration();
            ecs.createService(r -> r.cluster("default").serviceName("theirs").taskDefinition(api).desiredCount(1)
                    .launchType("FARGATE").networkConfiguration(network));
        }
        List<String> jobTasks = runningTasks("job");
        assertThat(jobTasks).hasSize(1);

        JsonNode root = JSON.readTree(design.toFile());
        ObjectNode cluster = (ObjectNode) root.path("clusters").get(0);
        remove((ArrayNode) cluster.path("services"), "worker");
        remove((ArrayNode) cluster.path("tasks"), "job");
        write(design, root);

        CliRun withoutPrune = CliRun.of(ecs("deploy", design.toString()));
        assertThat(withoutPrune.exitCode()).as(withoutPrune.out() + withoutPrune.err()).isZero();
        assertThat(withoutPrune.out()).doesNotContain("- delete").doesNotContain("- stop");
        assertThat(withoutPrune.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");

        CliRun plan = CliRun.of(ecs("deploy", "--prune", design.toString()));
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        String taskId = jobTasks.get(0).substring(jobTasks.get(0).lastIndexOf('/') + 1);
        assertThat(plan.outLines()).contains(
                "- delete service default/worker (scaled to 0 first; deployed from this design, no longer in it)",
                "- stop task default/" + taskId + " of job:1 (started from this design, no longer in it)");
        assertThat(plan.out()).doesNotContain("theirs").doesNotContain("service default/api (");
        assertThat(plan.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, 2 to delete, \\d+ unchanged");

        CliRun pruned = CliRun.of(ecs("deploy", "--prune", "--apply", "--no-wait", design.toString()));
        assertThat(pruned.exitCode()).as(pruned.out() + pruned.err()).isZero();
        assertThat(pruned.outLines()).last().asString().startsWith("Apply complete: 2 changes made");

        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            var services = ecs.describeServices(r -> r.cluster("default").services("api", "worker", "theirs"))
                    .services();
            assertThat(services).filteredOn(s -> s.serviceName().equals("worker")).singleElement()
                    .satisfies(s -> assertThat(s.status()).isIn("DRAINING", "INACTIVE"));
            assertThat(services).filteredOn(s -> "ACTIVE".equals(s.status())).extracting(s -> s.serviceName())
                    .containsExactlyInAnyOrder("api", "theirs");
        }
        assertThat(runningTasks("job")).isEmpty();

        CliRun again = CliRun.of(ecs("deploy", "--prune", design.toString()));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    private static List<String> runningTasks(String family) {
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            return ecs.listTasks(r -> r.cluster("default").family(family).desiredStatus(DesiredStatus.RUNNING))
                    .taskArns();
        }
    }
}
