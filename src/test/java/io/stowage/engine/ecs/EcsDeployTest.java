package io.stowage.engine.ecs;

import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.deploy.ApplyListener;
import io.stowage.model.deploy.ApplyReport;
import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.deploy.PlannedChange;
import io.stowage.model.deploy.TaskDefinitionNormalizer;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Service.Builder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Deploys the example design to moto_server and reads the result back through the SDK. */
@Tag("ecs")
class EcsDeployTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();
    static final ApplyOptions QUICK = new ApplyOptions(Duration.ofSeconds(20), Duration.ofMillis(50));

    private AwsClients aws;
    private MotoAccount account;
    private EcsDeployer deployer;
    private Design design;

    @BeforeEach
    void account() {
        ECS.reset();
        aws = new AwsClients(ECS.settings());
        account = new MotoAccount(aws);
        account.createInstanceProfile("ecsInstanceRole");
        account.createExampleConsoleDefaults();
        deployer = new EcsDeployer(aws, QUICK);
        design = exampleWithSubnets(account);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /**
     * The example design with its illustrative subnets and security group replaced by the account's, and, for
     * moto's sake, without {@code requiresCompatibilities: ["EC2"]} where containers give only a
     * memoryReservation: moto then wrongly demands a hard {@code memory} limit ("At least one of 'memory' or
     * 'memoryReservation' must be specified"), which ECS does not (RegisterTaskDefinition accepts either). EC2 is
     * what ECS validates a task definition for when it names no compatibility, so the design means the same.
     */
    static Design exampleWithSubnets(MotoAccount account) {
        Design example = ExampleDesigns.firstStart().design();
        for (TaskDefinition td : example.taskDefinitionList()) {
            boolean reservationOnly = td.containerDefinitions().stream().anyMatch(c -> c.memory() == null);
            if (td.requiresCompatibilities().equals(List.of("EC2")) && reservationOnly) {
                example = example.withTaskDefinition(td.withRequiresCompatibilities(null));
            }
        }
        Cluster demo = example.cluster("demo").orElseThrow();
        Service worker = demo.service("worker").orElseThrow();
        AwsVpcConfiguration vpc = worker.spec().networkConfiguration().awsvpcConfiguration()
                .withSubnets(List.of(account.defaultSubnet("us-east-1a"), account.defaultSubnet("us-east-1b")))
                .withSecurityGroups(List.of(account.defaultSecurityGroup()));
        return example.withCluster(demo.withService(worker.withSpec(worker.spec().withNetworkConfiguration(
                NetworkConfiguration.EMPTY.withAwsvpcConfiguration(vpc)))));
    }

    /** Acts as the agents of the instances the apply launched, once it waits for them. */
    private ApplyListener agents() {
        return new ApplyListener() {
            @Override
            public void progress(PlannedChange change, String message) {
                if (message.startsWith("waiting for a container instance")) {
                    account.registerLaunched(change.cluster());
                }
            }
        };
    }

    @Test
    void theExampleDesignIsDeployedWithExactlyItsSettings() {
        DeployPlan plan = deployer.plan(design);
        assertThat(plan.summaryLine()).isEqualTo("Plan: 12 to create, 0 to update, 0 unchanged");

        ApplyReport report = deployer.apply(plan, agents(), Cancellation.none());

        assertThat(report.succeeded()).as(String.join("\n", report.lines())).isTrue();
        var ecs = aws.ecs();
        assertThat(ecs.describeClusters(r -> r.clusters("demo")).clusters()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
        for (TaskDefinition td : design.taskDefinitionList()) {
            var registered = SdkJson.toModel(ecs.describeTaskDefinition(r -> r.taskDefinition(td.family()))
                    .taskDefinition());
            assertThat(registered.get("revision")).hasToString("1");
            assertThat(TaskDefinitionNormalizer.differences(td.json(), registered, 10)).as(td.family()).isEmpty();
        }
        var web = ecs.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition();
        assertThat(web.containerDefinitions().get(1).healthCheck().command())
                .containsExactly("CMD-SHELL", "curl -f http://localhost/ || exit 1");
        assertThat(web.containerDefinitions().get(1).dependsOn().get(0).conditionAsString()).isEqualTo("SUCCESS");

        Map<String, software.amazon.awssdk.services.ecs.model.Service> services = ecs.describeServices(r -> r
                .cluster("demo").services("web", "api", "worker", "report")).services().stream()
                .collect(Collectors.toMap(s -> s.serviceName(), s -> s));
        assertThat(services).containsOnlyKeys("web", "api", "worker", "report");
        var webService = services.get("web");
        assertThat(webService.desiredCount()).isEqualTo(2);
        assertThat(webService.launchTypeAsString()).isEqualTo("EC2");
        assertThat(webService.taskDefinition()).endsWith(":task-definition/web:1");
        assertThat(webService.deploymentConfiguration().maximumPercent()).isEqualTo(100);
        assertThat(webService.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
        assertThat(webService.placementConstraints()).singleElement().satisfies(c -> assertThat(c.expression())
                .isEqualTo("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"));
        var api = services.get("api");
        assertThat(api.desiredCount()).isEqualTo(3);
        assertThat(api.placementStrategy()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo(PlacementStrategyType.BINPACK);
            assertThat(s.field()).isEqualTo("memory");
        });
        var worker = services.get("worker");
        assertThat(worker.launchTypeAsString()).isEqualTo("FARGATE");
        assertThat(worker.networkConfiguration().awsvpcConfiguration().subnets())
                .containsExactlyElementsOf(design.cluster("demo").orElseThrow().service("worker").orElseThrow()
                        .spec().networkConfiguration().awsvpcConfiguration().subnets());
        assertThat(worker.networkConfiguration().awsvpcConfiguration().assignPublicIpAsString()).isEqualTo("ENABLED");

        List<Instance> instances = account.launched("demo");
        assertThat(instances).extracting(i -> i.instanceTypeAsString() + "@" + i.placement().availabilityZone())
                .containsExactlyInAnyOrder("t3.medium@us-east-1a", "t3.large@us-east-1b");
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.iamInstanceProfile().arn()).endsWith("instance-profile/ecsInstanceRole");
            assertThat(i.imageId()).isEqualTo(aws.ssm().getParameter(r -> r.name(
                    "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id")).parameter().value());
            String userData = new String(Base64.getDecoder().decode(aws.ec2().describeInstanceAttribute(r -> r
                    .instanceId(i.instanceId()).attribute("userData")).userData().value()));
            assertThat(userData).contains("ECS_CLUSTER=demo\n").contains("\"stowage.instance\":\"i-0");
        });
        assertThat(ecs.listTasks(r -> r.cluster("demo").startedBy("stowage-example")).taskArns()).hasSize(1);
    }

    @Test
    void aRequestEcsWouldRefuseForItsShapeIsRefusedBeforeAnythingIsMade() {
        Cluster demo = design.cluster("demo").orElseThrow();
        Service web = demo.service("web").orElseThrow();
        Design typo = design.withCluster(demo.withService(web.withSpec(new io.stowage.model.ecs.ServiceSpec(
                web.spec().json().with("desiredCont", io.stowage.model.json.JsonNumber.of(3))))));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deployer.plan(typo))
                .isInstanceOf(DeployRefusedException.class)
                .satisfies(e -> assertThat(((DeployRefusedException) e).reasons()).containsExactly(
                        "service demo/web: CreateService input: unknown member \"desiredCont\" at desiredCont"));
        assertThat(aws.ecs().describeClusters(r -> r.clusters("demo")).clusters()).isEmpty();
    }

    @Test
    void deployingTheSameDesignAgainChangesNothing() {
        deployer.apply(deployer.plan(design), agents(), Cancellation.none());
        aws.counter().reset();

        DeployPlan again = deployer.plan(design);
        ApplyReport report = deployer.apply(again, ApplyListener.NONE, Cancellation.none());

        assertThat(again.summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 12 unchanged");
        assertThat(report.done()).isEmpty();
        assertThat(aws.counter().byOperation().keySet()).allMatch(op -> op.matches(
                "(Ecs|Ec2|Iam|CloudWatchLogs)\\.(Describe|List|Get).*"), "only reads");
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().revision())
                .isEqualTo(1);
    }

    @Test
    void aChangedImageGivesOneRevisionAndOneServiceUpdate() {
        deployer.apply(deployer.plan(design), agents(), Cancellation.none());
        TaskDefinition web = design.taskDefinition("web").orElseThrow();
        List<ContainerDefinition> containers = new ArrayList<>();
        web.containerDefinitions().forEach(c -> containers.add(c.name().equals("nginx")
                ? c.withImage("public.ecr.aws/nginx/nginx:1.28") : c));
        Design changed = design.withTaskDefinition(web.withContainerDefinitions(containers));
        aws.counter().reset();

        DeployPlan plan = deployer.plan(changed);
        ApplyReport report = deployer.apply(plan, ApplyListener.NONE, Cancellation.none());

        assertThat(plan.toApply()).extracting(PlannedChange::toString).containsExactly(
                "+ register task definition web revision 2 (content differs from web:1)",
                "~ update service demo/web: taskDefinition");
        assertThat(report.succeeded()).isTrue();
        assertThat(aws.counter().byOperation()).containsEntry("Ecs.RegisterTaskDefinition", 1L)
                .containsEntry("Ecs.UpdateService", 1L).doesNotContainKeys("Ecs.CreateService", "Ecs.RunTask");
        var services = aws.ecs().describeServices(r -> r.cluster("demo").services("web", "api")).services();
        assertThat(services).extracting(s -> s.serviceName() + " " + s.taskDefinition().replaceAll(".*/", ""))
                .containsExactlyInAnyOrder("web web:2", "api api:1");
        assertThat(aws.ecs().describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition()
                .containerDefinitions().get(1).image()).isEqualTo("public.ecr.aws/nginx/nginx:1.28");
        assertThat(deployer.plan(changed).toApply()).isEmpty();
    }
}
