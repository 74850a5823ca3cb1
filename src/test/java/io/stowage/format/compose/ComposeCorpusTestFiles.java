package io.stowage.format.compose;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The compose files of the corpus, for tests of other packages. */
public final class ComposeCorpusTestFiles {
    private ComposeCorpusTestFiles() {
    }

    public static List<Path> all() throws IOException {
        return ComposeCorpusTest.composeFiles();
    }
}
