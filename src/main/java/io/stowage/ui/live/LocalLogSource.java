package io.stowage.ui.live;

import io.stowage.engine.local.LocalEngine;
import io.stowage.engine.local.LogStream;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.LogLine;
import io.stowage.model.runtime.LogSource;
import io.stowage.model.runtime.TaskState;

import java.util.function.Consumer;

/** The lines a local run's containers print, read from Docker (they stay readable until the run is removed). */
final class LocalLogSource implements LogSource {
    private final LocalEngine engine;
    private final String designKey;

    LocalLogSource(LocalEngine engine, String designKey) {
        this.engine = engine;
        this.designKey = designKey;
    }

    @Override
    public AutoCloseable lines(TaskState task, String container, int tail, boolean follow, Consumer<LogLine> sink) {
        ContainerState state = task.container(container)
                .orElseThrow(() -> new IllegalStateException("task " + task.shortId() + " has no container " + container));
        if (state.runtimeId() == null) {
            throw new IllegalStateException(container + " of task " + task.shortId() + " was never created");
        }
        LogStream stream = engine.logs(designKey, state.runtimeId(), tail, follow,
                line -> sink.accept(new LogLine(null, false, line)));
        if (!follow) {
            try {
                stream.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return stream;
    }
}
