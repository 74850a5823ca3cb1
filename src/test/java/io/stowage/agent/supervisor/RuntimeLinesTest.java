package io.stowage.agent.supervisor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerMetrics;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskRole;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the agent streams to a window that follows its run reads back as the very states the run reported. */
class RuntimeLinesTest {
    private static final Instant AT = Instant.parse("2026-12-03T18:00:01.250Z");

    @Test
    void everyReportSurvivesTheLineItTravelsAs() throws Exception {
        TaskState task = new TaskState("arn:aws:ecs:local:000000000000:task/c/0123456789abcdef0123456789abcdef", "c",
                "service:web", "arn:aws:ecs:local:000000000000:task-definition/web:1", null, "i-1", "us-east-1a",
                "EC2", TaskStatus.STOPPED, TaskStatus.STOPPED, null, StopCode.ESSENTIAL_CONTAINER_EXITED_REASON,
                StopCode.ESSENTIAL_CONTAINER_EXITED, AT, AT, AT,
                List.of(new ContainerState("app", "f00d", "busybox", ContainerStatus.STOPPED, 3, null, null, true,
                        List.of(), AT, AT, 2)),
                new TaskRole("arn:aws:iam::000000000000:role/web", TaskRole.Status.ASSUMED, null, AT, AT));
        InstanceState instance = new InstanceState("c", "i-1", "arn:aws:ecs:local:000000000000:container-instance/c/i-1",
                "i-1", "ACTIVE", true, "stowage-local", 1, 0, 2048, 3900, 2048, 3884);
        ServiceState service = new ServiceState("c", "web", "ACTIVE", 1, 1, 0, "web:1",
                List.of(new ServiceEvent("e1", AT, "(service web) has reached a steady state.")), List.of());
        ClusterEvent event = new ClusterEvent(AT, "c", "web", "task stopped");
        ContainerMetrics sample = new ContainerMetrics(AT, 12.5, 1_048_576, 16_777_216);

        List<ObjectNode> lines = new ArrayList<>();
        RuntimeListener encoder = RuntimeLines.encoder(lines::add);
        encoder.taskChanged(task);
        encoder.instanceChanged(instance);
        encoder.serviceChanged(service);
        encoder.event(event);
        encoder.containerMetrics(task.taskArn(), "app", sample);
        encoder.engineLost("the Docker engine does not answer");
        encoder.engineBack();

        List<Object> heard = new ArrayList<>();
        RuntimeListener back = new RuntimeListener() {
            @Override
            public void taskChanged(TaskState t) {
                heard.add(t);
            }

            @Override
            public void instanceChanged(InstanceState i) {
                heard.add(i);
            }

            @Override
            public void serviceChanged(ServiceState s) {
                heard.add(s);
            }

            @Override
            public void event(ClusterEvent e) {
                heard.add(e);
            }

            @Override
            public void containerMetrics(String taskArn, String container, ContainerMetrics m) {
                heard.add(taskArn + "/" + container + "/" + m);
            }

            @Override
            public void engineLost(String reason) {
                heard.add("lost: " + reason);
            }

            @Override
            public void engineBack() {
                heard.add("back");
            }
        };
        for (ObjectNode line : lines) {
            // Each is one line of the stream: no line break inside.
            assertThat(line.toString()).doesNotContain("\n");
            assertThat(RuntimeLines.decode(AgentFiles.JSON.readTree(line.toString()), back)).isTrue();
        }
        assertThat(heard).containsExactly(task, instance, service, event, task.taskArn() + "/app/" + sample,
                "lost: the Docker engine does not answer", "back");
        assertThat(RuntimeLines.decode(AgentFiles.JSON.readTree("{\"line\": \"pulling\"}"), back)).isFalse();
    }
}
