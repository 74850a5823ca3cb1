package io.stowage.edit;

import io.stowage.model.design.Design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Several edits done as one step: each starts from the document the one before it left. Redoing applies them
 * first to last; undoing reverts them last to first, each from the document its successor's undo left, so that
 * the result is the first edit's document before. No-op parts are dropped. A composite never merges.
 */
public final class CompositeEdit extends Edit {
    private final List<Edit> edits;

    private CompositeEdit(String description, List<Edit> edits, Design before, Design after, long timestamp) {
        super(description, before, after, null, timestamp);
        this.edits = edits;
    }

    /**
     * @throws IllegalArgumentException when there are no edits, or one does not start where the previous ended
     */
    public static CompositeEdit of(String description, List<? extends Edit> edits) {
        Objects.requireNonNull(description, "description");
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a composite edit needs at least one edit");
        }
        for (int i = 1; i < edits.size(); i++) {
            if (!edits.get(i - 1).after().equals(edits.get(i).before())) {
                throw new IllegalArgumentException("edit " + i + " ('" + edits.get(i).description()
                        + "') does not start from the document edit " + (i - 1) + " left");
            }
        }
        List<Edit> kept = edits.stream().filter(e -> !e.isNoOp()).map(Edit.class::cast).toList();
        return new CompositeEdit(description, kept, edits.get(0).before(), edits.get(edits.size() - 1).after(), 0);
    }

    /** The parts, in the order they are done. */
    public List<Edit> edits() {
        return edits;
    }

    /** The parts in the order undoing reverts them: last first. */
    public List<Edit> undoOrder() {
        List<Edit> reversed = new ArrayList<>(edits);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    /** The documents undoing passes through, one per part, ending with the composite's document before. */
    public List<Design> undoPath() {
        List<Design> path = new ArrayList<>();
        Design current = after();
        for (Edit edit : undoOrder()) {
            if (!edit.after().equals(current)) {
                throw new IllegalStateException("part '" + edit.description() + "' does not end where the next began");
            }
            current = edit.undo();
            path.add(current);
        }
        return List.copyOf(path);
    }

    /** Reverts the parts last to first. */
    @Override
    public Design undo() {
        List<Design> path = undoPath();
        return path.isEmpty() ? before() : path.get(path.size() - 1);
    }

    /** Applies the parts first to last. */
    @Override
    public Design redo() {
        Design current = before();
        for (Edit edit : edits) {
            current = edit.redo();
        }
        return current;
    }

    @Override
    public CompositeEdit at(long millis) {
        return new CompositeEdit(description(), edits, before(), after(), millis);
    }
}
