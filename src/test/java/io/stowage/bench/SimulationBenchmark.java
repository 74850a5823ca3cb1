package io.stowage.bench;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.DeploymentCircuitBreaker;
import io.stowage.model.ecs.DeploymentConfiguration;
import io.stowage.model.ecs.HealthCheck;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.sim.ClusterSimulation;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A simulated hour of a 100-instance, 50-service cluster with a rolling deployment of every service (the
 * simulation issue's figure: under 1 s). The services have 2 to 6 tasks; every other one has a container health
 * check (interval 10 s, so each of its tasks is an event every 10 s); every fifth uses a static host port;
 * strategies mix the default spread, binpack and spread on instances; all have the circuit breaker. Each
 * service is updated to a new revision at a time between 2 and 27 minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulationBenchmark {
    private Design design;

    @Setup
    public void generate() {
        design = generate(100, 50);
        ClusterSimulation once = hour(design);
        if (!once.allSteady()) {
            throw new IllegalStateException("every service should end the hour steady on its new revision");
        }
    }

    static Design generate(int instanceCount, int serviceCount) {
        String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
        List<ContainerInstance> instances = new ArrayList<>();
        for (int i = 0; i < instanceCount; i++) {
            instances.add(ContainerInstance.of("i-" + i, "m5.xlarge", zones[i % zones.length])
                    .withRegisteredResources(4096, 15_000, 0));
        }
        Design d = Design.empty("bench");
        List<Service> services = new ArrayList<>();
        for (int s = 0; s < serviceCount; s++) {
            d = d.withTaskDefinition(taskDefinition(s));
            List<PlacementStrategy> strategies = switch (s % 3) {
                case 1 -> List.of(PlacementStrategy.EMPTY.withType("binpack").withField("memory"));
                case 2 -> List.of(PlacementStrategy.EMPTY.withType("spread").withField("instanceId"));
                default -> List.of();
            };
            services.add(Service.of(ServiceSpec.EMPTY.withServiceName("svc" + s).withTaskDefinition("svc" + s)
                    .withDesiredCount(2 + s % 5).withLaunchType("EC2").withPlacementStrategy(strategies)
                    .withDeploymentConfiguration(DeploymentConfiguration.EMPTY.withDeploymentCircuitBreaker(
                            DeploymentCircuitBreaker.EMPTY.withEnable(true).withRollback(true)))));
        }
        return d.withClusters(List.of(Cluster.named("bench").withInstances(instances).withServices(services)));
    }

    static TaskDefinition taskDefinition(int s) {
        ContainerDefinition app = ContainerDefinition.EMPTY.withName("app").withImage("busybox").withCpu(128)
                .withMemory(256);
        if (s % 2 == 0) {
            app = app.withHealthCheck(HealthCheck.EMPTY.withCommand(List.of("CMD-SHELL", "true")).withInterval(10)
                    .withRetries(3).withTimeout(5));
        }
        if (s % 5 == 0) {
            app = app.withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(80).withHostPort(8000 + s)));
        }
        return TaskDefinition.EMPTY.withFamily("svc" + s).withContainerDefinitions(List.of(app));
    }

    static ClusterSimulation hour(Design design) {
        ClusterSimulation sim = new ClusterSimulation(design, 42);
        List<String> ids = sim.serviceIds();
        for (int s = 0; s < ids.size(); s++) {
            String id = ids.get(s);
            TaskDefinition next = taskDefinition(s).withContainerDefinitions(List.of(
                    taskDefinition(s).containerDefinitions().get(0).withImage("busybox:v2")));
            sim.schedule(Duration.ofSeconds(120 + 30L * s), x -> x.deploy(id, next, Map.of()));
        }
        sim.runUntil(Duration.ofHours(1));
        return sim;
    }

    @Benchmark
    public ClusterSimulation simulatedHourOf100InstancesAnd50Services() {
        return hour(design);
    }
}
