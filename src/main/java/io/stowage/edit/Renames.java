package io.stowage.edit;

import io.stowage.model.design.Bounds;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;
import io.stowage.model.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/** What renaming an element (a task definition's family, a container's name) carries along with it. */
public final class Renames {
    private Renames() {
    }

    /** The layout with the element's entries, and those of everything inside it, moved to another id. */
    public static Layout layout(Layout layout, ElementId from, ElementId to) {
        Map<ElementId, Bounds> bounds = new LinkedHashMap<>();
        layout.bounds().forEach((id, b) -> bounds.put(rename(id, from, to), b));
        Map<ElementId, JsonObject> extras = new LinkedHashMap<>();
        layout.extras().forEach((id, e) -> extras.put(rename(id, from, to), e));
        return new Layout(bounds, extras);
    }

    private static ElementId rename(ElementId id, ElementId from, ElementId to) {
        if (id.equals(from)) {
            return to;
        }
        return id.isInside(from) ? new ElementId(to.value() + id.value().substring(from.value().length())) : id;
    }
}
