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
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's path on a fresh account (moto_server reset): import task-definition files, deploy with --apply,
 * no hand edit. The deploy picks what the ECS console would and says where each value came from.
 */
@Tag("ecs")
class DeployDefaultsTest {
    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

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

    @BeforeEach
    void freshAccount() {
        ECS.reset();
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

    private Path fargateFile() throws IOException {
        return Files.writeString(dir.resolve("fargate-api.json"), """
                {"family": "fargate-api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27",
                   "portMappings": [{"containerPort": 80}]}]}
                """);
    }

    @Test
    void anImportedFargateFileDeploysIntoTheDefaultVpcWithNoHandEdit() throws IOException {
        Path design = dir.resolve("d.stowage.json");
        CliRun imported = CliRun.of("import", fargateFile().toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(Files.readString(design)).doesNotContain("<SUBNET").doesNotContain("<");

        CliRun plan = CliRun.of(ecs("deploy", design.toString()));
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        String vpc;
        List<String> subnets;
        String group;
        try (Ec2Client ec2 = Ec2Client.builder().region(Region.of(ECS.region())).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            vpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("isDefault").values("true").build()))
                    .vpcs().get(0).vpcId();
            subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build()))
                    .subnets().stream().map(s -> s.subnetId()).toList();
            group = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build(),
                    Filter.builder().name("group-name").values("default").build())).securityGroups().get(0).groupId();
        }
        assertThat(plan.out()).contains("+ create service default/fargate-api")
                .contains("subnets: default VPC " + vpc + " (")
                .contains("security groups: " + group + " (the default VPC's group default)");

        CliRun apply = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.outLines()).last().asString().startsWith("Apply complete");

        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            AwsVpcConfiguration network = ecs.describeServices(r -> r.cluster("default").services("fargate-api"))
                    .services().get(0).networkConfiguration().awsvpcConfiguration();
            assertThat(network.subnets()).isNotEmpty().allSatisfy(s -> assertThat(subnets).contains(s));
            assertThat(network.securityGroups()).containsExactly(group);
        }

        CliRun again = CliRun.of(ecs("deploy", design.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    private Path ec2File() throws IOException {
        return Files.writeString(dir.resolve("web.json"), """
                {"family": "web", "requiresCompatibilities": ["EC2"],
                 "executionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
                 "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
                   "portMappings": [{"containerPort": 80, "hostPort": 8080}],
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web",
                     "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}]}
                """);
    }

    @Test
    void fargateAndEc2FilesDeployWithTheConsolesRolesAndLogGroupsCreated() throws IOException {
        Path design = dir.resolve("d.stowage.json");
        CliRun imported = CliRun.of("import", fargateFile().toString(), ec2File().toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun plan = CliRun.of(ecs("deploy", design.toString()));
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.outLines()).contains(
                "+ create role ecsTaskExecutionRole (the task execution role; task definition web names it)",
                "+ create role and instance profile ecsInstanceRole (the container instance role; the instances this"
                        + " deploy launches use it)")
                .anySatisfy(l -> assertThat(l).startsWith("+ create log group /ecs/web ("));

        CliRun apply = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.outLines()).last().asString().startsWith("Apply complete");

        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
             CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(Region.of(ECS.region()))
                     .endpointOverride(ECS.endpoint()).credentialsProvider(ECS.credentials()).httpClientBuilder(
                             software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertThat(policies(iam, "ecsTaskExecutionRole")).containsExactly("AmazonECSTaskExecutionRolePolicy");
            assertThat(iam.getRole(r -> r.roleName("ecsTaskExecutionRole")).role().assumeRolePolicyDocument())
                    .contains("ecs-tasks.amazonaws.com");
            assertThat(policies(iam, "ecsInstanceRole")).containsExactly("AmazonEC2ContainerServiceforEC2Role");
            assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("ecsInstanceRole")).instanceProfile().roles())
                    .extracting(r -> r.roleName()).containsExactly("ecsInstanceRole");
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/web")).logGroups())
                    .extracting(g -> g.logGroupName()).containsExactly("/ecs/web");
        }

        CliRun again = CliRun.of(ecs("deploy", design.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");

        Path readBack = dir.resolve("imported.stowage.json");
        CliRun read = CliRun.of(ecs("import", "--ecs-cluster", "default", "-o", readBack.toString()));
        assertThat(read.exitCode()).as(read.out() + read.err()).isZero();
        CliRun back = CliRun.of(ecs("deploy", readBack.toString()));
        assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
        assertThat(back.outLines()).as(back.out()).last().asString()
                .matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    /**
     * The role's managed policies, or, where IAM lacks AWS's managed policies (moto unless it loads them), the
     * inline policies of the same name the deploy put instead.
     */
    private static List<String> policies(IamClient iam, String role) {
        List<String> attached = iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .map(p -> p.policyName()).toList();
        return attached.isEmpty() ? iam.listRolePolicies(r -> r.roleName(role)).policyNames() : attached;
    }

    /**
     * A Fargate task definition that logs with awslogs and names no execution role (ECS would refuse to start
     * its tasks): the deploy registers it with the account's ecsTaskExecutionRole, as the console does, and says so.
     */
    @Test
    void aTaskDefinitionThatNeedsAnExecutionRoleAndNamesNoneGetsTheConsolesRole() throws IOException {
        Path file = Files.writeString(dir.resolve("logs-api.json"), """
                {"family": "logs-api", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
                 "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/logs-api",
                     "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}]}
                """);
        Path design = dir.resolve("d.stowage.json");
        CliRun imported = CliRun.of("import", file.toString(), "-o", design.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        CliRun plan = CliRun.of(ecs("deploy", design.toString()));

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.outLines()).contains(
                "+ create role ecsTaskExecutionRole (the task execution role; task definition logs-api needs it)",
                "+ register task definition logs-api (first revision) with execution role ecsTaskExecutionRole (it"
                        + " names none; awslogs on Fargate needs one)");

        CliRun apply = CliRun.of(ecs("deploy", "--apply", "--no-wait", design.toString()));
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        try (EcsClient ecs = EcsClients.create(ECS.settings())) {
            assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("logs-api")).taskDefinition()
                    .executionRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/ecsTaskExecutionRole");
        }
        assertThat(Files.readString(design)).as("the design file is left as it was").doesNotContain("executionRoleArn");

        CliRun again = CliRun.of(ecs("deploy", design.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.outLines()).last().asString().matches("Plan: 0 to create, 0 to update, \\d+ unchanged");
    }

    @Test
    void withoutCreatingRolesWhatNeedsThemIsBlockedAndNothingIsMade() throws IOException {
        Path design = dir.resolve("d.stowage.json");
        assertThat(CliRun.of("import", ec2File().toString(), "-o", design.toString()).exitCode()).isZero();

        CliRun plan = CliRun.of(ecs("deploy", "--apply", "--no-wait", "--no-create-roles", design.toString()));

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.out()).contains("! role ecsTaskExecutionRole does not exist and --no-create-roles forbids")
                .contains("instance profile ecsInstanceRole does not exist");
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(ECS.endpoint())
                .credentialsProvider(ECS.credentials()).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            assertThat(iam.listRoles().roles()).extracting(r -> r.roleName())
                    .doesNotContain("ecsTaskExecutionRole", "ecsInstanceRole");
        }
    }
}
