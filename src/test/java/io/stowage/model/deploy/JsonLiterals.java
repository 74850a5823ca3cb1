package io.stowage.model.deploy;

import io.stowage.format.JsonFileReader;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** JSON literals for tests. */
final class JsonLiterals {
    private JsonLiterals() {
    }

    static JsonObject object(String text) {
        try {
            return (JsonObject) JsonFileReader.parse(Path.of("test.json"), text.getBytes(StandardCharsets.UTF_8)).root();
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
