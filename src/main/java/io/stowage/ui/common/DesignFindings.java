package io.stowage.ui.common;

import io.stowage.model.design.Design;
import io.stowage.model.rules.Finding;
import io.stowage.model.rules.design.DesignValidator;

import java.util.List;

/**
 * Every finding of a design, validated once per document state: the problems panel and the inspector both
 * follow each edit, and the design is immutable, so the last result is reused while the document is the same.
 */
public final class DesignFindings {
    private static Design lastDesign;
    private static List<Finding> lastFindings = List.of();

    private DesignFindings() {
    }

    public static synchronized List<Finding> of(Design design) {
        if (design != lastDesign) {
            lastFindings = List.copyOf(DesignValidator.validate(design));
            lastDesign = design;
        }
        return lastFindings;
    }
}
