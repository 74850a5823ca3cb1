package io.stowage.format.document;

import java.io.IOException;
import java.nio.file.Path;

/** A file changed on disk since it was opened or saved; writing over it would lose someone else's change. */
public final class ChangedOnDiskException extends IOException {
    private final transient Path file;

    public ChangedOnDiskException(Path file) {
        super(file + " changed on disk since it was opened or last saved");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
