package io.stowage.format.document;

import io.stowage.format.JsonDocument;
import io.stowage.format.TextStyle;
import io.stowage.model.json.JsonObject;

import java.nio.file.Path;

/**
 * A task-definition file one open document holds, as last read or written.
 *
 * @param file         where it is
 * @param family       the family of the task definition it holds in the design
 * @param document     its text parsed, for writing changed values in place
 * @param input        the RegisterTaskDefinition input it holds, to tell whether the task definition changed
 * @param text         its bytes, to tell when someone else changed it
 * @param style        its line ending and indentation, kept when it is rewritten
 * @param registerShape whether it holds the RegisterTaskDefinition input as it is (not describe output), so a
 *                     changed value can be written where it stands
 */
public record TaskDefinitionFile(Path file, String family, JsonDocument document, JsonObject input, byte[] text,
                                 TextStyle style, boolean registerShape) {
    /** The same file holding a task definition of another family (renamed in the design). */
    TaskDefinitionFile withFamily(String value) {
        return new TaskDefinitionFile(file, value, document, input, text, style, registerShape);
    }
}
