package io.stowage.edit;

import io.stowage.model.design.Design;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The undo and redo stacks of one open design, and its current document. Not thread-safe: the UI uses it on
 * one thread.
 * <ul>
 *   <li>A no-op edit never enters history; pushing an edit clears the redo stack; an edit that
 *       {@linkplain Edit#canMergeWith can merge} with the top of history replaces it by the merged edit (and a
 *       merge that ends up changing nothing, a nudge back and forth, leaves history).</li>
 *   <li>"Unsaved" is "the top of history is not the edit that was on top at save": undoing back to the save
 *       point makes the design saved again; merging into the saved edit makes it unsaved.</li>
 *   <li>Listeners hear of every change (push, undo, redo, save). Pushing, undoing or redoing while the history
 *       is applying an edit or notifying listeners is an error: an edit pushed from inside another edit would
 *       interleave the two in history.</li>
 *   <li>With a size limit, the oldest edits are forgotten when it is exceeded.</li>
 * </ul>
 */
public final class EditHistory {
    /** No limit on the number of edits kept. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Stands for "no edit on top": the document history started with. */
    private static final Object BASE = new Object();
    /** The saved document can no longer be reached by undo or redo. */
    private static final Object UNREACHABLE = new Object();

    private final Deque<Edit> undoStack = new ArrayDeque<>();
    private final Deque<Edit> redoStack = new ArrayDeque<>();
    private final List<Consumer<? super EditHistory>> listeners = new ArrayList<>();
    private final int limit;
    private final LongSupplier clock;
    private Design current;
    private Object savedTop = BASE;
    private String busyWith;

    /** A history of the given document, saved, unlimited, on the system clock. */
    public EditHistory(Design initial) {
        this(initial, UNLIMITED, System::currentTimeMillis);
    }

    /**
     * @param initial the document as opened, taken as saved
     * @param limit   the most edits kept for undo, at least 1, or {@link #UNLIMITED}
     * @param clock   milliseconds, for stamping edits and so deciding merges
     */
    public EditHistory(Design initial, int limit, LongSupplier clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("the history limit must be at least 1, was " + limit);
        }
        this.current = Objects.requireNonNull(initial, "initial");
        this.limit = limit;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The document as the edits so far leave it. */
    public Design current() {
        return current;
    }

    /**
     * Records an edit made to the current document, stamped with the clock's time.
     *
     * @return whether history changed: false for a no-op edit
     * @throws IllegalArgumentException when the edit does not start from the current document
     * @throws IllegalStateException    when called while an edit is being applied or listeners are notified
     */
    public boolean push(Edit edit) {
        Objects.requireNonNull(edit, "edit");
        enter("push '" + edit.description() + "'");
        try {
            if (edit.isNoOp()) {
                return false;
            }
            if (edit.before() != current && !edit.before().equals(current)) {
                throw new IllegalArgumentException("'" + edit.description()
                        + "' was made to another document than the current one");
            }
            record(edit.at(clock.getAsLong()));
        } finally {
            busyWith = null;
        }
        notifyListeners();
        return true;
    }

    /**
     * Applies a change to the current document and records it as one edit. Pushing, undoing or redoing from
     * inside {@code change} is an error.
     *
     * @return whether history changed: false when the change leaves the document as it was
     */
    public boolean apply(String description, UnaryOperator<Design> change) {
        Objects.requireNonNull(description, "description");
        enter("apply '" + description + "'");
        Design after;
        try {
            after = Objects.requireNonNull(change.apply(current), "the change returned no document");
        } finally {
            busyWith = null;
        }
        return push(Edit.of(description, current, after));
    }

    private void record(Edit stamped) {
        // After an undo the top is an older edit; typing on must not fold into it.
        boolean mayMerge = redoStack.isEmpty();
        redoStack.clear();
        Edit top = undoStack.peek();
        if (mayMerge && top != null && stamped.canMergeWith(top)) {
            undoStack.pop();
            Edit merged = stamped.mergedWith(top);
            if (!merged.isNoOp()) {
                undoStack.push(merged);
            }
            current = merged.redo();
            return;
        }
        undoStack.push(stamped);
        current = stamped.redo();
        while (undoStack.size() > limit) {
            Edit forgotten = undoStack.removeLast();
            if (savedTop == forgotten) {
                savedTop = BASE;
            } else if (savedTop == BASE) {
                savedTop = UNREACHABLE;
            }
        }
    }

    /** Reverts the top edit; false when there is nothing to undo. */
    public boolean undo() {
        enter("undo");
        try {
            if (undoStack.isEmpty()) {
                return false;
            }
            Edit edit = undoStack.pop();
            current = edit.undo();
            redoStack.push(edit);
        } finally {
            busyWith = null;
        }
        notifyListeners();
        return true;
    }

    /** Does again the last undone edit; false when there is nothing to redo. */
    public boolean redo() {
        enter("redo");
        try {
            if (redoStack.isEmpty()) {
                return false;
            }
            Edit edit = redoStack.pop();
            current = edit.redo();
            undoStack.push(edit);
        } finally {
            busyWith = null;
        }
        notifyListeners();
        return true;
    }

    public boolean canUndo() {
        return !undoStack.isEmpty();
    }

    public boolean canRedo() {
        return !redoStack.isEmpty();
    }

    /** "Undo Move 3 elements", or "Undo" when there is nothing to undo. */
    public String undoDescription() {
        return undoStack.isEmpty() ? "Undo" : "Undo " + undoStack.peek().description();
    }

    /** "Redo Move 3 elements", or "Redo" when there is nothing to redo. */
    public String redoDescription() {
        return redoStack.isEmpty() ? "Redo" : "Redo " + redoStack.peek().description();
    }

    /** The edits undo would revert, most recent first. */
    public List<Edit> undoEdits() {
        return List.copyOf(undoStack);
    }

    /** The edits redo would do again, next first. */
    public List<Edit> redoEdits() {
        return List.copyOf(redoStack);
    }

    /** Takes the current document as saved; listeners hear of it when that changes {@link #isUnsaved()}. */
    public void markSaved() {
        if (savedTop != top()) {
            savedTop = top();
            notifyListeners();
        }
    }

    /** Whether the current document differs from the one last saved, as far as history tells. */
    public boolean isUnsaved() {
        return savedTop != top();
    }

    public void addListener(Consumer<? super EditHistory> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<? super EditHistory> listener) {
        listeners.remove(listener);
    }

    private Object top() {
        Edit top = undoStack.peek();
        return top == null ? BASE : top;
    }

    private void enter(String what) {
        if (busyWith != null) {
            throw new IllegalStateException("cannot " + what + " while the edit history is busy with " + busyWith
                    + ": an edit must not be pushed, undone or redone from inside another edit or from a history"
                    + " listener; make it part of the first edit (e.g. a CompositeEdit) or do it afterwards");
        }
        busyWith = what;
    }

    private void notifyListeners() {
        String outer = busyWith;
        busyWith = "notifying listeners";
        try {
            for (Consumer<? super EditHistory> listener : List.copyOf(listeners)) {
                listener.accept(this);
            }
        } finally {
            busyWith = outer;
        }
    }
}
