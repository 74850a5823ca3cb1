package io.stowage.model.design;

import java.util.List;

/**
 * A design built from task definitions, with what was assumed to build it.
 *
 * @param design the design
 * @param notes  assumptions and problems, in the order they arose
 */
public record ImportedDesign(Design design, List<DesignNote> notes) {
    public ImportedDesign {
        notes = List.copyOf(notes);
    }
}
