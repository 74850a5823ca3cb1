package io.stowage.model.placement;

/** A cluster query expression that does not parse; {@link #position()} is the 0-based offset of the problem. */
public final class ClusterQueryException extends IllegalArgumentException {
    private final String expression;
    private final int position;
    private final String detail;

    public ClusterQueryException(String expression, int position, String detail) {
        super("at position " + position + " of \"" + expression + "\": " + detail);
        this.expression = expression;
        this.position = position;
        this.detail = detail;
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }

    public String detail() {
        return detail;
    }
}
