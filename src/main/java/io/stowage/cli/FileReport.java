package io.stowage.cli;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.rules.Finding;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * What checking one file gave: its findings, or why it could not be read.
 *
 * @param positions line and column per finding path where known (same order as findings), may hold nulls
 */
record FileReport(Path file, List<Finding> findings, List<int[]> positions, UnreadableFileException unreadable) {

    static FileReport unreadable(Path file, UnreadableFileException e) {
        return new FileReport(file, List.of(), List.of(), e);
    }

    boolean readable() {
        return unreadable == null;
    }

    long errors() {
        return findings.stream().filter(Finding::isError).count();
    }

    long warnings() {
        return findings.size() - errors();
    }

    static final Comparator<Finding> ERRORS_FIRST = Comparator.comparing(f -> f.isError() ? 0 : 1);
}
