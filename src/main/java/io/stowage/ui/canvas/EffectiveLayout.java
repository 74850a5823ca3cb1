package io.stowage.ui.canvas;

import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Bounds;
import io.stowage.model.design.Design;
import io.stowage.model.design.ElementId;
import io.stowage.model.design.Layout;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Where every element of a design is drawn: its layout bounds, or the auto layout's for those it lacks. */
final class EffectiveLayout {
    private EffectiveLayout() {
    }

    static Map<ElementId, Bounds> of(Design design) {
        Map<ElementId, Bounds> out = new LinkedHashMap<>();
        Layout auto = null;
        for (ElementId id : design.elementIds()) {
            Bounds bounds = design.layout().bounds().get(id);
            if (bounds == null) {
                if (auto == null) {
                    auto = AutoLayout.arrange(design);
                }
                bounds = auto.bounds().get(id);
            }
            if (bounds != null) {
                out.put(id, bounds);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The layout with the moved elements (and everything inside them) offset by dx, dy. */
    static Map<ElementId, Bounds> offset(Map<ElementId, Bounds> layout, Set<ElementId> moved, double dx, double dy) {
        Map<ElementId, Bounds> out = new LinkedHashMap<>(layout);
        layout.forEach((id, b) -> {
            if (isMoved(id, moved)) {
                out.put(id, b.movedTo(b.x() + dx, b.y() + dy));
            }
        });
        return out;
    }

    static boolean isMoved(ElementId id, Collection<ElementId> moved) {
        for (ElementId m : moved) {
            if (id.equals(m) || id.isInside(m)) {
                return true;
            }
        }
        return false;
    }

    /** The area all elements cover, or null when there are none. */
    static Bounds extent(Map<ElementId, Bounds> layout) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Bounds b : layout.values()) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.right());
            maxY = Math.max(maxY, b.bottom());
        }
        return layout.isEmpty() ? null : new Bounds(minX, minY, maxX - minX, maxY - minY);
    }
}
