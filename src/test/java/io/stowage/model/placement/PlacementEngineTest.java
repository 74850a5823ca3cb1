package io.stowage.model.placement;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.HostPort;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.RuntimePlatform;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskDefinitionPlacementConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.stowage.model.placement.Fixtures.cluster;
import static io.stowage.model.placement.Fixtures.constrained;
import static io.stowage.model.placement.Fixtures.design;
import static io.stowage.model.placement.Fixtures.distinctInstance;
import static io.stowage.model.placement.Fixtures.instance;
import static io.stowage.model.placement.Fixtures.instancesOf;
import static io.stowage.model.placement.Fixtures.memberOf;
import static io.stowage.model.placement.Fixtures.service;
import static io.stowage.model.placement.Fixtures.serviceInstances;
import static io.stowage.model.placement.Fixtures.strategy;
import static io.stowage.model.placement.Fixtures.task;
import static io.stowage.model.placement.Fixtures.td;
import static io.stowage.model.placement.Fixtures.withHostPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler simulation, built from the Amazon ECS Developer Guide's own examples:
 * strategies from "How Amazon ECS places tasks on container instances" / "Amazon ECS task placement strategies"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html), constraints from
 * "Define which container instances Amazon ECS uses for tasks"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html) and the
 * cluster query language page (cluster-query-language.html), failures from "View Amazon ECS service event
 * messages" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html).
 */
class PlacementEngineTest {
    static ContainerInstance typed(String id, String type, String zone) {
        return instance(id, zone, 2048, 4096).withInstanceType(type).withRegisteredResources(2048, 4096, 0);
    }

    // ------------------------------------------------------------------ strategies

    static Stream<Arguments> strategies() {
        return Stream.of(
                // "binpack" on memory: "places tasks on the container instance with the least available memory"
                Arguments.of("binpack memory fills the fullest instance first",
                        List.of(instance("a", "us-east-1a", 4096, 2048), instance("b", "us-east-1b", 4096, 4096),
                                instance("c", "us-east-1a", 4096, 1024)),
                        td("t", 0, 512), List.of(strategy("binpack", "memory")), 4, List.of("c", "c", "a", "a")),
                Arguments.of("binpack cpu fills the instance with the least CPU left",
                        List.of(instance("a", "us-east-1a", 2048, 4096), instance("b", "us-east-1a", 4096, 4096),
                                instance("c", "us-east-1a", 1024, 4096)),
                        td("t", 1024, 128), List.of(strategy("binpack", "cpu")), 3, List.of("c", "a", "a")),
                // "spread" with field instanceId (or host): "evenly across all container instances"
                Arguments.of("spread instanceId",
                        List.of(instance("a", "us-east-1a", 4096, 4096), instance("b", "us-east-1a", 4096, 4096),
                                instance("c", "us-east-1a", 4096, 4096)),
                        td("t", 128, 128), List.of(strategy("spread", "instanceId")), 5,
                        List.of("a", "b", "c", "a", "b")),
                Arguments.of("spread host is instanceId",
                        List.of(instance("a", "us-east-1a", 4096, 4096), instance("b", "us-east-1a", 4096, 4096)),
                        td("t", 128, 128), List.of(strategy("spread", "host")), 3, List.of("a", "b", "a")),
                // the service default: spread(attribute:ecs.availability-zone), then the fewest on an instance
                Arguments.of("service default spreads over zones then instances",
                        List.of(instance("a", "us-east-1a", 4096, 4096), instance("b", "us-east-1a", 4096, 4096),
                                instance("c", "us-east-1b", 4096, 4096)),
                        td("t", 128, 128), List.of(), 4, List.of("a", "c", "b", "c")),
                Arguments.of("spread attribute:ecs.availability-zone",
                        List.of(instance("a", "us-east-1a", 4096, 4096), instance("b", "us-east-1a", 4096, 4096),
                                instance("c", "us-east-1b", 4096, 4096)),
                        td("t", 128, 128), List.of(strategy("spread", "attribute:ecs.availability-zone")), 4,
                        List.of("a", "c", "a", "c")),
                Arguments.of("spread over a custom attribute",
                        List.of(instance("a", "us-east-1a", 4096, 4096).withAttributes(Map.of("rack", "r1")),
                                instance("b", "us-east-1a", 4096, 4096).withAttributes(Map.of("rack", "r1")),
                                instance("c", "us-east-1a", 4096, 4096).withAttributes(Map.of("rack", "r2"))),
                        td("t", 128, 128), List.of(strategy("spread", "attribute:rack")), 3, List.of("a", "c", "a")),
                // the guide's example: spread over availability zones, then binpack memory within each zone
                Arguments.of("spread zones then binpack memory",
                        List.of(instance("a", "us-east-1a", 4096, 4096), instance("b", "us-east-1a", 4096, 2048),
                                instance("c", "us-east-1b", 4096, 4096), instance("d", "us-east-1b", 4096, 3072)),
                        td("t", 0, 512), List.of(strategy("spread", "attribute:ecs.availability-zone"),
                                strategy("binpack", "memory")), 4, List.of("b", "d", "b", "d")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void placesByStrategy(String name, List<ContainerInstance> instances, TaskDefinition td,
                          List<io.stowage.model.ecs.PlacementStrategy> strategies, int count, List<String> expected) {
        Service web = service("web", td.family(), count).withSpec(
                service("web", td.family(), count).spec().withPlacementStrategy(strategies));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(web), List.of()), td), 7);
        assertThat(result.failures()).isEmpty();
        assertThat(serviceInstances(result, "web")).isEqualTo(expected);
    }

    @Test
    void randomIsSeededAndDeterministic() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 8192, 8192),
                instance("b", "us-east-1a", 8192, 8192), instance("c", "us-east-1b", 8192, 8192),
                instance("d", "us-east-1b", 8192, 8192), instance("e", "us-east-1c", 8192, 8192));
        Design d = design(cluster(instances, List.of(service("web", "t", 6, strategy("random", null))),
                List.of(task("once", "t", 4))), td("t", 128, 128));
        PlacementResult first = PlacementEngine.place(d, 42);
        PlacementResult again = PlacementEngine.place(d, 42);
        assertThat(again.placements()).isEqualTo(first.placements());
        assertThat(again.instances()).isEqualTo(first.instances());
        Set<List<String>> outcomes = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PlacementResult r = PlacementEngine.place(d, seed);
            outcomes.add(serviceInstances(r, "web"));
            assertThat(r.placements()).hasSize(10);
        }
        assertThat(outcomes).as("different seeds may place differently").hasSizeGreaterThan(1);
    }

    @Test
    void placementsReserveCapacityForLaterServices() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 2048, 1024),
                instance("b", "us-east-1a", 2048, 4096));
        Design d = design(cluster(instances, List.of(service("first", "big", 1, strategy("binpack", "memory")),
                service("second", "big", 1, strategy("binpack", "memory"))), List.of()), td("big", 0, 1024));
        PlacementResult result = PlacementEngine.place(d, 1);
        assertThat(serviceInstances(result, "first")).containsExactly("a");
        assertThat(serviceInstances(result, "second")).containsExactly("b");
        InstanceUsage a = result.instance("c", "a").orElseThrow();
        assertThat(a.reservedMemoryMiB()).isEqualTo(1024);
        assertThat(a.registeredMemoryMiB()).isEqualTo(1024);
        assertThat(a.runningTasksCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ constraints

    @Test
    void distinctInstancePutsEachTaskOfTheGroupOnItsOwnInstance() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 8192, 8192),
                instance("b", "us-east-1a", 8192, 8192), instance("c", "us-east-1b", 8192, 8192));
        Service web = constrained(service("web", "t", 4, strategy("binpack", "memory")), distinctInstance());
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(web), List.of()),
                td("t", 128, 128)), 1);
        assertThat(serviceInstances(result, "web")).containsExactly("a", "b", "c");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PlacementFailure.DISTINCT_INSTANCE);
            assertThat(f.task().number()).isEqualTo(4);
        });
    }

    @Test
    void aMemberOfMissIsNotReportedAsDistinctInstance() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096));
        Service web = constrained(service("web", "t", 2), distinctInstance(), memberOf("runningTasksCount == 0"));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(web), List.of()),
                td("t", 64, 64)), 1);
        assertThat(result.failures()).singleElement()
                .extracting(PlacementFailure::reason).isEqualTo(PlacementFailure.MEMBER_OF);
    }

    static Stream<Arguments> memberOfExpressions() {
        List<ContainerInstance> mixed = List.of(typed("a", "m5.large", "us-east-1a"),
                typed("b", "t2.small", "us-east-1b"), typed("c", "t2.medium", "us-east-1c"),
                typed("d", "c5.large", "us-east-1d").withAgent(true, "1.14.4"));
        return Stream.of(
                Arguments.of("attribute:ecs.instance-type =~ t2.*", mixed, Set.of("b", "c")),
                Arguments.of("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", mixed, Set.of("a", "b")),
                Arguments.of("attribute:ecs.instance-type == t2.small", mixed, Set.of("b")),
                Arguments.of("attribute:ecs.availability-zone != us-east-1a and attribute:ecs.instance-type !~ t2.*",
                        mixed, Set.of("d")),
                Arguments.of("agentVersion < 1.14.5", mixed, Set.of("d")),
                Arguments.of("ec2InstanceId in ['a', 'c']", mixed, Set.of("a", "c")),
                Arguments.of("attribute:ecs.instance-type =~ t2.* or ec2InstanceId == a", mixed, Set.of("a", "b", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("memberOfExpressions")
    void memberOfKeepsOnlyMatchingInstances(String expression, List<ContainerInstance> instances, Set<String> allowed) {
        Service web = constrained(service("web", "t", 8, strategy("spread", "instanceId")), memberOf(expression));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(web), List.of()),
                td("t", 64, 64)), 1);
        assertThat(result.failures()).isEmpty();
        assertThat(Set.copyOf(serviceInstances(result, "web"))).isEqualTo(allowed);
    }

    @Test
    void taskDefinitionMemberOfConstraintApplies() {
        TaskDefinition t = td("t", 64, 64).withPlacementConstraints(List.of(TaskDefinitionPlacementConstraint.EMPTY
                .withType("memberOf").withExpression("attribute:ecs.availability-zone == us-east-1b")));
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1b", 4096, 4096));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(service("web", "t", 2)),
                List.of()), t), 1);
        assertThat(serviceInstances(result, "web")).containsExactly("b", "b");
    }

    @Test
    void notTaskGroupKeepsAwayFromTheGroup() {
        // the guide's example: not(task:group == database)
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1a", 4096, 4096), instance("c", "us-east-1a", 4096, 4096));
        var db = Fixtures.task("db", "t", 1).withRun(Fixtures.task("db", "t", 1).run().withGroup("database")
                .withPlacementConstraints(List.of(memberOf("ec2InstanceId == b"))));
        var web = Fixtures.task("web", "t", 4, strategy("spread", "instanceId")).withRun(
                Fixtures.task("web", "t", 4, strategy("spread", "instanceId")).run()
                        .withPlacementConstraints(List.of(memberOf("not(task:group == database)"))));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(), List.of(db, web)),
                td("t", 64, 64)), 1);
        assertThat(instancesOf(result, TaskRef.Kind.TASK, "db")).containsExactly("b");
        assertThat(instancesOf(result, TaskRef.Kind.TASK, "web")).containsExactly("a", "c", "a", "c");
        assertThat(result.placementsOf("c", TaskRef.Kind.TASK, "web").get(0).group()).isEqualTo("family:t");
    }

    @Test
    void runningTasksCountSeesEarlierPlacements() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1a", 4096, 4096), instance("c", "us-east-1a", 4096, 4096));
        Service web = constrained(service("web", "t", 4, strategy("binpack", "memory")),
                memberOf("runningTasksCount == 0"));
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(web), List.of()),
                td("t", 64, 64)), 1);
        assertThat(serviceInstances(result, "web")).containsExactly("a", "b", "c");
        assertThat(result.failures()).singleElement()
                .extracting(PlacementFailure::reason).isEqualTo(PlacementFailure.MEMBER_OF);
    }

    // ------------------------------------------------------------------ failures

    static final String PREFIX = "service web was unable to place a task because no container instance met all of "
            + "its requirements. The closest matching container-instance ";

    static TaskDefinition logDriver(String driver) {
        ContainerDefinition c = Fixtures.container("t", 64, 64)
                .withLogConfiguration(LogConfiguration.EMPTY.withLogDriver(driver));
        return TaskDefinition.EMPTY.withFamily("t").withContainerDefinitions(List.of(c));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("memory", List.of(instance("a", "us-east-1a", 4096, 1024),
                                instance("b", "us-east-1a", 4096, 512)), td("t", 128, 2048),
                        PlacementFailure.RESOURCE_MEMORY, "a", "has insufficient memory available."),
                Arguments.of("cpu", List.of(instance("a", "us-east-1a", 2048, 8192)), td("t", 4096, 128),
                        PlacementFailure.RESOURCE_CPU, "a", "has insufficient CPU units available."),
                Arguments.of("a port the agent reserves (22)", List.of(instance("a", "us-east-1a", 4096, 4096)),
                        withHostPort(td("t", 128, 128), 22), PlacementFailure.RESOURCE_PORTS, "a",
                        "is already using a port required by your task."),
                Arguments.of("a cpu architecture the instance lacks", List.of(instance("a", "us-east-1a", 4096, 4096)),
                        td("t", 128, 128).withRuntimePlatform(RuntimePlatform.EMPTY.withCpuArchitecture("ARM64")),
                        PlacementFailure.ATTRIBUTE, "a", "is missing an attribute required by your task."),
                Arguments.of("a log driver the agent does not offer", List.of(instance("a", "us-east-1a", 4096, 4096)),
                        logDriver("logentries"), PlacementFailure.ATTRIBUTE, "a",
                        "is missing an attribute required by your task."),
                Arguments.of("agent disconnected", List.of(instance("a", "us-east-1a", 4096, 4096).withAgent(false, null)),
                        td("t", 128, 128), PlacementFailure.AGENT, "a", "encountered error \"AGENT\"."),
                Arguments.of("the closest instance is the one that passed the most checks",
                        List.of(instance("a", "us-east-1a", 4096, 4096).withAgent(false, null),
                                instance("b", "us-east-1a", 4096, 4096).withAttributes(Map.of()),
                                instance("c", "us-east-1a", 128, 8192)),
                        td("t", 256, 128).withRuntimePlatform(RuntimePlatform.EMPTY.withCpuArchitecture("ARM64")),
                        PlacementFailure.ATTRIBUTE, "b", "is missing an attribute required by your task."),
                Arguments.of("memberOf", List.of(instance("a", "us-east-1a", 4096, 4096)),
                        td("t", 64, 64).withPlacementConstraints(List.of(TaskDefinitionPlacementConstraint.EMPTY
                                .withType("memberOf").withExpression("attribute:ecs.instance-type =~ t2.*"))),
                        PlacementFailure.MEMBER_OF, "a", "does not satisfy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void reportsFailuresAsEcsDoes(String name, List<ContainerInstance> instances, TaskDefinition td, String reason,
                                  String closest, String sentenceEnd) {
        PlacementResult result = PlacementEngine.place(design(cluster(instances, List.of(service("web", "t", 1)),
                List.of()), td), 1);
        assertThat(result.placements()).isEmpty();
        PlacementFailure failure = result.failures().get(0);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.closestInstance()).isEqualTo(closest);
        assertThat(failure.message()).startsWith(PREFIX + closest + " ").contains(sentenceEnd);
        assertThat(failure.task()).isEqualTo(new TaskRef("c", TaskRef.Kind.SERVICE, "web", 1));
    }

    @Test
    void aStaticHostPortIsTakenByTheFirstTask() {
        PlacementResult result = PlacementEngine.place(design(cluster(List.of(instance("a", "us-east-1a", 4096, 4096)),
                List.of(service("web", "t", 2)), List.of()), withHostPort(td("t", 128, 128), 80)), 1);
        assertThat(serviceInstances(result, "web")).containsExactly("a");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PlacementFailure.RESOURCE_PORTS);
            assertThat(f.task().number()).isEqualTo(2);
        });
        assertThat(result.instance("c", "a").orElseThrow().ports()).containsExactly(new HostPort("tcp", 22),
                new HostPort("tcp", 80), new HostPort("tcp", 2375), new HostPort("tcp", 2376),
                new HostPort("tcp", 51678), new HostPort("tcp", 51679));
    }

    @Test
    void noInstancesNoTaskDefinitionAndBadExpressions() {
        PlacementResult empty = PlacementEngine.place(design(cluster(List.of(), List.of(service("web", "t", 1)),
                List.of()), td("t", 1, 1)), 1);
        assertThat(empty.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PlacementFailure.MISSING);
            assertThat(f.message()).endsWith("Reason: No Container Instances were found in your cluster.");
        });
        PlacementResult noTd = PlacementEngine.place(design(cluster(List.of(instance("a", "z", 1, 1)),
                List.of(service("web", "nope", 2)), List.of())), 1);
        assertThat(noTd.failures()).hasSize(2).allMatch(f -> f.reason().equals(PlacementFailure.MISSING));
        PlacementResult bad = PlacementEngine.place(design(cluster(List.of(instance("a", "z", 4096, 4096)),
                List.of(constrained(service("web", "t", 1), memberOf("attribute:x =="))), List.of()), td("t", 1, 1)), 1);
        assertThat(bad.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PlacementFailure.INVALID_PARAMETER);
            assertThat(f.message()).contains("at position 14");
        });
    }

    // ------------------------------------------------------------------ explanation, daemon, Fargate

    @Test
    void explainsEveryInstanceForEveryTask() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096).withAgent(false, null),
                instance("b", "us-east-1a", 256, 4096), instance("c", "us-east-1a", 4096, 256),
                instance("d", "us-east-1a", 4096, 4096), instance("e", "us-east-1a", 4096, 8192));
        PlacementResult result = PlacementEngine.place(design(cluster(instances,
                List.of(service("web", "t", 1, strategy("binpack", "memory"))), List.of()), td("t", 512, 512)), 1);
        Explanation why = result.explanation(new TaskRef("c", TaskRef.Kind.SERVICE, "web", 1)).orElseThrow();
        assertThat(why.verdicts()).extracting(Explanation.Verdict::step).containsExactly(Step.AGENT, Step.CPU,
                Step.MEMORY, Step.SELECTED, Step.STRATEGY);
        assertThat(why.stepOf("e").passedFilters()).isTrue();
        assertThat(why.verdicts().get(0).kept()).isFalse();
    }

    @Test
    void daemonRunsOnePerInstanceThatMeetsItsConstraints() {
        List<ContainerInstance> instances = List.of(instance("a", "us-east-1a", 4096, 4096),
                instance("b", "us-east-1a", 4096, 4096).withAttributes(Map.of("role", "edge")),
                instance("c", "us-east-1b", 4096, 64).withAttributes(Map.of("role", "edge")),
                instance("d", "us-east-1b", 4096, 4096).withAttributes(Map.of("role", "edge")));
        Service agent = constrained(service("agent", "t", 0), memberOf("attribute:role == edge"));
        agent = agent.withSpec(agent.spec().withSchedulingStrategy("DAEMON").withDesiredCount(null));
        PlacementResult result = PlacementEngine.place(design(cluster(instances,
                List.of(service("web", "t", 2), agent), List.of()), td("t", 128, 128)), 1);
        assertThat(serviceInstances(result, "agent")).containsExactly("b", "d");
        assertThat(result.failuresOf("c", TaskRef.Kind.SERVICE, "agent")).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(PlacementFailure.RESOURCE_MEMORY);
            assertThat(f.closestInstance()).isEqualTo("c");
        });
        // daemons are placed first; the replica service spreads afterwards
        assertThat(result.placements().get(0).task().source()).isEqualTo("agent");
    }

    @Test
    void fargateSpreadsOverZonesWithoutInstances() {
        Service worker = service("worker", "t", 3);
        worker = worker.withSpec(worker.spec().withLaunchType("FARGATE"));
        Cluster c = Fixtures.withFargate(cluster(List.of(instance("a", "us-east-1a", 1, 1)), List.of(worker),
                List.of()), "us-east-1a", "us-east-1b");
        PlacementResult result = PlacementEngine.place(design(c, td("t", 8192, 8192)), 1);
        assertThat(result.failures()).isEmpty();
        assertThat(result.placements()).allMatch(Placement::fargate)
                .extracting(Placement::availabilityZone).containsExactly("us-east-1a", "us-east-1b", "us-east-1a");
        assertThat(result.instance("c", "a").orElseThrow().runningTasksCount()).isZero();
    }
}
