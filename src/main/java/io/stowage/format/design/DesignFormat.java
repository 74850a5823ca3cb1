package io.stowage.format.design;

import io.stowage.format.AtomicFiles;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Stowage design files ({@code *.stowage.json}, described in docs/design-file.md): reads any format version up
 * to {@link DesignMigrations#CURRENT_VERSION}, migrating older ones, and writes the current one with 2-space
 * indentation and a fixed member order, atomically. Task definitions, services and runs inside are the ECS API
 * inputs, kept verbatim; members this build does not know are kept and written back.
 */
public final class DesignFormat {
    public static final String EXTENSION = ".stowage.json";

    private DesignFormat() {
    }

    /** A design is named *.stowage.json or says its formatVersion; any other JSON object is a task definition. */
    public static boolean isDesign(Path file, io.stowage.format.JsonDocument document) {
        return file.getFileName().toString().endsWith(EXTENSION)
                || document.root() instanceof io.stowage.model.json.JsonObject object && object.has("formatVersion");
    }

    public static LoadedDesign read(Path file) throws UnreadableFileException {
        return fromDocument(JsonFileReader.read(file));
    }

    /** Reads JSON text, e.g. a resource or a paste; {@code name} is what messages call it. */
    public static LoadedDesign parse(String name, String text) throws UnreadableFileException {
        return fromDocument(JsonFileReader.parse(Path.of(name), text.getBytes(StandardCharsets.UTF_8)));
    }

    public static LoadedDesign fromDocument(JsonDocument document) throws UnreadableFileException {
        if (!(document.root() instanceof JsonObject root)) {
            throw new UnreadableFileException(document.file(), document.positionOf(""),
                    "expected a JSON object (a Stowage design), found " + JsonFields.describe(document.root()));
        }
        int version = formatVersion(document, root);
        JsonObject current = DesignMigrations.migrate(root, version);
        try {
            return new LoadedDesign(document, DesignTreeReader.read(current), version);
        } catch (DesignShapeException e) {
            String migrated = version < DesignMigrations.CURRENT_VERSION
                    ? " (in this format " + version + " file, as migrated to format " + DesignMigrations.CURRENT_VERSION + ")"
                    : "";
            throw new UnreadableFileException(document.file(), document.positionOf(e.path().text()),
                    e.getMessage() + migrated);
        }
    }

    /** The file's tree in the current format. */
    public static JsonObject toJson(Design design) {
        return DesignTreeWriter.write(design);
    }

    /** The file text: 2-space indented, with a final newline. */
    public static String write(Design design) {
        return JsonText.pretty(toJson(design));
    }

    public static void write(Design design, Path file) throws IOException {
        AtomicFiles.write(file, write(design));
    }

    private static int formatVersion(JsonDocument document, JsonObject root) throws UnreadableFileException {
        Json value = root.get(DesignKeys.FORMAT_VERSION);
        if (value == null) {
            String hint = root.has("containerDefinitions") || root.has("taskDefinition")
                    ? "this looks like a task definition, not a Stowage design; import it into a design instead"
                    : "formatVersion is missing; a Stowage design file states the format version it was written in";
            throw new UnreadableFileException(document.file(), document.positionOf(""), hint);
        }
        Integer version = value instanceof JsonNumber n ? n.intValueOrNull() : null;
        if (version == null || version < 0) {
            throw new UnreadableFileException(document.file(), document.positionOf(DesignKeys.FORMAT_VERSION),
                    "formatVersion: expected a whole number 0 or more (the design file format), found "
                            + JsonFields.describe(value));
        }
        if (version > DesignMigrations.CURRENT_VERSION) {
            throw new UnreadableFileException(document.file(), document.positionOf(DesignKeys.FORMAT_VERSION),
                    "made by a newer Stowage (format " + version + "); this build reads up to "
                            + DesignMigrations.CURRENT_VERSION + ". Open it with a newer Stowage");
        }
        return version;
    }
}
