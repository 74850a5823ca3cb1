package io.stowage.ui.shell;

import io.stowage.format.UnreadableFileException;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong reading or writing a file, in a sentence for the user that names the file: the JDK's file
 * exceptions carry only the path as their message, which says nothing by itself; never a stack trace.
 */
final class FileProblems {
    private FileProblems() {
    }

    static String describe(Exception failure) {
        if (failure instanceof UnreadableFileException) {
            return failure.getMessage();
        }
        if (failure instanceof FileSystemException e) {
            String what;
            if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or folder";
            } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
                what = "a file is in the way where a folder should be";
            } else {
                what = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            }
            return (e.getFile() == null ? "" : e.getFile() + ": ") + what
                    + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")");
        }
        if (failure instanceof java.io.IOException) {
            return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
