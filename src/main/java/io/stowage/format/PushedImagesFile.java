package io.stowage.format;

import io.stowage.model.deploy.PushedImages;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <design>.images.json}, beside the design: the digests {@code stowage push} recorded
 * ({@link PushedImages}). Beside the design rather than in it, so that pushing a new image does not rewrite (or
 * dirty) the design, and the file can be kept out of version control or committed by a CI job alike.
 *
 * <pre>
 * {"formatVersion": 1,
 *  "images": {"127.0.0.1:5000/shop/web:dev": {"digest": "sha256:...", "imageId": "sha256:...",
 *                                              "pushedAt": "2026-12-03T08:00:00Z"}}}
 * </pre>
 */
public final class PushedImagesFile {
    private static final int FORMAT_VERSION = 1;

    private PushedImagesFile() {
    }

    /** {@code shop.stowage.json} → {@code shop.images.json} in the same folder. */
    public static Path beside(Path designFile) {
        Path absolute = designFile.toAbsolutePath();
        String name = absolute.getFileName().toString();
        String stem = name.endsWith(".stowage.json") ? name.substring(0, name.length() - ".stowage.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return absolute.resolveSibling(stem + ".images.json");
    }

    /** The records, or {@link PushedImages#NONE} when the file does not exist. */
    public static PushedImages read(Path file) throws UnreadableFileException {
        if (!Files.exists(file)) {
            return PushedImages.NONE;
        }
        JsonDocument document = JsonFileReader.read(file);
        if (!(document.root() instanceof JsonObject root)) {
            throw new UnreadableFileException(file, null, "expected an object {\"formatVersion\": 1, \"images\": {...}}");
        }
        Json version = root.get("formatVersion");
        if (version != null && !(version instanceof JsonNumber n && n.value().compareTo(java.math.BigDecimal.ONE) == 0)) {
            throw new UnreadableFileException(file, document.positionOf("formatVersion"),
                    "formatVersion: expected 1, got " + JsonText.compact(version) + " (written by a newer Stowage?)");
        }
        Json images = root.get("images");
        if (images == null) {
            return PushedImages.NONE;
        }
        if (!(images instanceof JsonObject byImage)) {
            throw new UnreadableFileException(file, document.positionOf("images"),
                    "images: expected an object of image references");
        }
        Map<String, PushedImages.Pushed> out = new LinkedHashMap<>();
        for (var entry : byImage.members().entrySet()) {
            String path = "images." + entry.getKey();
            if (!(entry.getValue() instanceof JsonObject pushed)) {
                throw new UnreadableFileException(file, document.positionOf(path), path + ": expected an object");
            }
            if (!(pushed.get("digest") instanceof JsonString digest) || !digest.value().matches("sha256:[0-9a-f]{64}")) {
                throw new UnreadableFileException(file, document.positionOf(path), path
                        + ".digest: expected \"sha256:\" and 64 hex digits");
            }
            String imageId = pushed.get("imageId") instanceof JsonString s ? s.value() : null;
            Instant at = null;
            if (pushed.get("pushedAt") instanceof JsonString s) {
                try {
                    at = Instant.parse(s.value());
                } catch (DateTimeParseException e) {
                    throw new UnreadableFileException(file, document.positionOf(path + ".pushedAt"), path
                            + ".pushedAt: expected an ISO-8601 instant such as 2026-12-03T08:00:00Z");
                }
            }
            out.put(entry.getKey(), new PushedImages.Pushed(digest.value(), imageId, at));
        }
        return new PushedImages(out);
    }

    /** Writes the records atomically. */
    public static void write(Path file, PushedImages records) throws FileWriteException {
        JsonObject.Builder images = JsonObject.builder();
        records.images().forEach((image, pushed) -> {
            JsonObject.Builder one = JsonObject.builder().put("digest", pushed.digest());
            if (pushed.imageId() != null) {
                one.put("imageId", pushed.imageId());
            }
            if (pushed.pushedAt() != null) {
                one.put("pushedAt", pushed.pushedAt().toString());
            }
            images.put(image, one.build());
        });
        JsonObject root = JsonObject.builder().put("formatVersion", FORMAT_VERSION).put("images", images.build()).build();
        AtomicFiles.write(file, JsonText.pretty(root) + "\n");
    }
}
