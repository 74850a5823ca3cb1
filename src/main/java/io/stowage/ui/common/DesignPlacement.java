package io.stowage.ui.common;

import io.stowage.model.design.Design;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementResult;

/**
 * Where the scheduler puts every task of a design, computed once per document state: the canvas (capacity bars,
 * chips, pending tasks) and the placement explanation both follow each edit, and the design is immutable.
 */
public final class DesignPlacement {
    /** The seed of the random strategy on the canvas, so the same design always looks the same. */
    public static final long SEED = 0;
    private static Design lastDesign;
    private static PlacementResult lastResult;

    private DesignPlacement() {
    }

    public static synchronized PlacementResult of(Design design) {
        if (design != lastDesign) {
            lastResult = PlacementEngine.place(design, SEED);
            lastDesign = design;
        }
        return lastResult;
    }
}
