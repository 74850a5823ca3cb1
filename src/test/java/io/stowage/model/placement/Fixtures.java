package io.stowage.model.placement;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.FargateCapacity;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PlacementConstraint;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;

import java.util.Arrays;
import java.util.List;

/** Small designs for placement tests, built with the typed views. */
final class Fixtures {
    private Fixtures() {
    }

    static ContainerInstance instance(String id, String zone, int cpu, int memory) {
        return ContainerInstance.of(id, "t3.large", zone).withRegisteredResources(cpu, memory, 0);
    }

    static ContainerDefinition container(String name, int cpu, int memory) {
        return ContainerDefinition.EMPTY.withName(name).withImage("busybox").withCpu(cpu).withMemory(memory);
    }

    static TaskDefinition td(String family, int cpu, int memory) {
        return TaskDefinition.EMPTY.withFamily(family).withContainerDefinitions(List.of(container(family, cpu, memory)));
    }

    static TaskDefinition withHostPort(TaskDefinition td, int port) {
        ContainerDefinition c = td.containerDefinitions().get(0)
                .withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(port).withHostPort(port)));
        return td.withContainerDefinitions(List.of(c));
    }

    static PlacementStrategy strategy(String type, String field) {
        PlacementStrategy s = PlacementStrategy.EMPTY.withType(type);
        return field == null ? s : s.withField(field);
    }

    static PlacementConstraint memberOf(String expression) {
        return PlacementConstraint.EMPTY.withType("memberOf").withExpression(expression);
    }

    static PlacementConstraint distinctInstance() {
        return PlacementConstraint.EMPTY.withType("distinctInstance");
    }

    static Service service(String name, String family, int count, PlacementStrategy... strategies) {
        return Service.of(ServiceSpec.EMPTY.withServiceName(name).withTaskDefinition(family).withDesiredCount(count)
                .withLaunchType("EC2").withPlacementStrategy(Arrays.asList(strategies)));
    }

    static Service constrained(Service service, PlacementConstraint... constraints) {
        return service.withSpec(service.spec().withPlacementConstraints(Arrays.asList(constraints)));
    }

    static StandaloneTask task(String id, String family, int count, PlacementStrategy... strategies) {
        return StandaloneTask.of(id, RunTaskSpec.EMPTY.withTaskDefinition(family).withCount(count).withLaunchType("EC2")
                .withPlacementStrategy(Arrays.asList(strategies)));
    }

    static Cluster cluster(List<ContainerInstance> instances, List<Service> services, List<StandaloneTask> tasks) {
        return Cluster.named("c").withInstances(instances).withServices(services).withTasks(tasks);
    }

    static Cluster withFargate(Cluster cluster, String... zones) {
        return cluster.withFargate(FargateCapacity.in(List.of(zones)));
    }

    static Design design(Cluster cluster, TaskDefinition... tds) {
        Design d = Design.empty("d").withClusters(List.of(cluster));
        for (TaskDefinition td : tds) {
            d = d.withTaskDefinition(td);
        }
        return d;
    }

    /** The instance of each placed task of the source, in task order. */
    static List<String> instancesOf(PlacementResult result, TaskRef.Kind kind, String source) {
        return result.placementsOf("c", kind, source).stream().map(Placement::instanceId).toList();
    }

    static List<String> serviceInstances(PlacementResult result, String service) {
        return instancesOf(result, TaskRef.Kind.SERVICE, service);
    }
}
