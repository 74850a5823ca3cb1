package io.stowage.bench;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import io.stowage.ui.live.LiveArea;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Frame times of the live view while 1,000 log lines a second stream into the log panel and 200 tasks change
 * state ten times a second (target of the live-view issue: no frame over 50 ms). Frames are measured as the
 * time between two pulses of the JavaFX thread (an AnimationTimer), so anything that blocks the thread shows.
 * Headless (Monocle, software rendering), as the tests run.
 *
 * <pre>mvn -Pbench test-compile exec:exec -Dbench.main=io.stowage.bench.LiveViewBench</pre>
 */
public final class LiveViewBench {
    static final int SECONDS = 10;
    static final int LINES_PER_SECOND = Integer.getInteger("bench.lines", 1000);
    static final int TASKS = Integer.getInteger("bench.tasks", 200);

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        LiveArea[] live = new LiveArea[1];
        List<Long> frames = Collections.synchronizedList(new ArrayList<>());
        AnimationTimer timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    frames.add(now - last);
                }
                last = now;
            }
        };
        AtomicBoolean streaming = new AtomicBoolean(true);
        LogSource firehose = (task, container, tail, follow, sink) -> {
            Thread writer = new Thread(() -> {
                long start = System.nanoTime();
                long sent = 0;
                while (streaming.get()) {
                    long due = (System.nanoTime() - start) * LINES_PER_SECOND / 1_000_000_000L;
                    for (; sent < due; sent++) {
                        sink.accept(new LogLine(Instant.now(), false, "GET /api/orders/" + sent + " 200 3ms"));
                    }
                    sleepMillis(1);
                }
            }, "firehose");
            writer.start();
            return () -> streaming.set(false);
        };
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            live[0] = new LiveArea();
            live[0].useLogSource(() -> firehose);
            TabPane tabs = new TabPane();
            tabs.getTabs().setAll(live[0].tabs());
            Stage stage = new Stage();
            stage.setScene(new Scene(tabs, 1200, 500));
            stage.show();
            live[0].openLog(task(0, TaskStatus.RUNNING), "app");
            timer.start();
            shown.countDown();
        });
        shown.await();

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        int round = 0;
        while (System.nanoTime() < end) {
            TaskStatus status = round % 2 == 0 ? TaskStatus.PENDING : TaskStatus.RUNNING;
            for (int i = 0; i < TASKS; i++) {
                live[0].listener().taskChanged(task(i, status));
            }
            live[0].listener().event(new ClusterEvent(Instant.now(), "default", "round " + round, status.name()));
            round++;
            sleepMillis(100);
        }
        streaming.set(false);
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(() -> {
            timer.stop();
            stopped.countDown();
        });
        stopped.await();

        List<Long> sorted = new ArrayList<>(frames);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        System.out.printf("live view, %d s: %d log lines/s and %d task updates/s: %d frames, mean %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", SECONDS, LINES_PER_SECOND, TASKS * 10, sorted.size(), mean,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
        Platform.exit();
    }

    private static TaskState task(int i, TaskStatus status) {
        String id = String.format("%032x", i);
        return new TaskState("arn:aws:ecs:local:000000000000:task/default/" + id, "default", "service:svc" + i % 10,
                "svc" + i % 10 + ":1", null, "i-" + i % 20, "us-east-1a", "EC2", status, TaskStatus.RUNNING, null,
                null, null, Instant.now(), null, null, List.of(new ContainerState("app", "c" + id, "busybox",
                status == TaskStatus.RUNNING ? ContainerStatus.RUNNING : ContainerStatus.PENDING, null, null, null,
                true, List.of(), null, null)));
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
