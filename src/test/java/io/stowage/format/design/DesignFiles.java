package io.stowage.format.design;

import java.nio.file.Path;

/** The design files under src/test/resources/designs. */
final class DesignFiles {
    private DesignFiles() {
    }

    static Path of(String name) {
        return Path.of("src/test/resources/designs").resolve(name);
    }
}
