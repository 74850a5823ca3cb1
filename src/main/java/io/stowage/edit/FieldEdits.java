package io.stowage.edit;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.Shape;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.function.BiFunction;

/**
 * Setting one field of an element of the design (a container's memory, a service's desired count) as one edit,
 * "Change " and the member's name: what a form field's commit does, without the form.
 */
public final class FieldEdits {
    private FieldEdits() {
    }

    /** What setting the field came to. */
    public sealed interface Outcome {
    }

    /** The element already has that value. */
    public record Unchanged() implements Outcome {
    }

    /** The design refuses the change (e.g. a family another task definition has); the reason in words. */
    public record Refused(String reason) implements Outcome {
    }

    /** The edit to push, and the element's JSON after it. */
    public record Changed(Edit edit, JsonObject json) implements Outcome {
    }

    /**
     * @param design   the design now
     * @param json     the element's JSON in that design
     * @param shape    its ECS shape, for member order (null when it is not an ECS shape)
     * @param local    the field's dotted path inside the element
     * @param value    the new value; null removes the member
     * @param write    the design with the element's JSON replaced (it may refuse with a RuntimeException)
     * @param mergeKey consecutive edits of one key merge into one step of history; null for none (a row removed)
     */
    public static Outcome set(Design design, JsonObject json, Shape shape, String local, Json value,
                              BiFunction<Design, JsonObject, Design> write, String mergeKey) {
        JsonObject changed = JsonPaths.set(json, local, value, shape);
        if (changed.equals(json)) {
            return new Unchanged();
        }
        Design after;
        try {
            after = write.apply(design, changed);
        } catch (RuntimeException e) {
            return new Refused(e.getMessage());
        }
        String description = "Change " + local.substring(local.lastIndexOf('.') + 1);
        return new Changed(mergeKey == null ? Edit.of(description, design, after)
                : Edit.merging(description, design, after, mergeKey), changed);
    }
}
