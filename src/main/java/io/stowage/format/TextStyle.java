package io.stowage.format;

import java.nio.charset.StandardCharsets;

/**
 * How a JSON file is laid out: its line ending, its indentation (two or four spaces, a tab) and whether it starts
 * with a UTF-8 byte order mark (as Windows editors write), so that rewriting it does not turn every line into a
 * difference in the user's version control, nor drop the mark the user's tools may look for.
 */
public record TextStyle(LineEnding lineEnding, String indent, boolean byteOrderMark) {
    public static final TextStyle DEFAULT = new TextStyle(LineEnding.LF, "  ", false);

    public TextStyle(LineEnding lineEnding, String indent) {
        this(lineEnding, indent, false);
    }

    /** Whether the bytes start with the UTF-8 byte order mark (EF BB BF). */
    public static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    /** The same layout, with or without the byte order mark. */
    public TextStyle withByteOrderMark(boolean value) {
        return new TextStyle(lineEnding, indent, value);
    }

    /** The style of the text: its first line ending, and the indentation of its first indented line. */
    public static TextStyle of(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String indent = DEFAULT.indent();
        for (String line : text.split("\r?\n")) {
            int i = 0;
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i > 0 && i < line.length()) {
                indent = line.charAt(0) == '\t' ? "\t" : " ".repeat(Math.min(i, 8));
                break;
            }
        }
        return new TextStyle(LineEnding.of(bytes), indent, hasByteOrderMark(bytes));
    }

    /** Text written with LF, in this file's line ending, after the byte order mark when the file had one. */
    public String apply(String text) {
        String laidOut = lineEnding.apply(text);
        return byteOrderMark && !laidOut.startsWith("\uFEFF") ? "\uFEFF" + laidOut : laidOut;
    }
}
