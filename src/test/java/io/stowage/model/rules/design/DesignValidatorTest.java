package io.stowage.model.rules.design;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.AwsVpcConfiguration;
import io.stowage.model.ecs.CapacityProviderStrategyItem;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.NetworkConfiguration;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DesignValidatorTest {
    private static final TaskDefinition WEB = TaskDefinition.EMPTY.withFamily("web").withContainerDefinitions(List.of(
            ContainerDefinition.EMPTY.withName("web").withImage("nginx:1.27").withMemory(128)));
    private static final TaskDefinition JOB = TaskDefinition.EMPTY.withFamily("job").withNetworkMode("awsvpc")
            .withRequiresCompatibilities(List.of("FARGATE")).withCpu("256").withMemory("512")
            .withContainerDefinitions(List.of(ContainerDefinition.EMPTY.withName("job").withImage("busybox:1.36")));
    private static final NetworkConfiguration SUBNETS = NetworkConfiguration.EMPTY.withAwsvpcConfiguration(
            AwsVpcConfiguration.EMPTY.withSubnets(List.of("subnet-0123456789abcdef0")));

    private static ServiceSpec service(String name, String family) {
        return ServiceSpec.EMPTY.withServiceName(name).withTaskDefinition(family).withDesiredCount(1);
    }

    private static Cluster ec2Cluster(Service... services) {
        return Cluster.named("c").withInstance(ContainerInstance.of("i-1", "t3.small", "us-east-1a"))
                .withServices(List.of(services));
    }

    private static Design design(Cluster... clusters) {
        return Design.empty("d").withTaskDefinition(WEB).withTaskDefinition(JOB).withClusters(List.of(clusters));
    }

    private static List<Finding> errors(Design design) {
        return DesignValidator.validate(design).stream().filter(Finding::isError).toList();
    }

    private static List<String> ruleIds(Design design) {
        return DesignValidator.validate(design).stream().map(f -> f.ruleId() + " @ " + f.path()).toList();
    }

    @Test
    void aSoundDesignHasNoFindings() {
        Cluster cluster = ec2Cluster(Service.of(service("web", "web:4")),
                Service.of(service("job", "job").withLaunchType("FARGATE").withNetworkConfiguration(SUBNETS)))
                .withFargate(FargateCapacity.in(List.of("us-east-1a")))
                .withTask(StandaloneTask.of("once", RunTaskSpec.EMPTY.withTaskDefinition("web")));

        assertThat(DesignValidator.validate(design(cluster))).isEmpty();
    }

    @Test
    void aServiceMustRunATaskDefinitionOfTheDesign() {
        Design design = design(ec2Cluster(Service.of(service("api", "api:2")),
                Service.of(ServiceSpec.EMPTY.withServiceName("none").withDesiredCount(1))));

        assertThat(ruleIds(design)).contains(
                "workload-taskdef-missing @ clusters[0].services[0].service.taskDefinition",
                "workload-taskdef-required @ clusters[0].services[1].service.taskDefinition");
        assertThat(errors(design).get(0).message()).contains("api", "does not contain");
    }

    @Test
    void serviceNamesAreUniquePerClusterAndInstanceIdsPerDesign() {
        Cluster first = ec2Cluster(Service.of(service("web", "web")),
                new Service("web-2", service("web", "web"), null));
        Cluster second = Cluster.named("d").withInstance(ContainerInstance.of("i-1", "t3.small", "us-east-1b"))
                .withService(Service.of(service("web", "web")));

        assertThat(ruleIds(design(first, second))).containsExactly(
                "design-service-name-unique @ clusters[0].services[1].service.serviceName",
                "design-instance-id-unique @ clusters[1].instances[0].id");
    }

    @Test
    void desiredCountsFollowTheSchedulingStrategy() {
        Cluster cluster = ec2Cluster(Service.of(service("neg", "web").withDesiredCount(-1)),
                Service.of(service("daemon", "web").withSchedulingStrategy("DAEMON")),
                Service.of(service("unset", "web").withDesiredCount(null)));

        List<Finding> findings = DesignValidator.validate(design(cluster));

        assertThat(findings).extracting(f -> f.severity().word() + " " + f.ruleId() + " @ " + f.path()).containsExactly(
                "error design-desired-count-negative @ clusters[0].services[0].service.desiredCount",
                "error design-daemon-desired-count @ clusters[0].services[1].service.desiredCount",
                "warning design-desired-count-required @ clusters[0].services[2].service.desiredCount");
    }

    @Test
    void fargateServicesNeedFargateCapacityAndACompatibleTaskDefinition() {
        Cluster cluster = Cluster.named("c").withService(Service.of(service("web", "web").withLaunchType("FARGATE")
                .withPlacementStrategy(List.of(PlacementStrategy.EMPTY.withType("random")))));

        assertThat(ruleIds(design(cluster))).contains(
                "workload-fargate-capacity @ clusters[0].services[0].service.launchType",
                "workload-fargate-incompatible-taskdef @ clusters[0].services[0].service.launchType",
                "workload-fargate-placement @ clusters[0].services[0].service");
    }

    @Test
    void aDaemonCannotRunOnFargateNorStateBothLaunchTypeAndProviders() {
        Cluster cluster = ec2Cluster(Service.of(ServiceSpec.EMPTY.withServiceName("d").withTaskDefinition("job")
                        .withSchedulingStrategy("DAEMON").withLaunchType("FARGATE").withNetworkConfiguration(SUBNETS)
                        .withCapacityProviderStrategy(List.of(CapacityProviderStrategyItem.EMPTY.withCapacityProvider("FARGATE")))))
                .withFargate(FargateCapacity.in(List.of()));

        assertThat(ruleIds(design(cluster))).contains(
                "design-daemon-fargate @ clusters[0].services[0].service.schedulingStrategy",
                "workload-launch-type-and-capacity-provider @ clusters[0].services[0].service.launchType");
    }

    @Test
    void ec2ServicesNeedAnInstance() {
        Cluster empty = Cluster.named("c").withService(Service.of(service("web", "web")))
                .withService(Service.of(service("idle", "web").withDesiredCount(0)));

        assertThat(ruleIds(design(empty))).containsExactly("workload-ec2-capacity @ clusters[0].services[0].service");
    }

    @Test
    void awsvpcSubnetsMayBeLeftToTheDefaultVpcButNotEmptyAndOtherModesTakeNoNetworkConfiguration() {
        Cluster cluster = ec2Cluster(Service.of(service("job", "job").withLaunchType("FARGATE")),
                Service.of(service("web", "web").withNetworkConfiguration(SUBNETS)))
                .withFargate(FargateCapacity.in(List.of()))
                .withTask(StandaloneTask.of("t", RunTaskSpec.EMPTY.withTaskDefinition("job").withLaunchType("FARGATE")
                        .withNetworkConfiguration(NetworkConfiguration.EMPTY.withAwsvpcConfiguration(AwsVpcConfiguration.EMPTY))))
                .withTask(StandaloneTask.of("none", RunTaskSpec.EMPTY.withTaskDefinition("job").withLaunchType("FARGATE")
                        .withNetworkConfiguration(NetworkConfiguration.EMPTY.withAwsvpcConfiguration(
                                AwsVpcConfiguration.EMPTY.withSubnets(List.of())))));

        assertThat(ruleIds(design(cluster))).containsExactly(
                "workload-network-configuration-not-awsvpc @ clusters[0].services[1].service.networkConfiguration",
                "workload-awsvpc-network-configuration @ clusters[0].tasks[1].run.networkConfiguration");
    }

    @Test
    void runTaskCountsAreOneToTen() {
        Cluster cluster = ec2Cluster().withTask(StandaloneTask.of("many", RunTaskSpec.EMPTY.withTaskDefinition("web").withCount(11)));

        assertThat(ruleIds(design(cluster))).containsExactly("design-run-task-count @ clusters[0].tasks[0].run.count");
    }

    @Test
    void instancesRegisterPositiveResources() {
        Cluster cluster = Cluster.named("c").withInstance(ContainerInstance.of("i-1", "t3.small", "a")
                .withRegisteredResources(0, -5, 0));

        assertThat(ruleIds(design(cluster))).containsExactly(
                "design-instance-resources @ clusters[0].instances[0].registeredCpu",
                "design-instance-resources @ clusters[0].instances[0].registeredMemoryMiB");
    }

    @Test
    void clusterIdsAndNamesAreUnique() {
        assertThat(ruleIds(design(Cluster.named("a"), Cluster.named("a")))).containsExactly(
                "design-cluster-id-unique @ clusters[1].id", "design-cluster-name-unique @ clusters[1].name");
    }

    @Test
    void aServiceStatingAnotherClusterIsWarnedAbout() {
        Cluster cluster = ec2Cluster(Service.of(service("web", "web").withCluster("elsewhere")),
                Service.of(service("ok", "web").withCluster("arn:aws:ecs:us-east-1:123456789012:cluster/c")));

        assertThat(DesignValidator.validate(design(cluster))).singleElement().satisfies(f -> {
            assertThat(f.isError()).isFalse();
            assertThat(f.ruleId()).isEqualTo(DesignValidator.SERVICE_CLUSTER_MISMATCH);
        });
    }

    @Test
    void taskDefinitionFindingsAreLocatedInTheDesign() {
        TaskDefinition broken = TaskDefinition.EMPTY.withFamily("broken").withContainerDefinitions(List.of(
                ContainerDefinition.EMPTY.withMemory(64)));
        Design design = design(ec2Cluster()).withTaskDefinition(broken);

        assertThat(DesignValidator.validate(design)).filteredOn(Finding::isError).isNotEmpty()
                .allSatisfy(f -> assertThat(f.path()).startsWith("taskDefinitions[2]."));
    }

    @Test
    void taskDefinitionsAreValidatedForTheLaunchTypesThatRunThem() {
        TaskDefinition bridge = TaskDefinition.EMPTY.withFamily("bridge").withRequiresCompatibilities(List.of("EC2", "FARGATE"))
                .withContainerDefinitions(List.of(ContainerDefinition.EMPTY.withName("b").withImage("busybox").withMemory(64)));
        Cluster onEc2 = ec2Cluster(Service.of(service("b", "bridge")));
        Cluster onFargate = Cluster.named("c").withFargate(FargateCapacity.in(List.of()))
                .withService(Service.of(service("b", "bridge").withLaunchType("FARGATE")));

        List<Finding> ec2 = DesignValidator.validate(design(onEc2).withTaskDefinition(bridge));
        List<Finding> fargate = DesignValidator.validate(design(onFargate).withTaskDefinition(bridge));

        assertThat(ec2).filteredOn(f -> f.path().startsWith("taskDefinitions[2]")).filteredOn(Finding::isError).isEmpty();
        assertThat(fargate).filteredOn(f -> f.path().startsWith("taskDefinitions[2]")).filteredOn(Finding::isError)
                .as("Fargate needs awsvpc and task-level cpu and memory").isNotEmpty();
    }

    @Test
    void errorsComeBeforeWarnings() {
        Cluster cluster = ec2Cluster(Service.of(service("w", "web").withDesiredCount(null)),
                Service.of(service("e", "web").withDesiredCount(-2)));

        assertThat(DesignValidator.validate(design(cluster))).extracting(Finding::isError).containsExactly(true, false);
    }
}
