package io.stowage.model.deploy;

/**
 * What an apply reports while it runs, from the thread that runs it. A UI adapter moves the calls to its own
 * thread; the command line prints them.
 */
public interface ApplyListener {

    /** A change is about to be made; {@code index} counts from 1 to {@code total}. */
    default void started(PlannedChange change, int index, int total) {
    }

    /** Something worth showing while a change is under way, e.g. waiting for instances to register. */
    default void progress(PlannedChange change, String message) {
    }

    /** The change was made; {@code outcome} says what came of it, e.g. the new revision's ARN. */
    default void finished(PlannedChange change, String outcome) {
    }

    /** The change failed; the apply stops after it. */
    default void failed(PlannedChange change, String reason) {
    }

    ApplyListener NONE = new ApplyListener() {
    };
}
