package io.stowage.bench;

import io.stowage.engine.watch.RuntimeStore;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerState;
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
 * Bounded runtime state: a long run of a service whose task keeps crashing and being replaced, 10,000 task changes
 * in all (each task PROVISIONING, RUNNING, STOPPED, with a service event for each change, 10 s of run time a task),
 * about 9 hours of run time, reported to one {@link RuntimeStore} that a live view reads after every tenth change.
 * The heap used (after a full collection) is sampled every 1,000 changes: it must stay flat once the first hour
 * has passed, as the store keeps stopped tasks only as long as ECS describes them (an hour) and the events in a
 * ring of {@link RuntimeSnapshot#MAX_EVENTS}.
 * <p>
 * Not part of the normal test run (the name does not end in Test); run it with
 * {@code mvn -o test -Dtest=RuntimeStoreBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. It prints its figures and
 * fails when the heap grows.
 */
class RuntimeStoreBenchmark {
    static final int CHANGES = 10_000;
    static final int SAMPLE_EVERY = 1_000;
    /** Containers a task, so that a kept task weighs about what a real one does. */
    static final int CONTAINERS = 4;

    @Test
    void tenThousandTaskChangesKeepTheHeapFlat() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T00:00:00Z"));
        RuntimeStore store = store(clock);
        List<Long> heap = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        long started = System.nanoTime();
        int changes = 0;
        int reads = 0;
        for (int task = 0; changes < CHANGES; task++) {
            String arn = "arn:aws:ecs:local:000000000000:task/bench/" + String.format("%032x", task);
            for (TaskStatus status : List.of(TaskStatus.PROVISIONING, TaskStatus.RUNNING, TaskStatus.STOPPED)) {
                clock.advance(Duration.ofSeconds(status == TaskStatus.STOPPED ? 8 : 1));
                store.taskChanged(task(arn, status, clock.instant()));
                store.event(new ClusterEvent(clock.instant(), "bench", "service crashy",
                        "(service crashy) has started 1 tasks: (task " + arn.substring(arn.lastIndexOf('/') + 1) + ")."));
                changes++;
                if (changes % 10 == 0) {
                    reads += store.snapshot().tasks().size() >= 0 ? 1 : 0;
                }
                if (changes % SAMPLE_EVERY == 0) {
                    heap.add(usedHeapAfterGc());
                    held.add(store.snapshot().tasks().size());
                }
                if (changes == CHANGES) {
                    break;
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        RuntimeSnapshot last = store.snapshot();
        System.out.printf("RuntimeStoreBenchmark: %,d task changes and %,d events in %,d ms (%,d snapshot reads), "
                        + "%s of run time%n", CHANGES, CHANGES, millis, reads,
                Duration.between(Instant.parse("2026-12-03T00:00:00Z"), clock.instant()));
        for (int i = 0; i < heap.size(); i++) {
            System.out.printf("  after %,6d changes: %,7d KiB used, %,5d tasks held%n", (i + 1) * SAMPLE_EVERY,
                    heap.get(i) / 1024, held.get(i));
        }
        System.out.printf("  events held at the end: %,d%n", last.events().size());

        assertThat(last.events()).hasSize(RuntimeSnapshot.MAX_EVENTS);
        // 10 s a task: an hour of stopped tasks is 360 of them, and the one that runs.
        assertThat(held.get(held.size() - 1)).isLessThanOrEqualTo(362);
        // Flat: from the sample after the first hour (changes 2,000: about 1.9 h) on, within 256 KiB of each other
        // (the store before this kept every task: 3.5 MiB more over the same run, 370 KiB a thousand changes).
        List<Long> steady = heap.subList(1, heap.size());
        long spread = steady.stream().mapToLong(Long::longValue).max().orElseThrow()
                - steady.stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.printf("  heap spread after the first hour: %,d KiB%n", spread / 1024);
        assertThat(spread).isLessThan(256L * 1024);
    }

    static RuntimeStore store(InstantSource clock) {
        return new RuntimeStore(clock, RuntimeStore.STOPPED_TASK_RETENTION);
    }

    static TaskState task(String arn, TaskStatus status, Instant now) {
        List<ContainerState> containers = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            containers.add(ContainerState.pending("container-" + i, "registry.example.com/team/app-" + i + ":1.0", i == 0));
        }
        boolean stopped = status == TaskStatus.STOPPED;
        return new TaskState(arn, "bench", "service:crashy", "crashy:7", null, "i-1", "local", "EC2", status,
                stopped ? TaskStatus.STOPPED : TaskStatus.RUNNING, null, stopped ? "Essential container in task exited"
                : null, stopped ? "EssentialContainerExited" : null, now, status == TaskStatus.PROVISIONING ? null : now,
                stopped ? now : null, containers);
    }

    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** Run time, advanced by the benchmark. */
    static final class MutableClock implements InstantSource {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
