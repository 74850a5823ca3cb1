package io.stowage.format;

/** The line ending a text file uses; files kept on Windows often use CRLF, and a rewrite should keep it. */
public enum LineEnding {
    LF("\n"), CRLF("\r\n");

    private final String separator;

    LineEnding(String separator) {
        this.separator = separator;
    }

    /** The ending of the file's first line; LF when it has none. */
    public static LineEnding of(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i > 0 && bytes[i - 1] == '\r' ? CRLF : LF;
            }
        }
        return LF;
    }

    /** The text, written with LF, in this ending. */
    public String apply(String text) {
        return this == LF ? text : text.replace("\n", separator);
    }
}
