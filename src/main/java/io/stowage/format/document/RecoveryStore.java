package io.stowage.format.document;

import io.stowage.format.AtomicFiles;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.LineEnding;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Recovery files: the unsaved state of open documents, written every little while so that a crash loses at most
 * that while. One file per document, {@code <key>.recovery.json}, holding the design and the files it belongs
 * to; it is removed when the document is saved or its changes are discarded, so one left behind means Stowage
 * did not close normally. No UI; the autosave calls it off the JavaFX thread.
 */
public final class RecoveryStore {
    static final String SUFFIX = ".recovery.json";

    /**
     * A recovery file found on start.
     *
     * @param recoveryFile where it is
     * @param key          the document it belongs to, to keep autosaving under it
     * @param kind         a design, or task-definition files
     * @param files        the document's files; empty for a design never saved
     * @param design       the unsaved design
     */
    public record Recovered(Path recoveryFile, String key, OpenDocument.Kind kind, List<Path> files, Design design) {
    }

    private final Path dir;

    public RecoveryStore(Path dir) {
        this.dir = dir;
    }

    public static RecoveryStore forUser() {
        return new RecoveryStore(Path.of(System.getProperty("user.home"), ".stowage", "recovery"));
    }

    /** The key of a document saved in these files: the same files give the same key. */
    public static String keyOf(List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "doc-" + HexFormat.of().formatHex(digest.digest(), 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path fileOf(String key) {
        return dir.resolve(key + SUFFIX);
    }

    public void write(String key, OpenDocument.Kind kind, List<Path> files, Design design) throws IOException {
        JsonObject recovery = JsonObject.builder()
                .put("kind", kind.name())
                .put("files", JsonArray.of(files.stream().map(f -> (Json) new JsonString(f.toAbsolutePath().toString())).toList()))
                .put("design", DesignFormat.toJson(design))
                .build();
        AtomicFiles.write(fileOf(key), JsonText.pretty(recovery));
    }

    public void discard(String key) {
        try {
            Files.deleteIfExists(fileOf(key));
        } catch (IOException e) {
            // A recovery file that cannot be removed is offered once more on the next start; nothing is lost.
        }
    }

    /**
     * The recovery files worth offering, newest first: those newer than every file of their document (or of a
     * document never saved). An unreadable one is skipped and left where it is for a person to look at.
     */
    public List<Recovered> pending() {
        List<Recovered> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                Recovered recovered = read(file);
                if (recovered != null && newerThanItsDocument(file, recovered.files())) {
                    out.add(recovered);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing((Recovered r) -> modified(r.recoveryFile())).reversed());
        return out;
    }

    private static Recovered read(Path file) {
        try {
            JsonDocument document = JsonFileReader.read(file);
            if (!(document.root() instanceof JsonObject root) || !(root.get("design") instanceof JsonObject design)
                    || !(root.get("kind") instanceof JsonString kind) || !(root.get("files") instanceof JsonArray paths)) {
                return null;
            }
            List<Path> files = new ArrayList<>();
            for (Json path : paths.items()) {
                if (path instanceof JsonString s) {
                    files.add(Path.of(s.value()));
                }
            }
            Design loaded = DesignFormat.fromDocument(new JsonDocument(file, design, Map.of(), LineEnding.LF)).design();
            String name = file.getFileName().toString();
            return new Recovered(file, name.substring(0, name.length() - SUFFIX.length()),
                    OpenDocument.Kind.valueOf(kind.value()), files, loaded);
        } catch (UnreadableFileException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean newerThanItsDocument(Path recovery, List<Path> files) {
        FileTime saved = modified(recovery);
        for (Path file : files) {
            if (Files.exists(file) && modified(file).compareTo(saved) > 0) {
                return false;
            }
        }
        return true;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
