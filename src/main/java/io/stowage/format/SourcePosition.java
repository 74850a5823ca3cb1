package io.stowage.format;

/** A 1-based line and column in a text file. */
public record SourcePosition(int line, int column) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
