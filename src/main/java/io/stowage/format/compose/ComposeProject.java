package io.stowage.format.compose;

import io.stowage.format.SourcePosition;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One or more compose files read as compose reads them: each interpolated with the variables of the environment
 * and of the {@code .env} file beside the first file (the environment wins), then merged in order. Knows where
 * each value came from, so that report items can name the file and line.
 *
 * @param name        the project name: top-level {@code name}, else COMPOSE_PROJECT_NAME, else the directory of
 *                    the first file, in compose's alphabet (lower-case letters, digits, dashes, underscores)
 * @param directory   the project directory (of the first file), against which relative paths resolve
 * @param tree        the merged, interpolated tree
 * @param documents   the files as read, in order
 * @param environment the variables interpolation saw (and env_file lines without a value inherit)
 * @param unset       variables used without being set, which became empty strings
 * @param dotEnv      the variables whose value came from the {@code .env} file (not overridden by the environment):
 *                    a file people keep out of version control, so its values are kept out of the design
 * @param substituted for each value's path in its file, the variables whose values went into it
 */
record ComposeProject(String name, Path directory, JsonObject tree, List<ComposeYaml.Document> documents,
                      Map<String, String> environment, List<Interpolation.Unset> unset, java.util.Set<String> dotEnv,
                      Map<String, java.util.Set<String>> substituted) {

    /** Where a value came from: the last file that holds the path or what encloses it. */
    record Location(Path file, SourcePosition position) {
    }

    static ComposeProject load(List<Path> files, Map<String, String> processEnvironment) throws UnreadableFileException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no compose file");
        }
        Path first = files.get(0).toAbsolutePath().normalize();
        Path directory = first.getParent();
        Map<String, String> environment = new LinkedHashMap<>();
        Path dotEnv = directory.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            try {
                environment.putAll(DotEnv.parse(DotEnv.read(dotEnv), processEnvironment));
            } catch (IllegalArgumentException e) {
                throw new UnreadableFileException(dotEnv, null, e.getMessage());
            }
        }
        java.util.Set<String> fromDotEnv = new java.util.LinkedHashSet<>(environment.keySet());
        fromDotEnv.removeAll(processEnvironment.keySet());
        environment.putAll(processEnvironment);

        Interpolation interpolation = new Interpolation(environment);
        List<ComposeYaml.Document> documents = new ArrayList<>();
        JsonObject merged = JsonObject.EMPTY;
        for (Path file : files) {
            ComposeYaml.Document document = ComposeYaml.read(file);
            JsonObject tree;
            try {
                tree = (JsonObject) interpolation.apply(document.root(), JsonPath.ROOT);
            } catch (Interpolation.RequiredVariableException e) {
                throw new UnreadableFileException(file, nearest(document, e.path), e.path + ": " + e.getMessage());
            }
            documents.add(document);
            merged = documents.size() == 1 ? tree : ComposeMerge.merge(merged, tree);
        }
        return new ComposeProject(projectName(merged, environment, directory), directory, merged,
                List.copyOf(documents), Map.copyOf(environment), interpolation.unset(), java.util.Set.copyOf(fromDotEnv),
                interpolation.substituted());
    }

    /** The variables of the .env file whose values went into the value at this path (of the merged tree). */
    java.util.Set<String> dotEnvIn(String path) {
        java.util.Set<String> names = substituted.getOrDefault(path, java.util.Set.of());
        java.util.Set<String> out = new java.util.LinkedHashSet<>(names);
        out.retainAll(dotEnv);
        return out;
    }

    Location locate(String path) {
        String probe = path;
        while (true) {
            for (int i = documents.size() - 1; i >= 0; i--) {
                SourcePosition at = documents.get(i).positionOf(probe);
                if (at != null) {
                    return new Location(documents.get(i).file(), at);
                }
            }
            if (probe.isEmpty()) {
                return new Location(documents.get(documents.size() - 1).file(), null);
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut <= 0 ? "" : probe.substring(0, cut);
        }
    }

    private static SourcePosition nearest(ComposeYaml.Document document, String path) {
        String probe = path;
        while (!probe.isEmpty()) {
            SourcePosition at = document.positionOf(probe);
            if (at != null) {
                return at;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut <= 0 ? "" : probe.substring(0, cut);
        }
        return null;
    }

    private static String projectName(JsonObject tree, Map<String, String> environment, Path directory) {
        String name = tree.get("name") instanceof JsonString s && !s.value().isBlank() ? s.value()
                : environment.getOrDefault("COMPOSE_PROJECT_NAME", "");
        if (name.isBlank()) {
            name = directory.getFileName() == null ? "compose" : directory.getFileName().toString();
        }
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return normalized.isEmpty() ? "compose" : normalized;
    }
}
