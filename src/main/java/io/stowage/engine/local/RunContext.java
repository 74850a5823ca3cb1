package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import io.stowage.model.design.Design;
import io.stowage.model.runtime.ClusterEvent;
import io.stowage.model.runtime.RuntimeListener;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the parts of one local run share: the engine, the run's single state thread (every change of task,
 * service and instance state happens on it, in order, so none needs a lock), a pool for the blocking Docker calls,
 * and the listener that hears what happens.
 */
final class RunContext {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunContext.class);

    final DockerClient docker;
    /** The design as the run runs it: the file's, and the services and tasks made through the ECS endpoint. */
    volatile Design design;
    final String designKey;
    final LocalRunOptions options;
    final RuntimeListener listener;
    final ImageService images;
    final ScheduledExecutorService loop;
    final ExecutorService workers;
    volatile boolean engineLost;
    /** Called when a Docker call fails because the engine does not answer. */
    volatile Runnable onConnectionFailure = () -> { };

    RunContext(DockerClient docker, Design design, String designKey, LocalRunOptions options, RuntimeListener listener,
               ImageService images) {
        this.docker = docker;
        this.design = design;
        this.designKey = designKey;
        this.options = options;
        this.listener = listener;
        this.images = images;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "stowage-run-" + designKey));
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "stowage-docker"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs on the state thread. */
    void onLoop(Runnable action) {
        if (!loop.isShutdown()) {
            loop.execute(guard(action));
        }
    }

    void onLoopAfter(Duration delay, Runnable action) {
        if (!loop.isShutdown()) {
            loop.schedule(guard(action), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs on the state thread every {@code period}, until the run shuts down. */
    void onLoopEvery(Duration period, Runnable action) {
        if (!loop.isShutdown()) {
            loop.scheduleWithFixedDelay(guard(action), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void onLoopAt(Instant at, Runnable action) {
        onLoopAfter(Duration.between(Instant.now(), at).plusMillis(50), action);
    }

    private Runnable guard(Runnable action) {
        return () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("internal error on the run's state thread", e);
                listener.event(new ClusterEvent(Instant.now(), null, "stowage", "internal error: " + e));
            }
        };
    }

    /**
     * Runs a blocking Docker call on a worker and hands its result, or its failure, back to the state thread. A
     * failure because the engine went away is not handed back: the run reconciles with the engine when it is back.
     */
    <T> void work(Supplier<T> call, Consumer<T> done, Consumer<RuntimeException> failed) {
        workers.execute(() -> {
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                if (DockerErrors.isConnectionFailure(e)) {
                    onConnectionFailure.run();
                    onLoop(() -> failed.accept(new EngineGoneException(e)));
                } else {
                    onLoop(() -> failed.accept(e));
                }
                return;
            }
            onLoop(() -> done.accept(result));
        });
    }

    Design design() {
        return design;
    }

    LocalRunOptions options() {
        return options;
    }

    void event(String cluster, String subject, String message) {
        listener.event(new ClusterEvent(Instant.now(), cluster, subject, message));
    }

    private static final boolean TRACE = Boolean.getBoolean("stowage.trace");

    /** A line on stderr when {@code -Dstowage.trace=true}: for finding where time goes. */
    static void trace(String what) {
        if (TRACE) {
            System.err.println(Instant.now() + " [" + Thread.currentThread().getName() + "] " + what);
        }
    }

    void shutdown() {
        loop.shutdownNow();
        workers.shutdownNow();
    }

    /** A Docker call that failed because the engine went away; its outcome is learnt by reconciling. */
    static final class EngineGoneException extends RuntimeException {
        EngineGoneException(Throwable cause) {
            super(DockerErrors.message(cause), cause);
        }
    }
}
