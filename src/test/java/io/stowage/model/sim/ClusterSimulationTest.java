package io.stowage.model.sim;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.DeploymentCircuitBreaker;
import io.stowage.model.ecs.DeploymentConfiguration;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster simulation as a user of {@code stowage simulate} sees it: which events the services report, in
 * ECS's words, and which tasks run at the end.
 */
class ClusterSimulationTest {

    // ------------------------------------------------------------------ fixtures

    static ContainerInstance instance(String id, String zone) {
        return ContainerInstance.of(id, "t3.large", zone).withRegisteredResources(2048, 4096, 0);
    }

    static TaskDefinition td(String family, Integer hostPort) {
        ContainerDefinition c = ContainerDefinition.EMPTY.withName("app").withImage("nginx").withCpu(256)
                .withMemory(512);
        if (hostPort != null) {
            c = c.withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(80).withHostPort(hostPort)));
        }
        return TaskDefinition.EMPTY.withFamily(family).withContainerDefinitions(List.of(c));
    }

    static Service service(String name, String family, int count, Integer min, Integer max, boolean breaker,
                           PlacementStrategy... strategies) {
        DeploymentConfiguration dc = DeploymentConfiguration.EMPTY;
        if (min != null) {
            dc = dc.withMinimumHealthyPercent(min);
        }
        if (max != null) {
            dc = dc.withMaximumPercent(max);
        }
        if (breaker) {
            dc = dc.withDeploymentCircuitBreaker(DeploymentCircuitBreaker.EMPTY.withEnable(true).withRollback(true));
        }
        return Service.of(ServiceSpec.EMPTY.withServiceName(name).withTaskDefinition(family).withDesiredCount(count)
                .withLaunchType("EC2").withDeploymentConfiguration(dc)
                .withPlacementStrategy(Arrays.asList(strategies)));
    }

    static Design design(List<ContainerInstance> instances, List<Service> services, List<StandaloneTask> tasks,
                         TaskDefinition... tds) {
        Design d = Design.empty("d").withClusters(List.of(Cluster.named("c").withInstances(instances)
                .withServices(services).withTasks(tasks)));
        for (TaskDefinition td : tds) {
            d = d.withTaskDefinition(td);
        }
        return d;
    }

    static List<String> messages(ClusterSimulation sim, String source) {
        return sim.events().stream().filter(e -> e.source().equals(source)).map(SimulationEvent::message).toList();
    }

    static List<TaskState> running(ClusterSimulation sim, String revisionSuffix) {
        return sim.tasks().stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING
                && t.taskDefinitionArn().endsWith(revisionSuffix)).toList();
    }

    static ServiceDeployment primary(ClusterSimulation sim, String service) {
        return sim.serviceState(service).deployments().get(0);
    }

    // ------------------------------------------------------------------ the service scheduler

    @Test
    void aServiceStartsItsTasksAndReachesASteadyState() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b")),
                List.of(service("web", "web", 2, null, null, false)), List.of(), td("web", 80)), 0);
        sim.runUntil(Duration.ofMinutes(2));

        List<String> said = messages(sim, "service web");
        assertThat(said.get(0)).matches("\\(service web\\) has started 2 tasks: \\(task [0-9a-f]{32}\\) \\(task [0-9a-f]{32}\\)\\.");
        assertThat(said).contains("(service web) has reached a steady state.");
        assertThat(said).anyMatch(m -> m.matches("\\(service web\\) \\(deployment ecs-svc/\\d{19}\\) deployment completed\\."));
        assertThat(sim.allSteady()).isTrue();
        ServiceState web = sim.serviceState("web");
        assertThat(web.runningCount()).isEqualTo(2);
        assertThat(web.deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            assertThat(d.taskDefinitionArn()).endsWith("task-definition/web:1");
        });
        // A task with no health check counts as healthy 40 s after RUNNING: that is when the service is steady.
        assertThat(sim.events().stream().filter(e -> e.message().endsWith("has reached a steady state."))
                .findFirst().orElseThrow().at()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void theSameSeedGivesTheSameTimeline() {
        Design d = design(List.of(instance("i-1", "a"), instance("i-2", "b"), instance("i-3", "a")),
                List.of(service("web", "web", 3, 50, 200, false)), List.of(), td("web", null));
        ClusterSimulation one = new ClusterSimulation(d, 7);
        ClusterSimulation two = new ClusterSimulation(d, 7);
        for (ClusterSimulation sim : List.of(one, two)) {
            sim.schedule(Duration.ofMinutes(1), s -> s.deploy("web", td("web", null), Map.of()));
            sim.schedule(Duration.ofMinutes(3), s -> s.drain("i-2"));
            sim.runUntil(Duration.ofMinutes(6));
        }
        assertThat(one.events()).isEqualTo(two.events());
        assertThat(one.tasks()).isEqualTo(two.tasks());
    }

    /** The live view follows a simulation as it follows an engine: its listener ends up with the same state. */
    @Test
    void aRuntimeListenerSeesWhatTheSnapshotHolds() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                        instance("i-3", "a")),
                List.of(service("web", "web", 2, 50, 200, false)), List.of(), td("web", 80)), 0);
        RuntimeSnapshot[] view = {RuntimeSnapshot.EMPTY};
        sim.addRuntimeListener(new RuntimeListener() {
            @Override
            public void taskChanged(TaskState task) {
                view[0] = view[0].withTask(task);
            }

            @Override
            public void instanceChanged(InstanceState instance) {
                view[0] = view[0].withInstance(instance);
            }

            @Override
            public void serviceChanged(ServiceState service) {
                view[0] = view[0].withService(service);
            }

            @Override
            public void event(ClusterEvent event) {
                view[0] = view[0].withEvent(event);
            }
        });
        sim.schedule(Duration.ofSeconds(30), s -> s.deploy("web", td("web", 80), Map.of()));
        sim.schedule(Duration.ofMinutes(3), s -> s.drain("i-1"));
        sim.runUntil(Duration.ofMinutes(2));
        assertThat(view[0].tasks()).isEqualTo(sim.snapshot().tasks());
        assertThat(view[0].services()).isEqualTo(sim.snapshot().services());
        sim.runUntil(Duration.ofMinutes(6));
        RuntimeSnapshot end = sim.snapshot();
        assertThat(view[0].tasks()).isEqualTo(end.tasks());
        assertThat(view[0].instances()).isEqualTo(end.instances());
        assertThat(view[0].services()).isEqualTo(end.services());
        assertThat(view[0].events()).extracting(ClusterEvent::message)
                .contains("(service web) has reached a steady state.", "set to DRAINING");
        assertThat(end.instances().get("c/i-1").status()).isEqualTo("DRAINING");
        assertThat(end.services().get("c/web").deployments().get(0).taskDefinitionArn()).endsWith("web:2");
    }

    // ------------------------------------------------------------------ rolling deployments

    /**
     * The stall the issue is about: two instances, a static host port 80, two tasks. maximumPercent 200 allows
     * four tasks, but each instance has room for one task on port 80, and minimumHealthyPercent 100 keeps both
     * old tasks until new ones are healthy: the new ones can never be placed.
     */
    @Test
    void aRollingDeployStallsWhenStaticHostPortsLeaveNoRoom() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b")),
                List.of(service("web", "web", 2, 100, 200, false)), List.of(), td("web", 80)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.deploy("web", td("web", 80), Map.of());
        sim.runUntil(Duration.ofMinutes(30));

        assertThat(messages(sim, "service web")).contains("service web was unable to place a task because no "
                + "container instance met all of its requirements. The closest matching container-instance i-1 "
                + "is already using a port required by your task.");
        assertThat(sim.steady("web")).isFalse();
        assertThat(primary(sim, "web").rolloutState()).isEqualTo("IN_PROGRESS");
        assertThat(primary(sim, "web").taskDefinitionArn()).endsWith("web:2");
        assertThat(running(sim, "web:1")).hasSize(2);
        assertThat(running(sim, "web:2")).isEmpty();
    }

    /** The fix: minimumHealthyPercent 50 lets one old task stop first, so its port frees for a new one. */
    @Test
    void theSameDeployCompletesWhenOneOldTaskMayStopFirst() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b")),
                List.of(service("web", "web", 2, 50, 200, false)), List.of(), td("web", 80)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.deploy("web", td("web", 80), Map.of());
        sim.runUntil(Duration.ofMinutes(10));

        assertThat(sim.steady("web")).isTrue();
        assertThat(sim.serviceState("web").deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            assertThat(d.taskDefinitionArn()).endsWith("web:2");
        });
        assertThat(running(sim, "web:2")).hasSize(2);
        assertThat(running(sim, "web:1")).isEmpty();
        assertThat(sim.tasks().stream().filter(t -> t.taskDefinitionArn().endsWith("web:1")))
                .allSatisfy(t -> {
                    assertThat(t.stopCode()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
                    assertThat(t.stoppedReason()).startsWith("Scaling activity initiated by (deployment ecs-svc/");
                });
    }

    /**
     * Developer Guide, deployment-type-ecs.html ("minimumHealthyPercent ... maximumPercent" examples): a service of
     * four tasks with min 50 / max 200 stops two old tasks and starts four new ones at once; with min 100 / max 200
     * it starts four new ones and stops none until they are healthy; with min 0 / max 100 it stops all four first
     * (their containers exit on SIGTERM at once here, so the four new ones start in the same second); with
     * min 100 / max 150 it starts two.
     */
    @ParameterizedTest(name = "min {0} / max {1}: stops {2}, starts {3}")
    @CsvSource({"50, 200, 2, 4", "100, 200, 0, 4", "0, 100, 4, 4", "100, 150, 0, 2"})
    void theFirstStepOfARollingUpdateOfFourTasks(int min, int max, int stoppedAtOnce, int startedAtOnce) {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                        instance("i-3", "a"), instance("i-4", "b")),
                List.of(service("web", "web", 4, min, max, false)), List.of(), td("web", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        int before = sim.events().size();
        sim.deploy("web", td("web", null), Map.of());

        List<String> atOnce = sim.events().subList(before, sim.events().size()).stream()
                .filter(e -> e.source().equals("service web")).map(SimulationEvent::message).toList();
        if (stoppedAtOnce > 0) {
            assertThat(atOnce).anyMatch(m -> m.startsWith("(service web) has stopped " + stoppedAtOnce + " running tasks"));
        } else {
            assertThat(atOnce).noneMatch(m -> m.contains("has stopped"));
        }
        if (startedAtOnce > 0) {
            assertThat(atOnce).anyMatch(m -> m.startsWith("(service web) has started " + startedAtOnce + " tasks"));
        } else {
            assertThat(atOnce).noneMatch(m -> m.contains("has started"));
        }
        sim.runUntil(Duration.ofMinutes(15));
        assertThat(sim.steady("web")).isTrue();
        assertThat(running(sim, "web:2")).hasSize(4);
    }

    @Test
    void theCircuitBreakerFailsTheDeploymentAtItsThresholdAndRollsBack() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b")),
                List.of(service("web", "web", 4, 100, 200, true)), List.of(), td("web", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.deploy("web", td("web", null), Map.of("app", ContainerBehaviour.crashLoop(1, Duration.ofSeconds(5))));
        sim.runUntil(Duration.ofMinutes(15));

        List<String> said = messages(sim, "service web");
        String failed = said.stream().filter(m -> m.endsWith("deployment failed: tasks failed to start.")).findFirst()
                .orElseThrow();
        assertThat(failed).matches("\\(service web\\) \\(deployment ecs-svc/\\d{19}\\) deployment failed: tasks failed to start\\.");
        assertThat(said).anyMatch(m -> m.matches("\\(service web\\) \\(deployment ecs-svc/\\d{19}\\) rolling back to deployment ecs-svc/\\d{19}\\."));
        // Threshold for 4 tasks: 0.5 × 4 = 2, at least 3.
        long failedV2 = sim.tasks().stream().filter(t -> t.taskDefinitionArn().endsWith("web:2")
                && StopCode.ESSENTIAL_CONTAINER_EXITED.equals(t.stopCode())).count();
        assertThat(failedV2).isGreaterThanOrEqualTo(3);
        assertThat(sim.failedDeployments()).isEqualTo(1);
        assertThat(sim.rolledBackDeployments()).isEqualTo(1);
        assertThat(sim.steady("web")).isTrue();
        assertThat(running(sim, "web:1")).hasSize(4);
        assertThat(running(sim, "web:2")).isEmpty();
        assertThat(primary(sim, "web").rolloutStateReason()).startsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/");
    }

    /** API Reference, ServiceDeploymentCircuitBreaker: the deployment fails after max(3, ⌈desired/2⌉) failed tasks. */
    @ParameterizedTest(name = "desired {0}: fails after {1} failed tasks")
    @CsvSource({"2, 3", "6, 3", "10, 5", "14, 7"})
    void theCircuitBreakerThresholdFollowsTheDesiredCount(int desired, int threshold) {
        List<ContainerInstance> instances = List.of(instance("i-1", "a"), instance("i-2", "b"), instance("i-3", "a"),
                instance("i-4", "b"), instance("i-5", "a"), instance("i-6", "b"), instance("i-7", "a"));
        ClusterSimulation sim = new ClusterSimulation(design(instances,
                List.of(service("web", "web", desired, 100, 200, true)), List.of(), td("web", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.deploy("web", td("web", null), Map.of("app", ContainerBehaviour.crashLoop(1, Duration.ofSeconds(5))));
        int[] failedAtTrip = {-1};
        sim.addListener(e -> {
            if (e.message().endsWith("deployment failed: tasks failed to start.") && failedAtTrip[0] < 0) {
                failedAtTrip[0] = sim.serviceState("web").deployments().stream()
                        .filter(d -> "FAILED".equals(d.rolloutState())).findFirst().orElseThrow().failedTasks();
            }
        });
        sim.runUntil(Duration.ofMinutes(20));
        assertThat(failedAtTrip[0]).isEqualTo(threshold);
        assertThat(sim.steady("web")).isTrue();
    }

    @Test
    void unhealthyTasksAreReplacedOnlyAfterTheGracePeriod() {
        Service web = service("web", "web", 1, 100, 200, false);
        web = web.withSpec(web.spec().withHealthCheckGracePeriodSeconds(120));
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a")), List.of(web), List.of(),
                td("web", null)), 0);
        sim.runUntil(Duration.ofSeconds(10));
        sim.makeUnhealthy("web", "app");
        sim.runUntil(Duration.ofMinutes(1));
        // A container without a health check cannot turn unhealthy: nothing is replaced.
        assertThat(sim.tasks()).hasSize(1);
    }

    // ------------------------------------------------------------------ instances

    @Test
    void drainingAnInstanceReplacesItsServiceTasksAndLeavesStandaloneTasks() {
        StandaloneTask batch = StandaloneTask.of("batch", RunTaskSpec.EMPTY.withTaskDefinition("batch").withCount(1)
                .withLaunchType("EC2").withPlacementConstraints(List.of(
                        io.stowage.model.ecs.PlacementConstraint.EMPTY.withType("memberOf")
                                .withExpression("ec2InstanceId == i-1"))));
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                        instance("i-3", "a")),
                List.of(service("web", "web", 2, 50, 200, false,
                        PlacementStrategy.EMPTY.withType("spread").withField("instanceId"))),
                List.of(batch), td("web", null), td("batch", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        assertThat(running(sim, "web:1")).extracting(TaskState::instanceId).contains("i-1");

        sim.drain("i-1");
        sim.runUntil(Duration.ofMinutes(5));

        assertThat(running(sim, "web:1")).hasSize(2).extracting(TaskState::instanceId).doesNotContain("i-1");
        TaskState drainedWeb = sim.tasks().stream().filter(t -> "service:web".equals(t.group())
                && "i-1".equals(t.instanceId())).findFirst().orElseThrow();
        assertThat(drainedWeb.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(drainedWeb.stopCode()).isEqualTo(StopCode.SERVICE_SCHEDULER_INITIATED);
        TaskState batchTask = sim.tasks().stream().filter(t -> "family:batch".equals(t.group())).findFirst()
                .orElseThrow();
        assertThat(batchTask.lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(batchTask.instanceId()).isEqualTo("i-1");
        assertThat(sim.instances()).filteredOn(i -> i.instanceId().equals("i-1")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo("DRAINING"));
        assertThat(sim.steady("web")).isTrue();
    }

    /**
     * Draining under minimumHealthyPercent 100 / maximumPercent 100: the service may neither stop the task on the
     * draining instance (it would drop below 100 %) nor start its replacement first (above 100 %): it stays.
     */
    @Test
    void drainingCannotProceedWhenTheDeploymentSettingsLeaveNoRoom() {
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                        instance("i-3", "a")),
                List.of(service("web", "web", 2, 100, 100, false,
                        PlacementStrategy.EMPTY.withType("spread").withField("instanceId"))),
                List.of(), td("web", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.drain("i-1");
        sim.runUntil(Duration.ofMinutes(10));

        assertThat(running(sim, "web:1")).extracting(TaskState::instanceId).contains("i-1");
        assertThat(sim.steady("web")).isFalse();
    }

    @Test
    void losingAnInstanceStopsItsTasksAndTheServiceReplacesThem() {
        Service db = service("db", "db", 1, null, null, false);
        db = db.withSpec(db.spec().withPlacementConstraints(List.of(io.stowage.model.ecs.PlacementConstraint.EMPTY
                .withType("memberOf").withExpression("ec2InstanceId == i-1"))));
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                        instance("i-3", "a")),
                List.of(service("web", "web", 3, null, null, false), db), List.of(), td("web", null),
                td("db", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        sim.terminate("i-2");
        sim.runUntil(Duration.ofMinutes(3));

        TaskState lost = sim.tasks().stream().filter(t -> "i-2".equals(t.instanceId())).findFirst().orElseThrow();
        assertThat(lost.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(lost.stoppedReason()).isEqualTo("Host EC2 (instance i-2) terminated.");
        assertThat(running(sim, "web:1")).hasSize(3).extracting(TaskState::instanceId).doesNotContain("i-2");
        assertThat(sim.instances()).filteredOn(i -> i.instanceId().equals("i-2")).singleElement()
                .satisfies(i -> {
                    assertThat(i.status()).isEqualTo("INACTIVE");
                    assertThat(i.agentConnected()).isFalse();
                });
        assertThat(sim.steady("web")).isTrue();
        // A service with nothing on the lost instance goes on as it was: it does not report a new steady state.
        assertThat(messages(sim, "service db")).filteredOn(m -> m.endsWith("has reached a steady state.")).hasSize(1);
        assertThat(messages(sim, "service web")).filteredOn(m -> m.endsWith("has reached a steady state.")).hasSize(2);
    }

    // ------------------------------------------------------------------ scaling

    /** binpack on memory scales in the task on the instance that would have the most memory left. */
    @Test
    void scaleInUnderBinpackStopsTheTaskOnTheEmptiestInstanceFirst() {
        // binpack fills "tight" first (the least memory left that fits), then "roomy".
        Service packed = service("web", "web", 2, null, null, false, PlacementStrategy.EMPTY.withType("binpack")
                .withField("memory"));
        ContainerInstance roomy = instance("roomy", "a").withRegisteredResources(2048, 8192, 0);
        ContainerInstance tight = instance("tight", "a").withRegisteredResources(2048, 768, 0);
        ClusterSimulation binpack = new ClusterSimulation(design(List.of(roomy, tight), List.of(packed), List.of(),
                td("web", null)), 0);
        binpack.runUntil(Duration.ofMinutes(1));
        assertThat(running(binpack, "web:1")).extracting(TaskState::instanceId)
                .containsExactlyInAnyOrder("tight", "roomy");
        binpack.scale("web", 1);
        binpack.runUntil(Duration.ofMinutes(2));
        assertThat(running(binpack, "web:1")).singleElement()
                .satisfies(t -> assertThat(t.instanceId()).isEqualTo("tight"));
        assertThat(binpack.steady("web")).isTrue();
    }

    /** spread over zones scales in from the zone with the most tasks, keeping the zones balanced. */
    @Test
    void scaleInUnderSpreadKeepsTheZonesBalanced() {
        Service web = service("web", "web", 3, null, null, false,
                PlacementStrategy.EMPTY.withType("spread").withField("attribute:ecs.availability-zone"));
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "a"),
                instance("i-3", "b")), List.of(web), List.of(), td("web", null)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        assertThat(running(sim, "web:1")).extracting(TaskState::availabilityZone)
                .containsExactlyInAnyOrder("a", "a", "b");
        sim.scale("web", 2);
        sim.runUntil(Duration.ofMinutes(2));
        assertThat(running(sim, "web:1")).extracting(TaskState::availabilityZone).containsExactlyInAnyOrder("a", "b");
        sim.scale("web", 5);
        sim.runUntil(Duration.ofMinutes(3));
        assertThat(running(sim, "web:1")).hasSize(5);
        assertThat(sim.steady("web")).isTrue();
    }

    // ------------------------------------------------------------------ daemon services

    @Test
    void aDaemonServiceRunsOneTaskPerInstanceAndDeploysInstanceByInstance() {
        Service agent = Service.of(ServiceSpec.EMPTY.withServiceName("agent").withTaskDefinition("agent")
                .withLaunchType("EC2").withSchedulingStrategy("DAEMON"));
        ClusterSimulation sim = new ClusterSimulation(design(List.of(instance("i-1", "a"), instance("i-2", "b"),
                instance("i-3", "a")), List.of(agent), List.of(), td("agent", 9000)), 0);
        sim.runUntil(Duration.ofMinutes(1));
        assertThat(running(sim, "agent:1")).extracting(TaskState::instanceId)
                .containsExactlyInAnyOrder("i-1", "i-2", "i-3");
        assertThat(sim.steady("agent")).isTrue();

        // DAEMON defaults: minimumHealthyPercent 0, maximumPercent 100: the old task stops, then the new one starts
        // on the same static port.
        sim.deploy("agent", td("agent", 9000), Map.of());
        sim.runUntil(Duration.ofMinutes(5));
        assertThat(running(sim, "agent:2")).extracting(TaskState::instanceId)
                .containsExactlyInAnyOrder("i-1", "i-2", "i-3");
        assertThat(running(sim, "agent:1")).isEmpty();
        assertThat(sim.steady("agent")).isTrue();
    }
}
