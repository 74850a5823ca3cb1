package io.stowage.engine.local;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Logs being streamed from one or more containers; close to stop following. */
public final class LogStream implements AutoCloseable {
    private final List<Closeable> streams;
    private final List<ResultCallback.Adapter<Frame>> callbacks;

    LogStream(List<Closeable> streams, List<ResultCallback.Adapter<Frame>> callbacks) {
        this.streams = List.copyOf(streams);
        this.callbacks = List.copyOf(callbacks);
    }

    /** Waits until every stream ended (without follow: all lines were read). */
    public void await() throws InterruptedException {
        for (var c : callbacks) {
            c.awaitCompletion();
        }
    }

    @Override
    public void close() {
        for (Closeable c : streams) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // Already ended.
            }
        }
    }
}
