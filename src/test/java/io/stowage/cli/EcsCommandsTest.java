package io.stowage.cli;

import io.stowage.engine.ecs.EcsClients;
import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** stowage deploy, watch and import --ecs-cluster against moto_server. */
@Tag("ecs")
class EcsCommandsTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    @TempDir
    Path dir;

    private Path designFile;

    /** The default credential chain reads these system properties: moto checks nothing, the SDK needs some. */
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

    @BeforeEach
    void design() throws IOException {
        ECS.reset();
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            iam.createInstanceProfile(r -> r.instanceProfileName("ecsInstanceRole"));
            // What the console made before: the worker's execution role and log group (DeployDefaultsTest: without).
            iam.createRole(r -> r.roleName("ecsTaskExecutionRole").assumeRolePolicyDocument(
                    io.stowage.model.deploy.ConsoleDefaults.trustPolicy("ecs-tasks.amazonaws.com")));
        }
        try (var logs = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                .region(Region.of(ECS.region())).endpointOverride(ECS.endpoint()).credentialsProvider(ECS.credentials())
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            logs.createLogGroup(r -> r.logGroupName("/ecs/worker"));
        }
        designFile = dir.resolve("demo.stowage.json");
        DesignFormat.write(exampleWithoutStandaloneTask(), designFile);
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

    @Test
    void deployShowsThePlanAndChangesNothingUntilApply() {
        CliRun plan = CliRun.of(ecs("deploy", designFile.toString()));

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.outLines()).contains("+ create cluster demo", "+ create service demo/web",
                "+ register task definition web (first revision)");
        assertThat(plan.outLines()).last().isEqualTo("Plan: 11 to create, 0 to update, 0 unchanged");
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            assertThat(ecs.describeClusters(r -> r.clusters("demo")).clusters()).isEmpty();
        }

        CliRun apply = CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString()));

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.outLines()).contains("Plan: 11 to create, 0 to update, 0 unchanged");
        assertThat(apply.out()).contains("[1/11] create cluster demo ... done: arn:aws:ecs:us-east-1:");
        assertThat(apply.outLines()).last().isEqualTo("Apply complete: 11 changes made");

        CliRun again = CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString()));

        assertThat(again.exitCode()).isZero();
        assertThat(again.outLines()).containsExactly(
                "note: placement: service demo/report #1 cannot be placed on the designed capacity: RESOURCE:MEMORY:"
                        + " service report was unable to place a task because no container instance met all of its"
                        + " requirements. The closest matching container-instance i-0a1b2c3d has insufficient memory"
                        + " available.",
                "Plan: 0 to create, 0 to update, 11 unchanged");
    }

    @Test
    void aClusterImportedFromEcsDeploysBackUnchanged() {
        assertThat(CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString())).exitCode()).isZero();
        registerLaunchedInstancesAsTheirAgentsWould();
        Path imported = dir.resolve("imported.stowage.json");

        CliRun run = CliRun.of(ecs("import", "--ecs-cluster", "demo", "-o", imported.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).last().asString().startsWith("wrote " + imported + ": cluster demo with 4 service(s)");
        CliRun back = CliRun.of(ecs("deploy", imported.toString()));
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    @Test
    void aClusterImportedBeforeItsInstancesRegisteredKeepsThemAndDeploysBackUnchanged() {
        assertThat(CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString())).exitCode()).isZero();
        Path imported = dir.resolve("imported.stowage.json");

        CliRun run = CliRun.of(ecs("import", "--ecs-cluster", "demo", "-o", imported.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("has not registered yet");
        CliRun back = CliRun.of(ecs("deploy", imported.toString()));
        assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
        assertThat(back.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    /**
     * The example's rolling-stall scenario as a deploy: web:2 with minimumHealthyPercent 100 / maximumPercent 200
     * while web:1 holds host port 80 on both instances. The plan warns, in ECS's words, before anything is applied;
     * with minimumHealthyPercent 50 (rolling-fixed) it does not.
     */
    @Test
    void aRollingUpdateThatWouldStallIsWarnedAboutBeforeApplying() throws IOException {
        CliRun applied = CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString()));
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();

        DesignFormat.write(webV2(exampleWithoutStandaloneTask(), 100, 200), designFile);
        CliRun stalls = CliRun.of(ecs("deploy", designFile.toString()));

        assertThat(stalls.exitCode()).as(stalls.out() + stalls.err()).isZero();
        assertThat(stalls.outLines()).contains("~ update service demo/web: taskDefinition, deploymentConfiguration",
                "warning: service web: the rolling update would stall: service web was unable to place a task because"
                        + " no container instance met all of its requirements. The closest matching"
                        + " container-instance i-0a1b2c3d is already using a port required by your task.");
        assertThat(stalls.outLines()).last().asString().matches("Plan: 1 to create, 1 to update, \\d+ unchanged");

        DesignFormat.write(webV2(exampleWithoutStandaloneTask(), 50, 200), designFile);
        CliRun completes = CliRun.of(ecs("deploy", designFile.toString()));

        assertThat(completes.exitCode()).as(completes.out() + completes.err()).isZero();
        assertThat(completes.outLines()).contains("~ update service demo/web: taskDefinition, deploymentConfiguration");
        assertThat(completes.out()).doesNotContain("warning:");
    }

    /** The design with web's image at nginx 1.28 (the scenario's web-v2.json) and the given percentages. */
    private static Design webV2(Design design, int minimumHealthyPercent, int maximumPercent) {
        TaskDefinition td = design.taskDefinition("web").orElseThrow();
        List<io.stowage.model.ecs.ContainerDefinition> containers = td.containerDefinitions().stream()
                .map(c -> c.name().equals("nginx") ? c.withImage("public.ecr.aws/nginx/nginx:1.28") : c).toList();
        Design changed = design.withTaskDefinition(td.withContainerDefinitions(containers));
        Cluster demo = changed.cluster("demo").orElseThrow();
        Service web = demo.service("web").orElseThrow();
        return changed.withCluster(demo.withService(web.withSpec(web.spec().withDeploymentConfiguration(
                web.spec().deploymentConfiguration().withMinimumHealthyPercent(minimumHealthyPercent)
                        .withMaximumPercent(maximumPercent)))));
    }

    @Test
    void watchOncePrintsTasksInstancesAndServicesAsJson() {
        assertThat(CliRun.of(ecs("deploy", "--apply", "--no-wait", designFile.toString())).exitCode()).isZero();
        try (EcsClient ecs = EcsClients.create(ECS.settings());
             Ec2Client ec2 = Ec2Client.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                     .credentialsProvider(ECS.credentials()).httpClientBuilder(
                             software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            String launched = ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:stowage:cluster")
                    .values("demo").build())).reservations().get(0).instances().get(0).instanceId();
            ecs.registerContainerInstance(r -> r.cluster("demo").instanceIdentityDocument(
                    "{\"instanceId\": \"" + launched + "\"}"));
            ecs.runTask(r -> r.cluster("demo").taskDefinition("api").launchType("EC2"));
        }

        CliRun json = CliRun.of(ecs("watch", "--once", "--json", "--cluster", "demo"));
        CliRun text = CliRun.of(ecs("watch", "--once", "--cluster", "demo"));

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"tasks\": [", "\"containerInstances\": [", "\"services\": [",
                "\"taskDefinitionArn\": \"arn:aws:ecs:us-east-1:123456789012:task-definition/api:1\"",
                "\"serviceName\": \"web\"");
        assertThat(text.outLines().get(0)).startsWith("TASK ");
        assertThat(text.out()).contains("api:1").contains("SERVICE").contains("INSTANCE");
    }

    @Test
    void aDesignWithErrorsIsRefusedListingThemAll() throws IOException {
        Path taskDefinition = dir.resolve("api.json");
        Files.writeString(taskDefinition, """
                {"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "api", "image": "<IMAGE>"}]}
                """);
        Path design = dir.resolve("api.stowage.json");
        assertThat(CliRun.of("import", taskDefinition.toString(), "-o", design.toString()).exitCode()).isZero();

        CliRun run = CliRun.of(ecs("deploy", design.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("stowage: error: the design has 1 error; nothing was deployed:")
                .contains("<IMAGE>").doesNotContain("SUBNET");
    }

    @Test
    void problemsReachingAwsAreSaidInWordsAUserCanActOn() throws IOException {
        Path emptyConfig = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
        System.setProperty("aws.configFile", emptyConfig.toString());
        System.setProperty("aws.sharedCredentialsFile", emptyConfig.toString());
        try {
            CliRun noProfile = CliRun.of("deploy", "--profile", "nosuch", "--region", "us-east-1", "--endpoint-url",
                    ECS.endpoint().toString(), designFile.toString());
            assertThat(noProfile.exitCode()).isEqualTo(1);
            assertThat(noProfile.err()).startsWith("stowage: error: credentials missing for profile nosuch");
        } finally {
            System.clearProperty("aws.configFile");
            System.clearProperty("aws.sharedCredentialsFile");
        }

        CliRun noEndpoint = CliRun.of("watch", "--once", "--cluster", "demo", "--region", "us-east-1",
                "--endpoint-url", "http://127.0.0.1:9");

        assertThat(noEndpoint.exitCode()).isEqualTo(1);
        assertThat(noEndpoint.err()).startsWith("stowage: error: no ECS endpoint answers at http://127.0.0.1:9 (");
    }

    /** RegisterContainerInstance with the attributes the user data gives (moto takes them from PutAttributes). */
    private static void registerLaunchedInstancesAsTheirAgentsWould() {
        try (EcsClient ecs = EcsClients.create(ECS.settings());
             Ec2Client ec2 = Ec2Client.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                     .credentialsProvider(ECS.credentials()).httpClientBuilder(
                             software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:stowage:cluster").values("demo").build()))
                    .reservations().forEach(reservation -> reservation.instances().forEach(instance -> {
                        String designId = instance.tags().stream().filter(t -> t.key().equals("stowage:instance"))
                                .findFirst().orElseThrow().value();
                        String arn = ecs.registerContainerInstance(r -> r.cluster("demo").instanceIdentityDocument(
                                "{\"instanceId\": \"" + instance.instanceId() + "\"}")).containerInstance()
                                .containerInstanceArn();
                        ecs.putAttributes(r -> r.cluster("demo").attributes(a -> a.name("stowage.instance")
                                .value(designId).targetId(arn)));
                    }));
        }
    }

    /** The example design, without its standalone EC2 task (which waits for agents) and with the account's subnets. */
    private static Design exampleWithoutStandaloneTask() {
        Design example = ExampleDesigns.firstStart().design();
        for (TaskDefinition td : example.taskDefinitionList()) {
            // moto demands a hard memory limit of EC2-compatible task definitions; see EcsDeployTest.
            if (td.requiresCompatibilities().equals(List.of("EC2"))
                    && td.containerDefinitions().stream().anyMatch(c -> c.memory() == null)) {
                example = example.withTaskDefinition(td.withRequiresCompatibilities(null));
            }
        }
        Cluster demo = example.cluster("demo").orElseThrow().withoutTask("smoke-test");
        Service worker = demo.service("worker").orElseThrow();
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            String subnet = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true")
                    .build())).subnets().get(0).subnetId();
            // moto answers HTTP 500 to an awsvpcConfiguration without securityGroups, which ECS accepts.
            String group = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
                    .values("default").build())).securityGroups().get(0).groupId();
            AwsVpcConfiguration vpc = worker.spec().networkConfiguration().awsvpcConfiguration()
                    .withSubnets(List.of(subnet)).withSecurityGroups(List.of(group));
            demo = demo.withService(worker.withSpec(worker.spec().withNetworkConfiguration(
                    NetworkConfiguration.EMPTY.withAwsvpcConfiguration(vpc))));
        }
        return example.withCluster(demo);
    }
}
