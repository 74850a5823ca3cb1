package io.stowage.engine.watch;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a long run leaves in the store is bounded as ECS bounds it: the feed is a ring of the latest lines, and a
 * stopped task is described for an hour after it stopped, then forgotten; running tasks stay.
 */
class RuntimeStoreTest {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void theFeedKeepsTheLatestLinesInOrder() {
        RuntimeStore store = new RuntimeStore(clock, RuntimeStore.STOPPED_TASK_RETENTION);
        for (int i = 0; i < RuntimeSnapshot.MAX_EVENTS + 500; i++) {
            store.event(new ClusterEvent(now, "c", "service web", "line " + i));
        }

        List<ClusterEvent> events = store.snapshot().events();

        assertThat(events).hasSize(RuntimeSnapshot.MAX_EVENTS);
        assertThat(events.get(0).message()).isEqualTo("line 500");
        assertThat(events.get(events.size() - 1).message()).isEqualTo("line " + (RuntimeSnapshot.MAX_EVENTS + 499));
    }

    @Test
    void aStoppedTaskIsShownForAnHourAfterItStoppedThenForgotten() {
        RuntimeStore store = new RuntimeStore(clock, RuntimeStore.STOPPED_TASK_RETENTION);
        store.taskChanged(task("crashed", TaskStatus.RUNNING));
        store.taskChanged(task("keeps-running", TaskStatus.RUNNING));
        store.taskChanged(task("crashed", TaskStatus.STOPPED));

        now = now.plus(Duration.ofMinutes(59));
        store.taskChanged(task("stopped-later", TaskStatus.STOPPED));
        assertThat(store.snapshot().tasks()).containsOnlyKeys(arn("crashed"), arn("keeps-running"), arn("stopped-later"));

        now = now.plus(Duration.ofMinutes(1));
        // Forgotten when read, without another report.
        assertThat(store.snapshot().tasks()).containsOnlyKeys(arn("keeps-running"), arn("stopped-later"));

        now = now.plus(Duration.ofHours(5));
        assertThat(store.snapshot().tasks()).containsOnlyKeys(arn("keeps-running"));
    }

    @Test
    void readersGetOneImmutableSnapshotUntilSomethingChangesAndSubscribersEveryReport() {
        RuntimeStore store = new RuntimeStore(clock, RuntimeStore.STOPPED_TASK_RETENTION);
        List<String> seen = new ArrayList<>();
        store.subscribe(new RuntimeListener() {
            @Override
            public void taskChanged(TaskState task) {
                seen.add(task.taskId() + " " + task.lastStatus());
            }
        });
        store.taskChanged(task("web", TaskStatus.PENDING));
        RuntimeSnapshot first = store.snapshot();

        assertThat(store.snapshot()).isSameAs(first);
        store.taskChanged(task("web", TaskStatus.RUNNING));
        RuntimeSnapshot second = store.snapshot();

        assertThat(first.tasks().get(arn("web")).lastStatus()).isEqualTo(TaskStatus.PENDING);
        assertThat(second.tasks().get(arn("web")).lastStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(seen).containsExactly("web PENDING", "web RUNNING");

        store.taskChanged(task("web", TaskStatus.STOPPED));
        store.clearStopped();
        assertThat(store.snapshot().tasks()).isEmpty();
    }

    private static String arn(String id) {
        return "arn:aws:ecs:local:000000000000:task/c/" + id;
    }

    private TaskState task(String id, TaskStatus status) {
        boolean stopped = status == TaskStatus.STOPPED;
        return new TaskState(arn(id), "c", "service:web", "web:1", null, "i-1", null, "EC2", status,
                stopped ? TaskStatus.STOPPED : TaskStatus.RUNNING, null, stopped ? "exited" : null, null, now, null,
                stopped ? now : null, List.of());
    }
}
