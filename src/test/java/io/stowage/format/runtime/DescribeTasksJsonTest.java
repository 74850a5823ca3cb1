package io.stowage.format.runtime;

import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.StopCode;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DescribeTasksJsonTest {

    @Test
    void stoppedTaskHasTheShapeOfDescribeTasks() {
        Instant created = Instant.parse("2026-11-27T10:00:00Z");
        ContainerState web = new ContainerState("web", "abc123", "nginx", ContainerStatus.STOPPED, 137,
                null, HealthStatus.UNHEALTHY, true, List.of(new NetworkBinding("127.0.1.1", 80, 8080, "tcp")),
                created, created.plusSeconds(5));
        ContainerState sidecar = ContainerState.pending("sidecar", "busybox", false);
        TaskState task = new TaskState("arn:aws:ecs:local:000000000000:task/default/0123456789abcdef0123456789abcdef",
                "default", "service:web", "web:3", null, "i-1", "us-east-1a", "EC2", TaskStatus.STOPPED,
                TaskStatus.STOPPED, HealthStatus.UNHEALTHY, StopCode.ESSENTIAL_CONTAINER_EXITED_REASON,
                StopCode.ESSENTIAL_CONTAINER_EXITED, created, created.plusSeconds(1), created.plusSeconds(6),
                List.of(web, sidecar));

        JsonObject json = DescribeTasksJson.of(RuntimeSnapshot.EMPTY.withTask(task));

        JsonObject t = (JsonObject) ((JsonArray) json.get("tasks")).get(0);
        assertThat(t.keys()).doesNotContain("containerInstanceArn");
        assertThat(t.get("group").toString()).contains("service:web");
        assertThat(t.get("stopCode").toString()).contains("EssentialContainerExited");
        assertThat(t.get("startedAt").toString()).contains("2026-11-27T10:00:01Z");
        JsonArray containers = (JsonArray) t.get("containers");
        JsonObject first = (JsonObject) containers.get(0);
        assertThat(first.get("exitCode").toString()).isEqualTo("137");
        assertThat(((JsonObject) ((JsonArray) first.get("networkBindings")).get(0)).keys())
                .containsExactly("bindIP", "containerPort", "hostPort", "protocol");
        assertThat(((JsonObject) containers.get(1)).keys()).doesNotContain("exitCode", "runtimeId", "restartCount");
        assertThat(first.keys()).doesNotContain("restartCount");
        assertThat(task.shortId()).isEqualTo("01234567");
        assertThat(task.family()).isEqualTo("web");
        assertThat(task.revision()).isEqualTo(3);
        assertThat(task.serviceName()).isEqualTo("web");
    }

    @Test
    void aContainerWithARestartPolicyReportsItsRestartCount() {
        ContainerState app = new ContainerState("app", "abc", "busybox", ContainerStatus.RUNNING, null, null, null,
                true, List.of(), Instant.EPOCH, null, 2);
        TaskState task = new TaskState("arn:aws:ecs:local:000000000000:task/default/0123456789abcdef0123456789abcdef",
                "default", "family:app", "app:1", null, "i-1", "us-east-1a", "EC2", TaskStatus.RUNNING,
                TaskStatus.RUNNING, null, null, null, Instant.EPOCH, Instant.EPOCH, null, List.of(app));

        JsonObject container = (JsonObject) ((JsonArray) DescribeTasksJson.task(task).get("containers")).get(0);

        assertThat(container.get("restartCount").toString()).isEqualTo("2");
    }
}
