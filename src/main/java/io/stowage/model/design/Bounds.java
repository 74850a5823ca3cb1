package io.stowage.model.design;

/**
 * Where an element sits on the canvas, in canvas units (pixels at 100 % zoom), absolute (not relative to the
 * enclosing element), so that hit tests and overlap checks need no parent chain.
 */
public record Bounds(double x, double y, double width, double height) {
    public Bounds {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("bounds must be finite numbers");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must not be negative");
        }
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public Bounds movedTo(double newX, double newY) {
        return new Bounds(newX, newY, width, height);
    }

    public Bounds resizedTo(double newWidth, double newHeight) {
        return new Bounds(x, y, newWidth, newHeight);
    }

    /** Whether the two share any area; touching edges do not count. */
    public boolean overlaps(Bounds other) {
        return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
    }

    public boolean contains(Bounds other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }
}
