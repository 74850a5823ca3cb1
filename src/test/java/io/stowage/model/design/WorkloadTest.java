package io.stowage.model.design;

import io.stowage.model.ecs.RunTaskSpec;
import io.stowage.model.ecs.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service and a standalone task are one kind of thing to the rules: what each asks for, read from its input. */
class WorkloadTest {
    private final Cluster cluster = Cluster.named("demo").withInstance(ContainerInstance.of("a", "t3.small", "us-east-1a"))
            .withInstance(ContainerInstance.of("b", "t3.small", "us-east-1b"));

    @Test
    void servicesAndStandaloneTasksAnswerAlike() {
        Service web = Service.of(ServiceSpec.EMPTY.withServiceName("web").withTaskDefinition("web:3").withDesiredCount(3));
        Service agent = Service.of(ServiceSpec.EMPTY.withServiceName("agent").withTaskDefinition("agent")
                .withSchedulingStrategy(Service.DAEMON));
        StandaloneTask migrate = StandaloneTask.of("migrate", RunTaskSpec.EMPTY.withTaskDefinition("migrate")
                .withLaunchType(LaunchTypes.FARGATE));

        List<Workload> all = List.of(web, agent, migrate);

        assertThat(all).extracting(Workload::kind).containsExactly(Workload.Kind.SERVICE, Workload.Kind.SERVICE,
                Workload.Kind.TASK);
        assertThat(all).extracting(Workload::label).containsExactly("service web", "service agent", "task migrate");
        assertThat(all).extracting(Workload::taskDefinitionFamily).containsExactly("web", "agent", "migrate");
        // A DAEMON service runs one task per instance; RunTask's count defaults to 1.
        assertThat(all).extracting(w -> w.tasksWanted(cluster)).containsExactly(3, 2, 1);
        assertThat(all).extracting(Workload::statesLaunchType).containsExactly(false, false, true);
        assertThat(web.inputPath(0, 1)).isEqualTo("clusters[0].services[1].service");
        assertThat(migrate.inputPath(2, 0)).isEqualTo("clusters[2].tasks[0].run");
    }
}
