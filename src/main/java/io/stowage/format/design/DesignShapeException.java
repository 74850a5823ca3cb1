package io.stowage.format.design;

import io.stowage.model.json.JsonPath;

/**
 * A design file whose JSON is valid but whose shape is not a design's: the path says where, the detail what
 * was expected. {@link DesignFormat} turns it into an {@code UnreadableFileException} with the line.
 */
final class DesignShapeException extends Exception {
    private final JsonPath path;
    private final String detail;

    DesignShapeException(JsonPath path, String detail) {
        super((path.isRoot() ? "" : path.text() + ": ") + detail);
        this.path = path;
        this.detail = detail;
    }

    JsonPath path() {
        return path;
    }

    String detail() {
        return detail;
    }
}
