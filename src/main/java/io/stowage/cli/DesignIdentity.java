package io.stowage.cli;

import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The identity a design written by an import gets: that of the design already at the output path (an import run
 * again over its own result is the same design, whose local run must still be found), else a new one.
 */
final class DesignIdentity {
    private DesignIdentity() {
    }

    static Design forOutput(Design design, Path output) {
        if (design.id() != null) {
            return design;
        }
        if (output != null && Files.isRegularFile(output)) {
            try {
                String existing = DesignFormat.read(output).design().id();
                if (existing != null) {
                    return design.withId(existing);
                }
            } catch (UnreadableFileException notADesign) {
                // Replaced by a new design, with an identity of its own.
            }
        }
        return design.identified();
    }
}
