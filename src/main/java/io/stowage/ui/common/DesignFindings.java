package io.stowage.ui.common;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.TaskDefinitionValidator;
import io.stowage.model.rules.ValidationContext;
import io.stowage.model.rules.design.DesignValidator;
import io.stowage.model.rules.design.PlacementFindings;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every finding of a design, validated once per document state (with a warning for each service or task whose
 * tasks the scheduler cannot place, from {@link DesignPlacement}, the placement the canvas draws): the problems panel and the inspector both
 * follow each edit, and the design is immutable, so the last result is reused while the document is the same.
 * An edit replaces only the task definitions it changes, so the findings of the others (the same objects) are
 * remembered rather than checked again: on a design of hundreds of task definitions an edit costs one.
 */
public final class DesignFindings {
    private record Checked(ValidationContext context, List<Finding> findings) {
    }

    private static Design lastDesign;
    private static List<Finding> lastFindings = List.of();
    private static Map<TaskDefinition, Checked> checked = new IdentityHashMap<>();

    private DesignFindings() {
    }

    public static synchronized List<Finding> of(Design design) {
        if (design != lastDesign) {
            Map<TaskDefinition, Checked> next = new IdentityHashMap<>();
            List<Finding> found = new java.util.ArrayList<>(DesignValidator.validate(design, (td, context) -> {
                Checked before = checked.get(td);
                Checked now = before != null && before.context().equals(context) ? before
                        : new Checked(context, TaskDefinitionValidator.validate(td, context));
                next.put(td, now);
                return now.findings();
            }));
            // Tasks the canvas shows pending are problems too: the same placement, so both always agree.
            found.addAll(PlacementFindings.of(design, DesignPlacement.of(design)));
            lastFindings = List.copyOf(found);
            checked = next;
            lastDesign = design;
        }
        return lastFindings;
    }
}
