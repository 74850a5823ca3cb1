package io.stowage.cli;

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
}
