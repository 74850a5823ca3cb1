package io.stowage.format.sim;

import io.stowage.format.UnreadableFileException;
import io.stowage.model.sim.Scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scenarios that ship beside the example design (docs/cli.md, "stowage simulate"): a rolling deployment of
 * web:2 that stalls on static host port 80 ({@link #STALL}), and the same deployment with minimumHealthyPercent 50,
 * which completes ({@link #FIXED}). Read from the classpath.
 */
public final class ExampleScenarios {
    public static final String STALL = "rolling-stall.scenario.json";
    public static final String FIXED = "rolling-fixed.scenario.json";
    private static final String FOLDER = "/io/stowage/examples/";
    /** The files the scenarios name, read relative to them. */
    private static final List<String> BESIDE = List.of("web-v2.json");

    private ExampleScenarios() {
    }

    /**
     * One of the example scenarios.
     *
     * @throws IllegalStateException if it is missing or unreadable, which is a build defect
     */
    public static Scenario load(String name) {
        Path folder = null;
        try {
            // Scenario files name their task definitions by path: the scenario and what it names are copied out
            // of the classpath (a jar when installed) and read where they lie together.
            folder = Files.createTempDirectory("stowage-example-scenario");
            for (String file : Stream.concat(Stream.of(name), BESIDE.stream()).toList()) {
                try (InputStream in = ExampleScenarios.class.getResourceAsStream(FOLDER + file)) {
                    if (in == null) {
                        throw new IllegalStateException("example scenario file " + FOLDER + file
                                + " is not on the classpath");
                    }
                    Files.copy(in, folder.resolve(file));
                }
            }
            return ScenarioFormat.read(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnreadableFileException e) {
            throw new IllegalStateException("example scenario " + name + " is broken: " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder left behind does no harm
                }
            }
        }
    }
}
