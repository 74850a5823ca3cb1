package io.stowage.format;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets file beside a design ({@code shop.secrets.json} for {@code shop.stowage.json}): a JSON object from
 * each {@code valueFrom} as the task definition writes it to the secret's value. The local run reads it; compose
 * import writes the values of {@code .env} and {@code env_file} there instead of into the design.
 * <p>
 * Its messages never quote what the file holds: a parser's "Unrecognized token 'hunter2'" would print a secret
 * to a terminal or a CI log, so a malformed file is reported by line, column and what was expected only. A file
 * that others may read is warned about, as ssh warns about a private key; Stowage writes it 0600.
 */
public final class SecretsFileFormat {
    /** {@code shop.stowage.json} → {@code shop.secrets.json} beside it; null for an unsaved design. */
    public static java.nio.file.Path besideDesign(java.nio.file.Path designFile) {
        if (designFile == null) {
            return null;
        }
        String name = designFile.getFileName().toString();
        String stem = name.endsWith(".stowage.json") ? name.substring(0, name.length() - ".stowage.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        java.nio.file.Path parent = designFile.toAbsolutePath().getParent();
        return (parent != null ? parent : java.nio.file.Path.of("").toAbsolutePath()).resolve(stem + ".secrets.json");
    }

    /**
     * What the file holds.
     *
     * @param values   valueFrom to value, in the file's order; a value that is not a string is kept as its JSON
     * @param warnings what the user should know, such as a file others may read
     */
    public record Contents(Map<String, String> values, List<String> warnings) {
        public Contents {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            warnings = List.copyOf(warnings);
        }
    }

    private static final String EXPECTED = "expected a JSON object from valueFrom to the secret's value, each value a "
            + "string in double quotes";

    private SecretsFileFormat() {
    }

    /** @throws UnreadableFileException naming the file and the line and column, never the text found there */
    public static Contents read(Path file) throws UnreadableFileException {
        JsonDocument document;
        try {
            document = JsonFileReader.read(file);
        } catch (UnreadableFileException e) {
            throw new UnreadableFileException(file, e.position(), withoutContent(e.detail()));
        }
        if (!(document.root() instanceof JsonObject object)) {
            throw new UnreadableFileException(file, null, EXPECTED);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Json> member : object.members().entrySet()) {
            Json value = member.getValue();
            values.put(member.getKey(), value instanceof JsonString s ? s.value() : JsonText.compact(value));
        }
        List<String> warnings = new ArrayList<>();
        String exposed = exposure(file);
        if (exposed != null) {
            warnings.add(exposed);
        }
        return new Contents(values, warnings);
    }

    /**
     * A warning when users other than the owner may read or write the file (its mode, as ssh names it), else null.
     * Windows and other file systems without POSIX modes give null.
     */
    public static String exposure(Path file) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        if (mode.stream().noneMatch(others::contains)) {
            return null;
        }
        boolean readable = mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ);
        return "warning: the secrets file " + file + " is " + (readable ? "readable" : "writable") + " by "
                + (mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                ? "others" : "its group") + " (mode " + octal(mode) + "); it holds secret values and should be "
                + "private to you: chmod 600 " + file;
    }

    /**
     * Adds values to the file (created when absent), keeping what it holds; written 0600 in one step.
     *
     * @throws UnreadableFileException when the file exists but cannot be read, so that nothing in it is lost
     */
    public static void merge(Path file, Map<String, String> additions) throws UnreadableFileException, FileWriteException {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(file)) {
            values.putAll(read(file).values());
        }
        values.putAll(additions);
        AtomicFiles.writePrivate(file, text(values).getBytes(StandardCharsets.UTF_8));
    }

    /** The file's text for these values. */
    public static String text(Map<String, String> values) {
        JsonObject.Builder object = JsonObject.builder();
        values.forEach((key, value) -> object.put(key, new JsonString(value)));
        return JsonText.pretty(object.build());
    }

    /** The reader's words for what is wrong, without the characters it found (which may be part of a secret). */
    static String withoutContent(String detail) {
        if (!detail.startsWith("invalid JSON")) {
            return detail;
        }
        String what;
        if (detail.contains("end-of-input")) {
            what = "the file ends before the object is closed";
        } else if (detail.contains("Unrecognized token") || detail.contains("Unexpected character")) {
            what = "something that is not JSON here, such as a value without double quotes";
        } else if (detail.contains("Illegal unquoted character") || detail.contains("control character")) {
            what = "a line break or control character inside a quoted value (write it as \\n)";
        } else if (detail.contains("Unrecognized character escape")) {
            what = "a backslash escape JSON does not know inside a quoted value (write a backslash as \\\\)";
        } else {
            what = "text that is not valid JSON here";
        }
        return what + "; " + EXPECTED + " (what the file holds there is not repeated, as it may be a secret)";
    }

    private static String octal(Set<PosixFilePermission> mode) {
        String text = PosixFilePermissions.toString(mode);
        int value = 0;
        for (int i = 0; i < 9; i++) {
            value = value << 1 | (text.charAt(i) == '-' ? 0 : 1);
        }
        return String.format("%04o", value);
    }
}
