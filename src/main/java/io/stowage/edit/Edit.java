package io.stowage.edit;

import io.stowage.model.design.Design;

import java.util.Objects;
import java.util.Optional;

/**
 * One undoable change of a {@link Design}: the document before and after, a description for menus ("Move 3
 * elements", "Change memory") and, for changes that repeat quickly (arrow-key nudges, typing in one field), a
 * merge key so that a run of them becomes one step of history. The model is immutable, so undoing is returning
 * {@link #before()} and redoing is returning {@link #after()}; no edit ever mutates a document.
 * <p>
 * The timestamp is when the edit entered history; {@link EditHistory#push} stamps it from its clock.
 */
public sealed class Edit permits CompositeEdit {
    /** Two edits of one merge key merge when the later one comes at most this long after the earlier. */
    public static final long MERGE_WINDOW_MILLIS = 1000;

    private final String description;
    private final Design before;
    private final Design after;
    private final String mergeKey;
    private final long timestamp;

    Edit(String description, Design before, Design after, String mergeKey, long timestamp) {
        this.description = Objects.requireNonNull(description, "description");
        this.before = Objects.requireNonNull(before, "before");
        this.after = Objects.requireNonNull(after, "after");
        this.mergeKey = mergeKey;
        this.timestamp = timestamp;
    }

    /** An edit that never merges. */
    public static Edit of(String description, Design before, Design after) {
        return new Edit(description, before, after, null, 0);
    }

    /** An edit that merges with the previous one of the same key when it comes within the merge window. */
    public static Edit merging(String description, Design before, Design after, String mergeKey) {
        return new Edit(description, before, after, Objects.requireNonNull(mergeKey, "mergeKey"), 0);
    }

    public String description() {
        return description;
    }

    public Design before() {
        return before;
    }

    public Design after() {
        return after;
    }

    public Optional<String> mergeKey() {
        return Optional.ofNullable(mergeKey);
    }

    /** When the edit entered history, in milliseconds of the history's clock; 0 until then. */
    public long timestamp() {
        return timestamp;
    }

    /** The same change as one edit that never merges (a move by keys that should stay its own step). */
    public Edit unmerged() {
        return of(description(), before(), after());
    }

    /** Whether the edit changes nothing; such an edit never enters history. */
    public boolean isNoOp() {
        return before.equals(after);
    }

    /** The document undoing this edit leaves. */
    public Design undo() {
        return before;
    }

    /** The document (re)doing this edit leaves. */
    public Design redo() {
        return after;
    }

    /** This edit stamped with another time. */
    public Edit at(long millis) {
        return new Edit(description, before, after, mergeKey, millis);
    }

    /**
     * Whether this edit, coming after {@code previous}, folds into it: both have the same merge key, this one
     * starts from the document the previous one left, and it comes no more than {@link #MERGE_WINDOW_MILLIS}
     * after it (and not before it).
     */
    public boolean canMergeWith(Edit previous) {
        if (previous == null || mergeKey == null || !mergeKey.equals(previous.mergeKey)) {
            return false;
        }
        long gap = timestamp - previous.timestamp;
        return gap >= 0 && gap <= MERGE_WINDOW_MILLIS && previous.after.equals(before);
    }

    /**
     * One edit doing both: from the previous edit's document before to this one's after, with this edit's
     * description, key and time, so that a steady run of nudges keeps merging.
     *
     * @throws IllegalArgumentException when {@link #canMergeWith} says no
     */
    public Edit mergedWith(Edit previous) {
        if (!canMergeWith(previous)) {
            throw new IllegalArgumentException("'" + description + "' cannot merge with '"
                    + (previous == null ? null : previous.description) + "'");
        }
        return new Edit(description, previous.before, after, mergeKey, timestamp);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + description + (mergeKey == null ? "" : ", key " + mergeKey)
                + ", at " + timestamp + "]";
    }
}
