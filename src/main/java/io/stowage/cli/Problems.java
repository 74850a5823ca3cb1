package io.stowage.cli;

import io.stowage.format.FileWriteException;
import io.stowage.format.SourcePosition;
import io.stowage.format.UnreadableFileException;

/** The one line a user reads when a file cannot be used: {@code FILE: error: line L, column C: what was expected}. */
final class Problems {
    private Problems() {
    }

    static String line(UnreadableFileException e) {
        SourcePosition at = e.position();
        String where = at == null ? "" : at + ": ";
        return e.file() + ": error: " + where + e.detail();
    }

    /** {@code FILE: error: cannot write: why; what became of the file}, for a write to {@code file} that failed. */
    static String writeLine(java.nio.file.Path file, java.io.IOException e) {
        if (e instanceof FileWriteException failed) {
            return failed.file() + ": error: cannot write: " + failed.reason() + "; " + failed.outcome();
        }
        return file + ": error: cannot write: " + FileWriteException.reason(e);
    }
}
