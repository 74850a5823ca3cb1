package io.stowage.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real files of ../shared/corpus, when the checkout has them beside it. */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        return Path.of(System.getProperty("stowage.corpus", "../shared/corpus"));
    }

    public static List<Path> taskDefinitions() throws IOException {
        Path dir = root().resolve("taskdefs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
