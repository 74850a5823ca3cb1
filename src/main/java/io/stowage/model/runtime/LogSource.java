package io.stowage.model.runtime;

import java.util.function.Consumer;

/**
 * Where the lines a task's containers print can be read: Docker locally, CloudWatch Logs on ECS for containers
 * that log with {@code awslogs}. Implementations call the sink from their own thread.
 */
public interface LogSource {

    /**
     * Reads a container's lines: the last {@code tail} ones (all when negative), then, when {@code follow}, each
     * new one until the returned handle is closed or the container's log ends. Without {@code follow} it returns
     * once every line was delivered; with it, it returns at once and delivers from its own thread.
     *
     * @return closing it stops the stream; it never throws
     * @throws IllegalStateException with words a user can act on when the logs cannot be read
     */
    AutoCloseable lines(TaskState task, String container, int tail, boolean follow, Consumer<LogLine> sink);

    /** A source with no logs, for runs whose engine keeps none. */
    LogSource NONE = (task, container, tail, follow, sink) -> () -> {
    };
}
