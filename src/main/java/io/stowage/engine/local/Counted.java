package io.stowage.engine.local;

/** "1 container", "2 containers": counts in the words a user reads. */
public final class Counted {
    private Counted() {
    }

    /** {@code count} and the noun, in the plural unless it is one ({@code noun} is the singular, plural by -s). */
    public static String of(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
