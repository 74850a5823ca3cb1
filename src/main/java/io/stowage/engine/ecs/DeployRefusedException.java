package io.stowage.engine.ecs;

import java.util.List;

/**
 * A design that cannot be deployed as it is: validation errors (placeholders included), requests ECS would
 * refuse for their shape, or planned changes that cannot be made. Every reason is listed, not just the first.
 */
public class DeployRefusedException extends RuntimeException {
    private final List<String> reasons;

    public DeployRefusedException(String summary, List<String> reasons) {
        super(summary + ":\n  " + String.join("\n  ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** One line each, e.g. {@code clusters[0].services[1].service.desiredCount: ... [rule-id]}. */
    public List<String> reasons() {
        return reasons;
    }
}
