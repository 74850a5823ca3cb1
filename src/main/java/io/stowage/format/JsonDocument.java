package io.stowage.format;

import io.stowage.model.json.Json;

import java.nio.file.Path;
import java.util.Map;

/**
 * A JSON file as read: its tree, where each value started (keyed by JSON path text, so that findings can
 * point at a line), and the line ending it uses, so that rewriting it does not turn every line into a diff.
 */
public record JsonDocument(Path file, Json root, Map<String, SourcePosition> positions, LineEnding lineEnding) {
    /** The position of the value at that path, or of its nearest enclosing value; null if unknown. */
    public SourcePosition positionOf(String path) {
        String probe = path;
        while (true) {
            SourcePosition found = positions.get(probe);
            if (found != null || probe.isEmpty()) {
                return found;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut <= 0 ? "" : probe.substring(0, cut);
        }
    }
}
