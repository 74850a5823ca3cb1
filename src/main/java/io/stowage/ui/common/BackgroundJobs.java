package io.stowage.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs {@link Job}s off the JavaFX thread, one at a time, and shows the current one's progress through
 * properties the status bar binds to; {@link #cancel()} asks it to stop and interrupts it. Results and
 * failures come back on the JavaFX thread. Progress reports are coalesced: the window sees the newest.
 */
public final class BackgroundJobs {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackgroundJobs.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stowage-job");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final AtomicReference<Running> current = new AtomicReference<>();

    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty fraction() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /**
     * Starts a job (on the JavaFX thread). It is refused, with false, while another runs: the window offers one
     * long action at a time (run, deploy, import), and its buttons follow {@link #running()}.
     *
     * @param title     what it is, e.g. "Deploying to ECS"
     * @param onSuccess takes the result on the JavaFX thread
     * @param onFailure takes the failure on the JavaFX thread (not for a cancel)
     */
    public <T> boolean start(String title, Job<T> job, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        if (running.get()) {
            return false;
        }
        Running state = new Running(title);
        current.set(state);
        running.set(true);
        message.set(title + "…");
        fraction.set(-1);
        state.future = worker.submit(() -> {
            try {
                T result = job.run(state);
                if (state.cancel.get()) {
                    throw new CancellationException(title + " cancelled");
                }
                Platform.runLater(() -> finish(state, title + ": done", () -> onSuccess.accept(result)));
            } catch (InterruptedException | CancellationException stopped) {
                Platform.runLater(() -> finish(state, title + ": cancelled", () -> { }));
            } catch (Exception failure) {
                LOG.warn("{} failed", title, failure);
                Platform.runLater(() -> finish(state, title + ": failed", () -> onFailure.accept(failure)));
            } catch (Error error) {
                // An Error (a missing class, no memory left) must end the job too: left uncaught it would vanish
                // inside the Future and the window would stay "running" for good, refusing every later job.
                LOG.error("{} failed with an internal error", title, error);
                Exception failure = new IllegalStateException("internal error: " + error, error);
                Platform.runLater(() -> finish(state, title + ": failed", () -> onFailure.accept(failure)));
            }
            return null;
        });
        return true;
    }

    /** Asks the current job to stop; it says "cancelled" once it did. */
    public void cancel() {
        Running state = current.get();
        if (state != null) {
            state.cancel.set(true);
            message.set(state.title + ": cancelling…");
            if (state.future != null) {
                state.future.cancel(true);
            }
        }
    }

    private void finish(Running state, String text, Runnable then) {
        if (current.compareAndSet(state, null)) {
            running.set(false);
            message.set(text);
            fraction.set(-1);
        }
        then.run();
    }

    private final class Running implements JobProgress {
        final String title;
        final AtomicBoolean cancel = new AtomicBoolean();
        final AtomicReference<String[]> latest = new AtomicReference<>();
        volatile Future<?> future;
        volatile double latestFraction;

        Running(String title) {
            this.title = title;
        }

        @Override
        public void report(String text, double done) {
            latestFraction = done;
            if (latest.getAndSet(new String[] {text}) == null) {
                Platform.runLater(() -> {
                    String[] shown = latest.getAndSet(null);
                    if (shown != null && current.get() == this && !cancel.get()) {
                        message.set(shown[0]);
                        fraction.set(latestFraction);
                    }
                });
            }
        }

        @Override
        public boolean cancelled() {
            return cancel.get() || Thread.currentThread().isInterrupted();
        }
    }
}
