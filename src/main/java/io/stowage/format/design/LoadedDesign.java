package io.stowage.format.design;

import io.stowage.format.JsonDocument;
import io.stowage.format.SourcePosition;
import io.stowage.model.design.Design;

/**
 * A design as read from a file.
 *
 * @param document      the file as parsed, for positions of findings ({@link #positionOf})
 * @param design        the design
 * @param formatVersion the format version the file stated; older than current means it was migrated, and
 *                      saving writes the current format
 */
public record LoadedDesign(JsonDocument document, Design design, int formatVersion) {
    public boolean migrated() {
        return formatVersion < DesignMigrations.CURRENT_VERSION;
    }

    /**
     * Where a finding's path (e.g. {@code clusters[0].services[1].service.desiredCount}) is in the file, or
     * its nearest enclosing value; null if unknown. In a migrated file a path that the migration created points
     * at the nearest value the file had.
     */
    public SourcePosition positionOf(String path) {
        return document.positionOf(path);
    }
}
