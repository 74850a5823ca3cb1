package io.stowage.ui.shell;

import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;

/**
 * Where File › Import and File › Export ask which files to read and where to write: the platform's file choosers
 * in the application, a list of answers in a test (a native chooser cannot be driven headless).
 */
public interface FileChoices {
    /** A group of file names a chooser offers, e.g. "Compose files" with {@code *.yml} and {@code *.yaml}. */
    record Filter(String description, List<String> patterns) {
        public Filter {
            patterns = List.copyOf(patterns);
        }
    }

    /**
     * What is asked.
     *
     * @param initialDirectory where the chooser starts, or null
     * @param initialName      the file name offered when saving, or null
     */
    record Request(String title, Path initialDirectory, String initialName, List<Filter> filters) {
        public Request {
            filters = List.copyOf(filters);
        }
    }

    /** Files to read; empty when the user cancelled. */
    List<Path> openFiles(Window owner, Request request);

    /** A file to write; null when the user cancelled. */
    Path saveFile(Window owner, Request request);

    /** A folder to write into; null when the user cancelled. */
    Path folder(Window owner, Request request);

    /**
     * Whether {@link #saveFile} has already asked the user before naming an existing file (the platforms' save
     * dialogs do); when not, the caller asks.
     */
    default boolean confirmsOverwrite() {
        return false;
    }

    /** The platform's choosers. */
    static FileChoices platform() {
        return new PlatformFileChoices();
    }
}
