package io.stowage.ui.common;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one way the desktop leaves the JavaFX thread: every background job (a Docker or AWS call, an import or
 * export, a file written or read that may block) runs here as a {@link javafx.concurrent.Task} on a pool of
 * daemon threads. Whatever a job throws, {@link Error}s included, ends it as failed: the failure is written to
 * the log with its stack trace and told to the user in words, and the next job runs. A job can be cancelled
 * in every state (queued, running, blocked in a call: its thread is interrupted); it says "cancelled" once its
 * body has really returned.
 *
 * <p>Jobs that must not overlap share a {@link Lane}: while one holds it, another asking for it is refused
 * (and the user is told why, in words) or waits its turn, as the lane says. Other jobs run side by side.
 * The status bar binds to {@link #message()}, {@link #fraction()} and {@link #running()}: they follow the
 * newest job that is not {@linkplain BackgroundTask#quiet() quiet}. Progress reports are coalesced: the window
 * sees the newest. Everything here but {@link JobProgress} is called on the JavaFX thread.
 */
public final class TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final String CANCEL_HINT = "Run › Cancel Running Action, or Cancel in the status bar";

    private final ExecutorService pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stowage-task-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    /** The jobs the status bar shows, oldest first; it shows the last. */
    private final List<Entry<?>> shown = new ArrayList<>();
    private final Map<Lane, Entry<?>> holders = new HashMap<>();
    private final Map<Lane, Deque<Entry<?>>> waiting = new HashMap<>();
    private final Map<Lane, ReadOnlyBooleanWrapper> busy = new HashMap<>();
    private BiConsumer<String, String> problems = (header, text) -> LOG.warn("{}: {}", header, text);

    /** What the status bar shows: the newest job's progress in words, or how the last one ended. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** The shown job's fraction done between 0 and 1, or negative when unknown. */
    public ReadOnlyDoubleProperty fraction() {
        return fraction.getReadOnlyProperty();
    }

    /** Whether a job the status bar shows runs (Cancel applies to the newest). */
    public ReadOnlyBooleanProperty running() {
        return running.getReadOnlyProperty();
    }

    /** Whether a job holds {@code lane} now; the actions that take it follow this. */
    public ReadOnlyBooleanProperty busy(Lane lane) {
        return busyWrapper(lane).getReadOnlyProperty();
    }

    /**
     * Where problems are told to the user: a refused job, and a failure its job has no handler of its own for.
     * The window shows them in a dialog and the status bar; until set, they only reach the log.
     */
    public void showProblemsWith(BiConsumer<String, String> show) {
        problems = Objects.requireNonNull(show);
    }

    /** A job to start with {@link BackgroundTask#start()}; {@code title} names it, e.g. "Deploying shop". */
    public <T> BackgroundTask<T> task(String title, Job<T> job) {
        return new BackgroundTask<>(title, job);
    }

    /** Cancels the newest job the status bar shows. */
    public void cancel() {
        if (!shown.isEmpty()) {
            shown.get(shown.size() - 1).cancel();
        }
    }

    /** Cancels every job, shown or quiet, queued or running (the window closes). */
    public void cancelAll() {
        List<Entry<?>> all = new ArrayList<>(holders.values());
        waiting.values().forEach(all::addAll);
        all.addAll(shown);
        all.forEach(Entry::cancel);
    }

    private ReadOnlyBooleanWrapper busyWrapper(Lane lane) {
        return busy.computeIfAbsent(lane, l -> new ReadOnlyBooleanWrapper());
    }

    /**
     * Jobs that must not overlap: one at a time holds a lane. A {@linkplain #refusing refusing} lane turns a second
     * job away while the first runs (run, deploy, import); a {@linkplain #queueing queueing} one makes it wait its
     * turn (the recovery file's writes, in order).
     */
    public static final class Lane {
        private final String what;
        private final boolean queues;

        private Lane(String what, boolean queues) {
            this.what = what;
            this.queues = queues;
        }

        /** @param what one job of it, in words: "one local-run action at a time" */
        public static Lane refusing(String what) {
            return new Lane(what, false);
        }

        public static Lane queueing(String what) {
            return new Lane(what, true);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    /** A started job, on the JavaFX thread. */
    public interface Running {
        String title();

        /** Asks it to stop: a queued job never starts, a running one is interrupted. */
        void cancel();

        /** Whether it ended (done, failed or cancelled) and its handlers ran. */
        boolean ended();

        /** Runs {@code then} on the JavaFX thread once it ended, after its own handlers (at once if it has). */
        void whenEnded(Runnable then);
    }

    /** A job being described, then {@link #start()}ed. */
    public final class BackgroundTask<T> {
        private final String title;
        private final Job<T> body;
        private Lane lane;
        private boolean quiet;
        private String refusedHeader;
        private Consumer<T> onSuccess = result -> { };
        private Consumer<Exception> onFailure;
        private Runnable onCancelled = () -> { };

        private BackgroundTask(String title, Job<T> body) {
            this.title = Objects.requireNonNull(title);
            this.body = Objects.requireNonNull(body);
        }

        /** Holds {@code lane} while it runs. */
        public BackgroundTask<T> in(Lane value) {
            lane = value;
            return this;
        }

        /** Not shown in the status bar (a log read, an autosave); its failures still reach the log and its handler. */
        public BackgroundTask<T> quiet() {
            quiet = true;
            return this;
        }

        /** The heading of the message a refusal shows, e.g. "Cannot import now". */
        public BackgroundTask<T> refusedAs(String header) {
            refusedHeader = header;
            return this;
        }

        /** Takes the result on the JavaFX thread. */
        public BackgroundTask<T> onSuccess(Consumer<T> handler) {
            onSuccess = Objects.requireNonNull(handler);
            return this;
        }

        /**
         * Takes the failure on the JavaFX thread (not a cancel); an {@link Error} comes as an
         * {@link IllegalStateException} caused by it. Without one, the failure is shown as a problem.
         */
        public BackgroundTask<T> onFailure(Consumer<Exception> handler) {
            onFailure = Objects.requireNonNull(handler);
            return this;
        }

        /** Runs on the JavaFX thread once a cancelled job's body has returned. */
        public BackgroundTask<T> onCancelled(Runnable handler) {
            onCancelled = Objects.requireNonNull(handler);
            return this;
        }

        /**
         * Starts it (or, in a queueing lane another job holds, queues it). Empty when its lane refused it: the
         * user has then been told which job holds the lane.
         */
        public Optional<Running> start() {
            Entry<T> job = new Entry<>(this);
            if (lane != null) {
                Entry<?> holder = holders.get(lane);
                if (holder != null) {
                    if (!lane.queues) {
                        String header = refusedHeader != null ? refusedHeader : "Cannot start \"" + title + "\" now";
                        problems.accept(header, "\"" + holder.title() + "\" is under way (" + lane + "). Wait until"
                                + " it has finished, or cancel it (" + CANCEL_HINT + ").");
                        LOG.info("refused \"{}\": \"{}\" holds {}", title, holder.title(), lane);
                        return Optional.empty();
                    }
                    waiting.computeIfAbsent(lane, l -> new ArrayDeque<>()).add(job);
                    return Optional.of(job);
                }
                holders.put(lane, job);
                busyWrapper(lane).set(true);
            }
            job.launch();
            return Optional.of(job);
        }
    }

    private enum Outcome { DONE, FAILED, CANCELLED }

    /** One job: its JavaFX task, the lane it holds, how it ended. Fields are read and written on the JavaFX thread. */
    private final class Entry<T> implements Running, JobProgress {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int SETTLED = 2;
        private final BackgroundTask<T> spec;
        /** QUEUED until the body starts or a cancel settles it first; only one of the two wins. */
        private final AtomicInteger phase = new AtomicInteger(QUEUED);
        private final List<Runnable> afterwards = new ArrayList<>();
        private final FxTask task;
        private volatile boolean cancelRequested;
        private boolean ended;

        Entry(BackgroundTask<T> spec) {
            this.spec = spec;
            this.task = new FxTask();
            task.messageProperty().addListener((obs, was, now) -> showProgress());
            task.progressProperty().addListener((obs, was, now) -> showProgress());
        }

        /** The JavaFX task the body runs in; its progress reaches the JavaFX thread coalesced. */
        private final class FxTask extends Task<T> {
            @Override
            protected T call() throws Exception {
                if (!phase.compareAndSet(QUEUED, RUNNING)) {
                    return null; // cancelled before it began: the cancel ended it
                }
                T result = null;
                Throwable thrown = null;
                try {
                    result = spec.body.run(Entry.this);
                } catch (Throwable anything) {
                    thrown = anything;
                }
                T value = result;
                Throwable failure = thrown;
                Platform.runLater(() -> settle(value, failure));
                return value;
            }

            void report(String text, double done) {
                updateProgress(done < 0 ? -1 : Math.min(done, 1), 1);
                updateMessage(text);
            }
        }

        void launch() {
            if (!spec.quiet) {
                shown.add(this);
                running.set(true);
                message.set(spec.title + "…");
                fraction.set(-1);
            }
            pool.execute(task);
        }

        @Override
        public String title() {
            return spec.title;
        }

        @Override
        public void report(String text, double done) {
            if (!cancelled()) {
                task.report(text, done);
            }
        }

        @Override
        public boolean cancelled() {
            return cancelRequested || Thread.currentThread().isInterrupted();
        }

        @Override
        public void cancel() {
            if (ended || cancelRequested) {
                return;
            }
            cancelRequested = true;
            Deque<Entry<?>> queue = spec.lane == null ? null : waiting.get(spec.lane);
            if (queue != null && queue.remove(this)) {
                finish(Outcome.CANCELLED, null, null);
                return;
            }
            if (isShownNow()) {
                message.set(spec.title + ": cancelling…");
            }
            if (phase.compareAndSet(QUEUED, SETTLED)) {
                task.cancel(false); // it never began: nothing to wait for
                finish(Outcome.CANCELLED, null, null);
                return;
            }
            task.cancel(true); // interrupts the body; it settles once it returns
        }

        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public void whenEnded(Runnable then) {
            if (ended) {
                then.run();
            } else {
                afterwards.add(then);
            }
        }

        private boolean isShownNow() {
            return !shown.isEmpty() && shown.get(shown.size() - 1) == this;
        }

        private void showProgress() {
            if (isShownNow() && !cancelRequested) {
                message.set(task.getMessage());
                fraction.set(task.getProgress());
            }
        }

        private void settle(T result, Throwable thrown) {
            phase.set(SETTLED);
            if (cancelRequested) {
                if (thrown != null && !(thrown instanceof InterruptedException) && !(thrown instanceof CancellationException)) {
                    LOG.debug("\"{}\" ended with this after it was cancelled", spec.title, thrown);
                }
                finish(Outcome.CANCELLED, null, null);
            } else if (thrown instanceof InterruptedException || thrown instanceof CancellationException) {
                finish(Outcome.CANCELLED, null, null);
            } else if (thrown != null) {
                Exception failure;
                if (thrown instanceof Exception exception) {
                    LOG.warn("\"{}\" failed", spec.title, exception);
                    failure = exception;
                } else {
                    // An Error (a missing class, no memory left) ends the job too, in words, and the next one runs.
                    LOG.error("\"{}\" failed with an internal error", spec.title, thrown);
                    failure = new IllegalStateException("internal error: " + InternalErrors.message(thrown), thrown);
                }
                finish(Outcome.FAILED, null, failure);
            } else {
                finish(Outcome.DONE, result, null);
            }
        }

        private void finish(Outcome outcome, T result, Exception failure) {
            ended = true;
            boolean wasShownNow = isShownNow();
            if (shown.remove(this)) {
                if (shown.isEmpty()) {
                    running.set(false);
                    fraction.set(-1);
                    message.set(spec.title + ": " + switch (outcome) {
                        case DONE -> "done";
                        case FAILED -> "failed";
                        case CANCELLED -> "cancelled";
                    });
                } else if (wasShownNow) {
                    Entry<?> next = shown.get(shown.size() - 1);
                    message.set(next.cancelRequested ? next.spec.title + ": cancelling…"
                            : Objects.requireNonNullElse(next.task.getMessage(), next.spec.title + "…"));
                    fraction.set(next.task.getProgress());
                }
            }
            Lane lane = spec.lane;
            if (lane != null && holders.get(lane) == this) {
                holders.remove(lane);
                busyWrapper(lane).set(false);
            }
            try {
                switch (outcome) {
                    case DONE -> spec.onSuccess.accept(result);
                    case FAILED -> {
                        if (spec.onFailure != null) {
                            spec.onFailure.accept(failure);
                        } else {
                            problems.accept(spec.title + " failed", describe(failure));
                        }
                    }
                    case CANCELLED -> spec.onCancelled.run();
                }
            } finally {
                List<Runnable> then = List.copyOf(afterwards);
                afterwards.clear();
                try {
                    then.forEach(Runnable::run);
                } finally {
                    startNextIn(lane);
                }
            }
        }
    }

    private void startNextIn(Lane lane) {
        if (lane == null || holders.containsKey(lane)) {
            return;
        }
        Deque<Entry<?>> queue = waiting.get(lane);
        Entry<?> next = queue == null ? null : queue.poll();
        if (next != null) {
            holders.put(lane, next);
            busyWrapper(lane).set(true);
            next.launch();
        }
    }

    /** A failure in words: its message, or what it is when it has none. */
    public static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
