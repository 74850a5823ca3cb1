package io.stowage.engine.ecs;

import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of DescribeTasks and DescribeServices that moto does not produce (stop codes, exit codes, container
 * reasons, health, service events and rollout states), mapped from SDK objects as ECS returns them.
 */
class RuntimeMappingTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aStoppedTaskKeepsItsReasonStopCodeAndExitCodes() {
        Task task = Task.builder()
                .taskArn("arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef")
                .group("service:web").taskDefinitionArn("arn:aws:ecs:us-east-1:123456789012:task-definition/web:7")
                .containerInstanceArn("arn:ci/1").availabilityZone("us-east-1a").launchType("EC2")
                .lastStatus("STOPPED").desiredStatus("STOPPED").healthStatus("UNHEALTHY")
                .stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
                .createdAt(T0).startedAt(T0.plusSeconds(5)).stoppedAt(T0.plusSeconds(65))
                .containers(Container.builder().name("nginx").image("nginx:1.27").runtimeId("abc123")
                                .lastStatus("STOPPED").exitCode(137).reason("OutOfMemoryError: Container killed due to memory usage")
                                .healthStatus("UNHEALTHY").networkBindings(NetworkBinding.builder().bindIP("0.0.0.0")
                                        .containerPort(80).hostPort(32768).protocol("tcp").build()).build(),
                        Container.builder().name("init").image("busybox").lastStatus("STOPPED").exitCode(0).build())
                .build();

        TaskState state = RuntimeMapping.task("demo", task, Map.of("arn:ci/1", "i-0a1b2c3d"), Set.of("init"));

        assertThat(state.lastStatus()).isEqualTo(TaskStatus.STOPPED);
        assertThat(state.stopCode()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED);
        assertThat(state.stoppedReason()).isEqualTo(StopCode.ESSENTIAL_CONTAINER_EXITED_REASON);
        assertThat(state.serviceName()).isEqualTo("web");
        assertThat(state.instanceId()).isEqualTo("i-0a1b2c3d");
        assertThat(state.revision()).isEqualTo(7);
        assertThat(state.healthStatus()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(state.stoppedAt()).isEqualTo(T0.plusSeconds(65));
        var nginx = state.container("nginx").orElseThrow();
        assertThat(nginx.exitCode()).isEqualTo(137);
        assertThat(nginx.reason()).startsWith("OutOfMemoryError");
        assertThat(nginx.lastStatus()).isEqualTo(ContainerStatus.STOPPED);
        assertThat(nginx.essential()).isTrue();
        assertThat(nginx.networkBindings()).singleElement().satisfies(b -> assertThat(b.hostPort()).isEqualTo(32768));
        assertThat(state.container("init").orElseThrow().essential()).isFalse();
        assertThat(state.container("init").orElseThrow().exitCode()).isZero();
    }

    @Test
    void aStatusNewerThanStowageReadsAsPendingNotAsACrash() {
        Task task = Task.builder().taskArn("arn:t/1").lastStatus("HIBERNATING").build();

        assertThat(RuntimeMapping.task("demo", task, Map.of(), Set.of()).lastStatus()).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void aServiceKeepsItsEventsAndDeployments() {
        Service service = Service.builder().serviceName("web").status("ACTIVE").desiredCount(2).runningCount(1)
                .pendingCount(1).taskDefinition("arn:aws:ecs:us-east-1:1:task-definition/web:7")
                .events(ServiceEvent.builder().id("e2").createdAt(T0.plusSeconds(60))
                                .message("(service web) has reached a steady state.").build(),
                        ServiceEvent.builder().id("e1").createdAt(T0).message("(service web) has started 1 tasks.").build())
                .deployments(Deployment.builder().id("ecs-svc/1").status("PRIMARY").desiredCount(2).runningCount(1)
                        .pendingCount(1).failedTasks(0).rolloutState("IN_PROGRESS").build())
                .build();

        ServiceState state = RuntimeMapping.service("demo", service);

        assertThat(state.events()).extracting(e -> e.id()).containsExactly("e2", "e1");
        assertThat(state.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutState()).isEqualTo("IN_PROGRESS");
        });
    }

    @Test
    void pollingSpeedsUpOnChangeAndSlowsDownWhenSteady() {
        PollPace pace = new PollPace(Duration.ofSeconds(2), Duration.ofSeconds(30));

        assertThat(pace.after(false)).isEqualTo(Duration.ofSeconds(4));
        assertThat(pace.after(false)).isEqualTo(Duration.ofSeconds(8));
        assertThat(pace.after(false)).isEqualTo(Duration.ofSeconds(16));
        assertThat(pace.after(false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pace.after(false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(pace.after(true)).isEqualTo(Duration.ofSeconds(2));
    }
}
