package io.stowage.model.json;

import io.stowage.format.JsonFileReader;
import io.stowage.format.UnreadableFileException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** JSON text as a tree, for tests. */
final class JsonTestTrees {
    private JsonTestTrees() {
    }

    static Json parse(String text) {
        try {
            return JsonFileReader.parse(Path.of("test.json"), text.getBytes(StandardCharsets.UTF_8)).root();
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
