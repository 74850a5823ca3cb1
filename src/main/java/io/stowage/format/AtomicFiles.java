package io.stowage.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way Stowage writes a file, so that a reader sees either the old content or the new, never part of it,
 * and a write that fails says so and changes nothing:
 * <ol>
 *   <li>the bytes go to a temporary file beside the target ({@link TempFiles}), every write checked until the
 *       last byte is out (a full disk shows as a short write or an error, never as success);</li>
 *   <li>the temporary file is forced to disk and its size compared with what was meant to be there;</li>
 *   <li>only then is it moved over the target, and the folder forced so the move survives a power cut.</li>
 * </ol>
 * On any failure the target is untouched, the temporary file removed, and a {@link FileWriteException} says why
 * in words (the disk is full, permission denied). A new file gets the permissions the user's umask gives; a
 * replaced one keeps its own. Through a symbolic link the file it points to is replaced, not the link.
 * Temporary files that a killed writer left behind are removed at the next write of the same file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, String text) throws FileWriteException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] bytes) throws FileWriteException {
        Map<Path, byte[]> one = new LinkedHashMap<>();
        one.put(target, bytes);
        writeAll(one);
    }

    /**
     * Writes a file only its owner may read or write (0600 from the first byte on, also when it replaces a file
     * others could read): for secret values, which must never sit readable in a temporary file.
     */
    public static void writePrivate(Path target, byte[] bytes) throws FileWriteException {
        Staged staged = stage(target, bytes, true);
        try {
            staged.commit();
        } catch (IOException e) {
            staged.discard();
            throw new FileWriteException(staged.target, staged.existed, e);
        }
    }

    /**
     * Writes several files as one step: every file is written and forced to disk before any target is
     * replaced, so that a full disk or a refused permission leaves all of them as they were.
     */
    public static void writeAll(Map<Path, byte[]> files) throws FileWriteException {
        List<Staged> staged = new ArrayList<>();
        try {
            for (Map.Entry<Path, byte[]> file : files.entrySet()) {
                staged.add(stage(file.getKey(), file.getValue(), false));
            }
        } catch (FileWriteException e) {
            staged.forEach(Staged::discard);
            throw e;
        }
        for (int i = 0; i < staged.size(); i++) {
            Staged one = staged.get(i);
            try {
                one.commit();
            } catch (IOException e) {
                for (int j = i; j < staged.size(); j++) {
                    staged.get(j).discard();
                }
                throw new FileWriteException(one.target, one.existed, e);
            }
        }
    }

    /** A temporary file written in full and forced to disk, not yet moved over its target. */
    private record Staged(Path target, Path temp, boolean existed) {
        void commit() throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            TempFiles.done(temp);
            forceDirectory(target.getParent());
        }

        void discard() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // No longer in flight (below), so the next write of this file removes it.
            } finally {
                TempFiles.done(temp);
            }
        }
    }

    private static Staged stage(Path requested, byte[] bytes, boolean ownerOnly) throws FileWriteException {
        Path target;
        try {
            target = resolveLinks(requested);
        } catch (IOException e) {
            throw new FileWriteException(requested, Files.exists(requested), e);
        }
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        Path temp = null;
        try {
            if (existed && !Files.isWritable(target)) {
                // Renaming over it would work, but the user made it read-only: respect that.
                throw new java.nio.file.AccessDeniedException(target.toString());
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            TempFiles.removeLeftovers(target);
            temp = TempFiles.create(target);
            if (ownerOnly) {
                ownerOnly(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    // FileChannel.write may write fewer bytes than asked (a full disk shows first as that):
                    // write on until every byte is out or the file system says why not.
                    if (channel.write(buffer) == 0) {
                        throw new ShortWriteException(buffer.position(), bytes.length);
                    }
                }
                channel.force(true);
                if (channel.size() != bytes.length) {
                    throw new ShortWriteException(channel.size(), bytes.length);
                }
            }
            if (existed && !ownerOnly) {
                copyPermissions(target, temp);
            }
            return new Staged(target, temp, existed);
        } catch (IOException e) {
            if (temp != null) {
                new Staged(target, temp, existed).discard();
            }
            throw new FileWriteException(target, existed, e);
        }
    }

    /** The file system kept fewer bytes than were written. */
    static final class ShortWriteException extends IOException {
        ShortWriteException(long kept, long meant) {
            super("the file system kept " + kept + " of " + meant + " bytes");
        }
    }

    /** The file a path names after following symbolic links (also a dangling one: its target is created). */
    static Path resolveLinks(Path file) throws IOException {
        Path current = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops > 40) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "Too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(current);
            current = current.getParent().resolve(link).normalize();
        }
        return current;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder's ACLs are what protects the file.
        }
    }

    private static void copyPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system, or not ours to change: the content is what matters.
        }
    }

    /** Forces the folder's entry for the moved file to disk (Linux allows this; elsewhere it is a no-op). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The move is done; only its durability across a power cut depends on this.
        }
    }
}
