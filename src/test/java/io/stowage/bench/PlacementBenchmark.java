package io.stowage.bench;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.PlacementConstraint;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Place 5,000 tasks on 1,000 container instances: the figure of the placement issue (target: under 1 s). Ten
 * services of 500 tasks each mix the strategies (default zone spread, binpack cpu and memory, spread on instance
 * and on a custom attribute, random) and constraints (memberOf, distinctInstance), one with a static host port.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {
    private Design design;

    @Setup
    public void generate() {
        design = generate(1000, 500);
        PlacementResult once = PlacementEngine.place(design, 42);
        if (once.placements().size() != 5000 || !once.allPlaced()) {
            throw new IllegalStateException("expected 5000 tasks placed, got " + once.placements().size()
                    + " and " + once.failures().size() + " failures");
        }
    }

    static Design generate(int instanceCount, int tasksPerService) {
        String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
        List<ContainerInstance> instances = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            instances.add(ContainerInstance.of("i-" + i, "m5.xlarge", zones[i % zones.length])
                    .withRegisteredResources(4096, 15_000 + (i % 7) * 100, 0)
                    .withAttributes(Map.of("rack", "r" + (i % 20), "stack", i % 2 == 0 ? "prod" : "test")));
        }
        List<Service> services = new ArrayList<>();
        List<List<PlacementStrategy>> strategies = List.of(List.of(),
                List.of(strategy("binpack", "memory")), List.of(strategy("binpack", "cpu")),
                List.of(strategy("spread", "instanceId")), List.of(strategy("spread", "attribute:rack")),
                List.of(strategy("random", null)),
                List.of(strategy("spread", "attribute:ecs.availability-zone"), strategy("binpack", "memory")),
                List.of(), List.of(strategy("spread", "instanceId")), List.of(strategy("binpack", "memory")));
        Design d = Design.empty("bench");
        for (int s = 0; s < strategies.size(); s++) {
            String family = "svc" + s;
            ContainerDefinition container = ContainerDefinition.EMPTY.withName(family).withImage("busybox")
                    .withCpu(128).withMemory(256);
            if (s == 3) {
                container = container.withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(8080)
                        .withHostPort(8080)));
            }
            d = d.withTaskDefinition(TaskDefinition.EMPTY.withFamily(family).withContainerDefinitions(List.of(container)));
            List<PlacementConstraint> constraints = new ArrayList<>();
            if (s == 7) {
                constraints.add(PlacementConstraint.EMPTY.withType("memberOf")
                        .withExpression("attribute:stack == prod and attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"));
            }
            if (s == 8) {
                constraints.add(PlacementConstraint.EMPTY.withType("distinctInstance"));
                constraints.add(PlacementConstraint.EMPTY.withType("memberOf")
                        .withExpression("not(task:group == service:svc3) or runningTasksCount < 10"));
            }
            services.add(Service.of(ServiceSpec.EMPTY.withServiceName(family).withTaskDefinition(family)
                    .withDesiredCount(tasksPerService).withLaunchType("EC2")
                    .withPlacementStrategy(strategies.get(s)).withPlacementConstraints(constraints)));
        }
        return d.withClusters(List.of(Cluster.named("bench").withInstances(instances).withServices(services)));
    }

    private static PlacementStrategy strategy(String type, String field) {
        PlacementStrategy s = PlacementStrategy.EMPTY.withType(type);
        return field == null ? s : s.withField(field);
    }

    @Benchmark
    public PlacementResult place5000On1000() {
        return PlacementEngine.place(design, 42);
    }
}
