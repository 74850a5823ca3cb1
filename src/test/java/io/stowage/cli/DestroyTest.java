package io.stowage.cli;

import io.stowage.engine.ecs.EcsClients;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** stowage destroy removes what a deploy of the design made, and nothing else, on a fresh moto_server. */
@Tag("ecs")
class DestroyTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    @TempDir
    Path dir;

    private Path design;

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

    @BeforeEach
    void deployed() throws IOException {
        ECS.reset();
        Path fargate = Files.writeString(dir.resolve("api.json"), """
                {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                 "memory": "512", "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
                """);
        Path ec2 = Files.writeString(dir.resolve("web.json"), """
                {"family": "web", "requiresCompatibilities": ["EC2"], "containerDefinitions": [{"name": "web",
                  "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256}]}
                """);
        design = dir.resolve("d.stowage.json");
        assertThat(CliRun.of("import", fargate.toString(), ec2.toString(), "-o", design.toString()).exitCode()).isZero();
        CliRun apply = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
    }

    private Ec2Client ec2() {
        return Ec2Client.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
    }

    @Test
    void destroyRemovesWhatTheDeployMadeAndAPlanAfterCreatesItAllAgain() {
        CliRun plan = CliRun.of(ecs("destroy", "--deregister-task-definitions", design.toString()));
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.outLines()).contains("- delete service default/api (scaled to 0 first)",
                "- delete service default/web (scaled to 0 first)",
                "- deregister the ACTIVE revisions of task definition web");
        assertThat(plan.out()).contains("- terminate instance i-");
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            assertThat(ecs.describeServices(r -> r.cluster("default").services("api", "web")).services())
                    .allSatisfy(s -> assertThat(s.status()).isEqualTo("ACTIVE"));
        }

        CliRun destroy = CliRun.of(ecs("destroy", "--apply", "--deregister-task-definitions", design.toString()));

        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(destroy.outLines()).last().asString().startsWith("Destroy complete: ");
        try (EcsClient ecs = EcsClients.create(ECS.settings()); Ec2Client ec2 = ec2()) {
            assertThat(ecs.describeClusters(r -> r.clusters("default")).clusters())
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo("INACTIVE"));
            assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:stowage:cluster")
                    .values("default").build())).reservations()).flatExtracting(res -> res.instances())
                    .allSatisfy(i -> assertThat(i.state().nameAsString()).isIn("shutting-down", "terminated"));
            assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("web").status("ACTIVE")).taskDefinitionArns()).isEmpty();
        }
        CliRun again = CliRun.of(ecs("deploy", design.toString()));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.outLines()).contains("+ create cluster default", "+ create service default/api",
                "+ create service default/web");
        assertThat(again.outLines()).last().asString().matches("Plan: \\d+ to create, 0 to update, 0 unchanged");
    }

    @Test
    void whatTheDesignDidNotMakeIsLeftAndKeepsTheCluster() {
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            String revision = ecs.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster("default").serviceName("someone-elses").taskDefinition(revision)
                    .desiredCount(0).launchType("EC2"));
        }

        CliRun destroy = CliRun.of(ecs("destroy", "--apply", design.toString()));

        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(destroy.out()).doesNotContain("someone-elses")
                .contains("delete cluster default once nothing else is in it").contains("done: kept: it still holds 1 service(s)");
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            assertThat(ecs.describeServices(r -> r.cluster("default").services("someone-elses")).services())
                    .singleElement().satisfies(s -> assertThat(s.status()).isEqualTo("ACTIVE"));
            assertThat(ecs.describeClusters(r -> r.clusters("default")).clusters().get(0).status()).isEqualTo("ACTIVE");
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().statusAsString())
                    .as("revisions stay unless asked").isEqualTo("ACTIVE");
        }
    }
}
