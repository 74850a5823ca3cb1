package io.stowage.edit;

import io.stowage.model.design.ElementId;

/**
 * What dropping a palette item somewhere gives: one undoable edit and the element it created, or the reason
 * the drop is refused, to show while dragging.
 */
public record DropOutcome(Edit edit, ElementId created, String refusal) {
    static DropOutcome accepted(Edit edit, ElementId created) {
        return new DropOutcome(edit, created, null);
    }

    static DropOutcome refused(String reason) {
        return new DropOutcome(null, null, reason);
    }

    public boolean isLegal() {
        return edit != null;
    }
}
