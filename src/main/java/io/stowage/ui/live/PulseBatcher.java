package io.stowage.ui.live;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Moves items that engine threads produce to the JavaFX thread in batches, at most one per pulse: the hand-over
 * runs at the start of the next pulse and takes everything that arrived until then. A burst of a thousand log
 * lines thus costs one layout pass, not a thousand; and a steady stream cannot queue hand-overs between pulses
 * (a list's item-count change lays the list out at once), which would starve the frames themselves.
 *
 * @param <T> what is handed over
 */
public final class PulseBatcher<T> {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Consumer<List<T>> onFxThread;
    private final AnimationTimer nextPulse = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            drain();
        }
    };

    /** @param onFxThread takes each non-empty batch, in arrival order, on the JavaFX thread */
    public PulseBatcher(Consumer<List<T>> onFxThread) {
        this.onFxThread = onFxThread;
    }

    /** Callable from any thread. */
    public void add(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(nextPulse::start);
        }
    }

    private void drain() {
        // Cleared first, so that an item added while this batch is handled schedules the next hand-over.
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            onFxThread.accept(batch);
        }
    }
}
