package io.stowage.ui.common;

/**
 * Work that must not run on the JavaFX thread: a Docker or AWS call, a file read. It reports progress, and
 * checks {@link JobProgress#cancelled()} (or is interrupted) when the user cancels.
 *
 * @param <T> its result
 */
@FunctionalInterface
public interface Job<T> {
    T run(JobProgress progress) throws Exception;
}
