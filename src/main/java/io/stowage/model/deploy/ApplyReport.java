package io.stowage.model.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * What an apply did: the changes made, the one that failed (with ECS's words) or the point it was cancelled at,
 * and the changes not made. Applying the same design again makes only what was not made.
 *
 * @param done      changes made, each with its outcome, in order
 * @param failed    the change that failed, or null
 * @param failure   why it failed, or null
 * @param cancelled whether the apply was cancelled before it finished
 * @param notDone   changes not made (the failed one included)
 */
public record ApplyReport(List<Done> done, PlannedChange failed, String failure, boolean cancelled,
                          List<PlannedChange> notDone) {
    public ApplyReport {
        done = List.copyOf(done);
        notDone = List.copyOf(notDone);
    }

    /** A change that was made. */
    public record Done(PlannedChange change, String outcome) {
    }

    public boolean succeeded() {
        return failed == null && !cancelled;
    }

    /** The account a user reads: what was done, what failed and why, what was not done, and what to do next. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Done d : done) {
            out.add("done: " + d.change().summary() + (d.outcome() == null || d.outcome().isEmpty() ? ""
                    : " (" + d.outcome() + ")"));
        }
        if (failed != null) {
            out.add("FAILED: " + failed.summary() + ": " + failure);
        } else if (cancelled) {
            out.add("cancelled");
        }
        for (PlannedChange c : notDone) {
            if (c != failed) {
                out.add("not done: " + c.summary());
            }
        }
        if (succeeded()) {
            out.add("Apply complete: " + done.size() + " change" + (done.size() == 1 ? "" : "s") + " made");
        } else {
            out.add("Apply stopped: " + done.size() + " made, " + notDone.size() + " not made; apply again to"
                    + " make the rest" + (failed != null ? " once the cause is fixed" : ""));
        }
        return out;
    }
}
