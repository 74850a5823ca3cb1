package io.stowage.format;

import java.nio.file.Path;

/**
 * A file that cannot be read as what it should be: not found, not text, not JSON, or the wrong shape. The
 * message is meant for the user as it is: it names the file, the position or JSON path, and what was expected.
 */
public class UnreadableFileException extends Exception {
    private final transient Path file;
    private final SourcePosition position;
    private final String detail;

    public UnreadableFileException(Path file, SourcePosition position, String detail) {
        super(describe(file, position, detail));
        this.file = file;
        this.position = position;
        this.detail = detail;
    }

    public Path file() {
        return file;
    }

    /** Where in the file, or null when the problem is the whole file. */
    public SourcePosition position() {
        return position;
    }

    /** What is wrong, without the file name. */
    public String detail() {
        return detail;
    }

    private static String describe(Path file, SourcePosition position, String detail) {
        String name = file == null ? "<input>" : file.toString();
        return position == null ? name + ": " + detail : name + ":" + position.line() + ":" + position.column() + ": " + detail;
    }
}
