package io.stowage.ui.common;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementResult;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.TaskDefinitionValidator;
import io.stowage.model.rules.ValidationContext;
import io.stowage.model.rules.design.DesignValidator;
import io.stowage.model.rules.design.PlacementFindings;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one window derives from its design, computed once per document state (revision): where the scheduler puts
 * every task (the canvas's capacity bars, chips and pending tasks, and the placement explanation) and every finding
 * (the problems panel and the inspector), with a warning for each service or task the scheduler cannot place, from
 * that same placement, so the two always agree. The design is immutable, so the last result is reused while the
 * document is the same. An edit replaces only the task definitions it changes, so the findings of the others (the
 * same objects) are remembered rather than checked again: on a design of hundreds of task definitions an edit
 * costs one. Each window holds its own (in {@link WindowState}): two windows never share or evict each other's.
 */
public final class DesignAnalysis {
    /** The seed of the random strategy on the canvas, so the same design always looks the same. */
    public static final long SEED = 0;

    private record Checked(ValidationContext context, List<Finding> findings) {
    }

    private Design placed;
    private PlacementResult placement;
    private Design validated;
    private List<Finding> findings = List.of();
    private Map<TaskDefinition, Checked> checked = new IdentityHashMap<>();

    /** Where the scheduler puts every task of the design. */
    public synchronized PlacementResult placement(Design design) {
        if (design != placed) {
            placement = PlacementEngine.place(design, SEED);
            placed = design;
        }
        return placement;
    }

    /** Every finding of the design: its rules, and the tasks its placement leaves pending. */
    public synchronized List<Finding> findings(Design design) {
        if (design != validated) {
            Map<TaskDefinition, Checked> next = new IdentityHashMap<>();
            List<Finding> found = new java.util.ArrayList<>(DesignValidator.validate(design, (td, context) -> {
                Checked before = checked.get(td);
                Checked now = before != null && before.context().equals(context) ? before
                        : new Checked(context, TaskDefinitionValidator.validate(td, context));
                next.put(td, now);
                return now.findings();
            }));
            found.addAll(PlacementFindings.of(design, placement(design)));
            findings = List.copyOf(found);
            checked = next;
            validated = design;
        }
        return findings;
    }
}
