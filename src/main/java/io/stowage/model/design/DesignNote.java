package io.stowage.model.design;

import java.util.Objects;

/**
 * Something Stowage assumed or could not satisfy while building a design, for the user to check.
 *
 * @param about   the element it concerns, or null for the whole design
 * @param message a sentence naming what was assumed and why
 */
public record DesignNote(ElementId about, String message) {
    public DesignNote {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return about == null ? message : about + ": " + message;
    }
}
