package io.stowage.format;

import java.nio.charset.StandardCharsets;

/**
 * How a JSON file is laid out: its line ending and its indentation (two or four spaces, a tab), so that
 * rewriting it does not turn every line into a difference in the user's version control.
 */
public record TextStyle(LineEnding lineEnding, String indent) {
    public static final TextStyle DEFAULT = new TextStyle(LineEnding.LF, "  ");

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
        return new TextStyle(LineEnding.of(bytes), indent);
    }

    /** Text written with LF, in this file's line ending. */
    public String apply(String text) {
        return lineEnding.apply(text);
    }
}
