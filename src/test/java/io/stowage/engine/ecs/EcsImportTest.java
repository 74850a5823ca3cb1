package io.stowage.engine.ecs;

import io.stowage.model.deploy.DeployPlan;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.ImportedDesign;
import io.stowage.testsupport.EcsEndpointExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.PortMapping;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cluster built with the SDK, as a user's own tooling would, read into a design. */
@Tag("ecs")
class EcsImportTest {

    @RegisterExtension
    static final EcsEndpointExtension ECS = new EcsEndpointExtension();

    private AwsClients aws;
    private MotoAccount account;

    @BeforeEach
    void account() {
        ECS.reset();
        aws = new AwsClients(ECS.settings());
        account = new MotoAccount(aws);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    /** shop: web (EC2, 2 tasks, binpack) on two registered instances, api (Fargate), and a standalone task. */
    private void buildShop() {
        EcsClient ecs = aws.ecs();
        ecs.createCluster(r -> r.clusterName("shop"));
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder()
                .name("web").image("nginx:1.27").memory(256).cpu(128)
                .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build()).build()));
        ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder()
                .name("web").image("nginx:1.28").memory(256).cpu(128)
                .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build()).build()));
        ecs.registerTaskDefinition(r -> r.family("api").networkMode("awsvpc").requiresCompatibilitiesWithStrings(
                "FARGATE").cpu("256").memory("512").containerDefinitions(ContainerDefinition.builder()
                .name("api").image("example/api:3").essential(true).build()));
        ecs.registerTaskDefinition(r -> r.family("report").containerDefinitions(ContainerDefinition.builder()
                .name("report").image("busybox").memory(64).command("sh", "-c", "sleep 600").build()));
        account.register("shop", account.runInstance("t3.medium", "us-east-1a"), List.of(Attribute.builder()
                .name("team").value("blue").build()));
        account.register("shop", account.runInstance("t3.large", "us-east-1b"), List.of());
        ecs.createService(r -> r.cluster("shop").serviceName("web").taskDefinition("web:2").desiredCount(2)
                .launchType(LaunchType.EC2));
        ecs.updateService(r -> r.cluster("shop").service("web").placementStrategy(PlacementStrategy.builder()
                .type(PlacementStrategyType.BINPACK).field("memory").build()));
        ecs.createService(r -> r.cluster("shop").serviceName("legacy").taskDefinition("web:1").desiredCount(1)
                .launchType(LaunchType.EC2));
        ecs.createService(r -> r.cluster("shop").serviceName("api").taskDefinition("api").desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets(account.defaultSubnet("us-east-1a")).securityGroups(account.defaultSecurityGroup()))));
        ecs.runTask(r -> r.cluster("shop").taskDefinition("report").count(2).launchType(LaunchType.EC2)
                .startedBy("nightly"));
    }

    @Test
    void aClusterBuiltWithTheSdkImportsAndDeploysBackUnchanged() {
        buildShop();

        ImportedDesign imported = new ClusterImporter(aws).read("shop", "shop");
        Design design = imported.design();
        Cluster shop = design.cluster("shop").orElseThrow();

        assertThat(shop.services()).extracting(s -> s.serviceName() + " " + s.spec().taskDefinition() + " "
                + s.launchType() + " " + s.desiredCount()).containsExactlyInAnyOrder(
                "web web EC2 2", "legacy web:1 EC2 1", "api api FARGATE 1");
        assertThat(shop.service("web").orElseThrow().spec().placementStrategy()).singleElement()
                .satisfies(s -> assertThat(s.field()).isEqualTo("memory"));
        assertThat(shop.instances()).extracting(ContainerInstance::instanceType).containsExactlyInAnyOrder(
                "t3.medium", "t3.large");
        assertThat(shop.instances()).filteredOn(i -> i.instanceType().equals("t3.medium")).singleElement()
                .satisfies(i -> {
                    assertThat(i.attributes()).containsExactly(java.util.Map.entry("team", "blue"));
                    assertThat(i.availabilityZone()).isEqualTo("us-east-1a");
                    assertThat(i.registeredCpu()).isPositive();
                });
        assertThat(shop.tasks()).singleElement().satisfies(t -> {
            assertThat(t.run().startedBy()).isEqualTo("nightly");
            assertThat(t.count()).isEqualTo(2);
        });
        assertThat(shop.hasFargate()).isTrue();
        assertThat(design.taskDefinition("web").orElseThrow().containerDefinitions().get(0).image())
                .isEqualTo("nginx:1.28");
        assertThat(design.layout().boundsOf(ElementId.service("shop", "web"))).isPresent();
        assertThat(design.layout().boundsOf(ElementId.taskDefinition("api"))).isPresent();

        DeployPlan back = new EcsDeployer(aws, ApplyOptions.DEFAULTS).plan(design);

        assertThat(back.toApply()).as(back.changes().toString()).isEmpty();
        assertThat(back.summaryLine()).isEqualTo("Plan: 0 to create, 0 to update, 10 unchanged");
    }

    @Test
    void aClusterThatDoesNotExistIsNamed() {
        assertThatThrownBy(() -> new ClusterImporter(aws).read("nowhere", "x"))
                .isInstanceOf(EcsRequestException.class)
                .hasMessage("DescribeClusters failed: ClusterNotFoundException: there is no cluster nowhere in "
                        + ECS.endpoint());
    }
}
