package io.stowage.format.imports;

import io.stowage.format.ConversionReport;
import io.stowage.format.JsonDocument;
import io.stowage.format.JsonFileReader;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.format.UnreadableFileException;
import io.stowage.format.compose.ComposeImport;
import io.stowage.format.compose.ImportAdvice;
import io.stowage.format.design.DesignFormat;
import io.stowage.model.design.Design;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.DesignNote;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.ecs.TaskDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One import, for the command line ({@code stowage import}) and the desktop (File › Import) alike: files and
 * options in; the design, what did not map and the notes on how it was sized out. Compose files are merged in
 * order, as {@code docker compose -f a -f b} does, with the override file {@code docker compose} reads beside a
 * file of a default name ({@link #files}); task-definition files become the services of one cluster.
 */
public final class DesignImport {
    /**
     * The names {@code docker compose} looks for when no {@code -f} is given, and the override files it then reads
     * beside them, first found first (compose-go's {@code DefaultFileNames} and {@code DefaultOverrideFileNames}).
     */
    public static final List<String> DEFAULT_FILE_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yml",
            "docker-compose.yaml");
    public static final List<String> OVERRIDE_FILE_NAMES = List.of("compose.override.yml", "compose.override.yaml",
            "docker-compose.override.yml", "docker-compose.override.yaml");

    /** What the files are. */
    public enum Kind {
        /** Compose files (*.yml, *.yaml), merged in order. */
        COMPOSE,
        /** Task-definition JSON files, each a service. */
        TASK_DEFINITIONS
    }

    /**
     * The files an import reads.
     *
     * @param kind      compose files or task definitions
     * @param files     the files, merged in order: the chosen ones, each followed by the override file found beside
     *                  it (compose files only)
     * @param overrides the override files found (a part of {@code files})
     */
    public record Files(Kind kind, List<Path> files, List<Path> overrides) {
        public Files {
            files = List.copyOf(files);
            overrides = List.copyOf(overrides);
        }
    }

    /**
     * How to import.
     *
     * @param name            the design's name, or null: the compose project's name, or that of the one
     *                        task-definition file ("task definitions" for several)
     * @param profiles        compose: the profiles to activate ({@code *} for all); COMPOSE_PROFILES adds to them
     * @param singleTask      compose: every service a container of one task definition
     * @param designDirectory where the design will be written, for build contexts relative to it; null keeps them
     *                        absolute
     * @param environment     compose: the variables for interpolation
     * @param advice          how the report names the import's own choices
     * @param inlineEnvFiles  compose: the values of .env and env_file go into the design, not {@link Result#secrets()}
     */
    public record Options(String name, List<String> profiles, boolean singleTask, Path designDirectory,
                          Map<String, String> environment, ImportAdvice advice, boolean inlineEnvFiles) {
        public Options {
            profiles = List.copyOf(profiles);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * What an import gave.
     *
     * @param kind     compose files or task definitions
     * @param files    the files read, in order
     * @param design   the design (no identity yet)
     * @param report   what did not map, item by item (empty for task definitions)
     * @param notes    how the design was sized
     * @param secrets  compose: the values kept out of the design, by the {@code valueFrom} of the secret that stands
     *                 for each, for the secrets file beside the design
     * @param project  compose: the project's name; null for task definitions
     * @param imported how many compose services or task definitions were imported
     */
    public record Result(Kind kind, List<Path> files, Design design, ConversionReport report, List<DesignNote> notes,
                         Map<String, String> secrets, String project, int imported) {
        public Result {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
            secrets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        }
    }

    private DesignImport() {
    }

    /**
     * The files an import of the chosen ones reads: the chosen files in order, each compose file of a default name
     * followed by the first override file beside it (unless that one was chosen too), as {@code docker compose} reads
     * {@code docker-compose.override.yml} beside {@code docker-compose.yml}.
     *
     * @param overrides whether to look for override files at all ({@code docker compose -f} does not)
     * @throws UnreadableFileException when compose files and task-definition files are mixed
     */
    public static Files files(List<Path> chosen, boolean overrides) throws UnreadableFileException {
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no files to import");
        }
        List<Path> compose = chosen.stream().filter(ComposeImport::isComposeFile).toList();
        if (compose.isEmpty()) {
            return new Files(Kind.TASK_DEFINITIONS, chosen, List.of());
        }
        if (compose.size() < chosen.size()) {
            Path other = chosen.stream().filter(f -> !ComposeImport.isComposeFile(f)).findFirst().orElseThrow();
            throw new UnreadableFileException(other, null, "import compose files (*.yml, *.yaml) and task-definition "
                    + "files separately; this one is not a compose file");
        }
        List<Path> files = new ArrayList<>();
        List<Path> found = new ArrayList<>();
        for (Path file : chosen) {
            files.add(file);
            Path override = overrides ? overrideOf(file) : null;
            if (override != null && !chosen.contains(override) && !files.contains(override)) {
                files.add(override);
                found.add(override);
            }
        }
        return new Files(Kind.COMPOSE, files, found);
    }

    /** The override file {@code docker compose} reads beside this file, or null (not a default name, or none). */
    public static Path overrideOf(Path file) {
        Path name = file.getFileName();
        if (name == null || !DEFAULT_FILE_NAMES.contains(name.toString())) {
            return null;
        }
        for (String overrideName : OVERRIDE_FILE_NAMES) {
            Path override = file.resolveSibling(overrideName);
            if (java.nio.file.Files.isRegularFile(override)) {
                return override;
            }
        }
        return null;
    }

    /**
     * The profiles the services of these compose files (merged in order) belong to, sorted.
     *
     * @throws UnreadableFileException when a file cannot be read or merged
     */
    public static List<String> profiles(Files files, Map<String, String> environment) throws UnreadableFileException {
        return files.kind() == Kind.COMPOSE ? ComposeImport.profiles(files.files(), environment) : List.of();
    }

    /**
     * Reads and converts the files.
     *
     * @throws UnreadableFileException when a file cannot be read (the message names file, line and column or JSON
     *                                 path), is a design rather than a task definition, or no compose service can be
     *                                 imported
     */
    public static Result read(Files files, Options options) throws UnreadableFileException {
        return files.kind() == Kind.COMPOSE ? compose(files.files(), options) : taskDefinitions(files.files(), options);
    }

    /**
     * Reads task-definition files, each on its own: every one that cannot be read is in the list (empty when all
     * can), so that a caller can name them all at once.
     */
    public static List<UnreadableFileException> unreadableTaskDefinitions(List<Path> files) {
        List<UnreadableFileException> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                readTaskDefinition(file);
            } catch (UnreadableFileException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    private static Result compose(List<Path> files, Options options) throws UnreadableFileException {
        ComposeImport.Result result = ComposeImport.read(files, new ComposeImport.Options(options.name(),
                options.profiles(), options.singleTask(), options.designDirectory(), options.environment(),
                options.advice(), options.inlineEnvFiles()));
        return new Result(Kind.COMPOSE, files, result.imported().design(), result.report(), result.imported().notes(),
                result.secrets(), result.project(), result.services().size());
    }

    private static Result taskDefinitions(List<Path> files, Options options) throws UnreadableFileException {
        List<TaskDefinition> read = new ArrayList<>();
        for (Path file : files) {
            read.add(readTaskDefinition(file));
        }
        String name = options.name() != null ? options.name() : files.size() == 1
                ? files.get(0).getFileName().toString().replaceFirst("\\.json$", "") : "task definitions";
        ImportedDesign imported = DesignFromTaskDefinitions.build(name, read);
        return new Result(Kind.TASK_DEFINITIONS, files, imported.design(), new ConversionReport(), imported.notes(),
                Map.of(), null, read.size());
    }

    private static TaskDefinition readTaskDefinition(Path file) throws UnreadableFileException {
        JsonDocument document = JsonFileReader.read(file);
        if (DesignFormat.isDesign(file, document)) {
            throw new UnreadableFileException(file, null, "this is a Stowage design, not a task definition;"
                    + " open it instead (File › Open in the desktop; DESIGN on the command line)");
        }
        return TaskDefinitionFormat.fromDocument(document).taskDefinition();
    }
}
