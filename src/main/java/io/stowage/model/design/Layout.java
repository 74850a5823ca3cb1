package io.stowage.model.design;

import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each element is drawn, kept apart from what the design means: moving a box changes the layout only,
 * so a diff of two designs can ignore it and deploying never depends on it. Elements without bounds are placed
 * by the canvas; bounds of elements that no longer exist are harmless and dropped by {@link #retainOnly}.
 *
 * @param bounds element id → bounds, in order
 * @param extras element id → members of its layout entry this build does not know (e.g. a newer build's
 *               "collapsed" flag), kept for writing back; only for elements that have bounds
 */
public record Layout(Map<ElementId, Bounds> bounds, Map<ElementId, JsonObject> extras) {
    public static final Layout EMPTY = new Layout(Map.of());

    public Layout {
        Map<ElementId, Bounds> boundsCopy = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        Map<ElementId, JsonObject> kept = new LinkedHashMap<>();
        extras.forEach((id, members) -> {
            if (boundsCopy.containsKey(id) && !members.isEmpty()) {
                kept.put(id, members);
            }
        });
        bounds = boundsCopy;
        extras = Collections.unmodifiableMap(kept);
    }

    public Layout(Map<ElementId, Bounds> bounds) {
        this(bounds, Map.of());
    }

    public Optional<Bounds> boundsOf(ElementId element) {
        return Optional.ofNullable(bounds.get(element));
    }

    /** The unknown members of the element's layout entry; empty when there are none. */
    public JsonObject extrasOf(ElementId element) {
        return extras.getOrDefault(element, JsonObject.EMPTY);
    }

    public Layout with(ElementId element, Bounds value) {
        if (value.equals(bounds.get(element))) {
            return this;
        }
        Map<ElementId, Bounds> copy = new LinkedHashMap<>(bounds);
        copy.put(element, value);
        return new Layout(copy, extras);
    }

    /** Without the element and everything inside it. */
    public Layout without(ElementId element) {
        Map<ElementId, Bounds> copy = new LinkedHashMap<>(bounds);
        copy.keySet().removeIf(id -> id.equals(element) || id.isInside(element));
        return copy.size() == bounds.size() ? this : new Layout(copy, extras);
    }

    public Layout retainOnly(Set<ElementId> elements) {
        Map<ElementId, Bounds> copy = new LinkedHashMap<>(bounds);
        copy.keySet().retainAll(elements);
        return copy.size() == bounds.size() ? this : new Layout(copy, extras);
    }

    public boolean isEmpty() {
        return bounds.isEmpty();
    }
}
