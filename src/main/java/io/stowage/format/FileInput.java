package io.stowage.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.LongFunction;

/**
 * Reads an input file, bounded: only a regular file (a device such as {@code /dev/zero} never ends, a FIFO blocks
 * until someone writes), and never more than a limit, checked before reading and again while reading, since the
 * size a file system states may be wrong or change. Every reader of user files goes through here.
 */
public final class FileInput {
    private FileInput() {
    }

    /**
     * @param maxBytes the most the caller will read
     * @param tooLarge the sentence that says the file is too large, given its size in bytes (or more than the limit)
     * @throws UnreadableFileException naming the file and why it was not read
     */
    public static byte[] read(Path file, long maxBytes, LongFunction<String> tooLarge) throws UnreadableFileException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, null, "no such file");
        } catch (IOException e) {
            throw new UnreadableFileException(file, null, "cannot read the file: " + e.getMessage());
        }
        if (attributes.isDirectory()) {
            throw new UnreadableFileException(file, null, "is a directory, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new UnreadableFileException(file, null, "is not a regular file but " + kind(file)
                    + "; Stowage reads only regular files (copy the content into one)");
        }
        if (attributes.size() > maxBytes) {
            throw new UnreadableFileException(file, null, tooLarge.apply(attributes.size()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new UnreadableFileException(file, null, tooLarge.apply(bytes.length));
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, null, "no such file");
        } catch (IOException e) {
            throw new UnreadableFileException(file, null, "cannot read the file: " + e.getMessage());
        }
    }

    /** As {@link #read(Path, long, LongFunction)}, as UTF-8 text (malformed bytes replaced). */
    public static String readText(Path file, long maxBytes, LongFunction<String> tooLarge) throws UnreadableFileException {
        return new String(read(file, maxBytes, tooLarge), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String kind(Path file) {
        try {
            Object type = Files.getAttribute(file, "unix:mode");
            if (type instanceof Integer mode) {
                return switch (mode & 0170000) {
                    case 0010000 -> "a named pipe (FIFO), which would make the read wait for a writer";
                    case 0020000 -> "a character device, which may never end";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Not a Unix file system: say it generally.
        }
        return "a device, a pipe or a socket";
    }
}
