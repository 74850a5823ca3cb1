package io.stowage.model.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything deploying a design would do, in the order it would do it, and what is already as designed.
 * Deploying creates and updates; it deletes only with {@code --prune}, and then only services and standalone tasks
 * this design made (by their {@value DeployPlanner#DESIGN_TAG} tag) that it no longer has ({@link PrunePlanner}).
 *
 * @param changes every planned change, unchanged and blocked ones included, in apply order
 * @param notes    things the user should know that are not changes (e.g. services ECS has that the design lacks)
 * @param warnings what the simulation says a planned rolling update would do when it would not complete: stall
 *                 (with ECS's reason) or trip the deployment circuit breaker ({@link RolloutCheck}); not a reason
 *                 to refuse, as ECS would accept the update
 */
public record DeployPlan(List<PlannedChange> changes, List<String> notes, List<String> warnings) {
    public DeployPlan {
        List<PlannedChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparingInt(c -> c.kind().phase()));
        changes = List.copyOf(sorted);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** A plan with no rollout warnings. */
    public DeployPlan(List<PlannedChange> changes, List<String> notes) {
        this(changes, notes, List.of());
    }

    /** The changes that call the API, in apply order. */
    public List<PlannedChange> toApply() {
        return changes.stream().filter(PlannedChange::isChange).toList();
    }

    public List<PlannedChange> blocked() {
        return changes.stream().filter(c -> c.action() == PlannedChange.Action.BLOCKED).toList();
    }

    public long count(PlannedChange.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public boolean hasChanges() {
        return !toApply().isEmpty();
    }

    /**
     * {@code Plan: 3 to create, 1 to update, 0 unchanged}, with {@code 2 to delete, } before the unchanged count
     * when pruning deletes any, and the blocked count when there are any.
     */
    public String summaryLine() {
        long blocked = count(PlannedChange.Action.BLOCKED);
        long deleted = count(PlannedChange.Action.DELETE);
        return "Plan: " + count(PlannedChange.Action.CREATE) + " to create, " + count(PlannedChange.Action.UPDATE)
                + " to update, " + (deleted == 0 ? "" : deleted + " to delete, ")
                + count(PlannedChange.Action.UNCHANGED) + " unchanged" + (blocked == 0 ? "" : ", " + blocked + " blocked");
    }
}
