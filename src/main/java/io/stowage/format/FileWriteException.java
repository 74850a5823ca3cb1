package io.stowage.format;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file that could not be written, and what became of it: its message names the file, says why in words (the
 * disk is full, permission denied, a read-only file system) and that the file was left as it was.
 */
public final class FileWriteException extends IOException {
    private final transient Path file;
    private final boolean existed;
    private final String reason;

    public FileWriteException(Path file, boolean existed, IOException cause) {
        super(file + ": cannot write: " + reason(cause) + "; " + outcome(existed), cause);
        this.file = file;
        this.existed = existed;
        this.reason = reason(cause);
    }

    /** A write refused before it began, for {@code reason} (e.g. the output is the command's own input). */
    public FileWriteException(Path file, boolean existed, String reason) {
        super(file + ": cannot write: " + reason + "; " + outcome(existed));
        this.file = file;
        this.existed = existed;
        this.reason = reason;
    }

    /** The file that was to be written. */
    public Path file() {
        return file;
    }

    /** Whether the file existed (and was left untouched) when the write failed. */
    public boolean existed() {
        return existed;
    }

    /** What became of the file: left as it was, or never made. */
    public String outcome() {
        return outcome(existed);
    }

    private static String outcome(boolean existed) {
        return existed ? "the file was left as it was" : "nothing was written";
    }

    /** Why, in words, without the file name. */
    public String reason() {
        return reason;
    }

    /** What went wrong, as a user reads it: the JDK's own messages often name only a path. */
    public static String reason(IOException failure) {
        if (failure instanceof FileWriteException written) {
            return written.reason();
        }
        if (failure instanceof AccessDeniedException e) {
            return "permission denied" + where(e);
        }
        if (failure instanceof NoSuchFileException e) {
            return "no such file or folder" + where(e);
        }
        if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException) {
            return "a file is in the way where a folder should be" + where((FileSystemException) failure);
        }
        String text = failure instanceof FileSystemException e && e.getReason() != null ? e.getReason()
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || failure instanceof AtomicFiles.ShortWriteException) {
            return "the disk is full (" + text + ")";
        }
        if (lower.contains("quota")) {
            return "the disk quota is used up (" + text + ")";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only";
        }
        return text;
    }

    /** The folder or file the JDK names, when it is not the file itself (e.g. a folder without write access). */
    private static String where(FileSystemException e) {
        if (e.getFile() == null) {
            return "";
        }
        Path named = Path.of(e.getFile());
        String name = named.getFileName() == null ? "" : named.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp") && named.getParent() != null) {
            return " (Stowage cannot create files in " + named.getParent() + ")";
        }
        return " (" + e.getFile() + ")";
    }
}
