package io.stowage.engine.local;

import io.stowage.engine.watch.RuntimeStore;
import io.stowage.model.runtime.RuntimeListener;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a run's {@link RunRecord} up to date: every change the run reports schedules one write of the whole
 * state, at most one per {@link #DELAY}, on its own thread (the run's state thread never waits for a disk);
 * {@link #close} writes the last state before the run lets go.
 */
final class RunRecorder implements RuntimeListener, AutoCloseable {
    static final long DELAY = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private final String designKey;
    private final RuntimeStore store;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stowage-run-record");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean due = new AtomicBoolean();
    private volatile boolean warned;

    RunRecorder(String designKey, RuntimeStore store) {
        this.designKey = designKey;
        this.store = store;
    }

    @Override
    public void taskChanged(TaskState task) {
        schedule();
    }

    @Override
    public void serviceChanged(ServiceState service) {
        schedule();
    }

    private void schedule() {
        if (due.compareAndSet(false, true)) {
            try {
                writer.schedule(this::write, DELAY, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                due.set(false);
            }
        }
    }

    private synchronized void write() {
        due.set(false);
        var snapshot = store.snapshot();
        RunRecord record = new RunRecord(designKey, ProcessHandle.current().pid(), Instant.now(),
                snapshot.taskList(), new ArrayList<>(snapshot.services().values()));
        try {
            record.write();
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("the run's record cannot be written to {}: {}", RunRecord.file(designKey), e.toString());
            }
        }
    }

    /** Writes the state now, so that a {@code ps} right after reads it (the agent, before it says a run started). */
    void flush() {
        write();
    }

    /** Writes the last state and stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write();
    }
}
