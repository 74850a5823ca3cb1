package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.model.json.JsonObject;

import java.nio.file.Path;

/**
 * What converting one compose project needs everywhere: the project, the report items go to (located at their
 * file and line), the directory the design will be written to, against which build contexts are kept relative,
 * and how its advice names the import's own choices.
 */
final class ImportContext {
    final ComposeProject project;
    final ConversionReport report;
    private final Path designDirectory;
    private final ImportAdvice advice;
    private final boolean inlineEnvFiles;
    private final java.util.Map<String, String> secrets = new java.util.LinkedHashMap<>();
    /** The paths of container environment values, where .env values are kept out of the design. */
    private final java.util.Set<String> environmentPaths = new java.util.HashSet<>();

    ImportContext(ComposeProject project, ConversionReport report, Path designDirectory, ImportAdvice advice) {
        this(project, report, designDirectory, advice, false);
    }

    ImportContext(ComposeProject project, ConversionReport report, Path designDirectory, ImportAdvice advice,
                  boolean inlineEnvFiles) {
        this.project = project;
        this.inlineEnvFiles = inlineEnvFiles;
        this.advice = advice;
        this.report = report;
        this.designDirectory = designDirectory == null ? null : designDirectory.toAbsolutePath().normalize();
    }

    /** Whether the values of .env and env_file go into the design as they are (the user asked). */
    boolean inlineEnvFiles() {
        return inlineEnvFiles;
    }

    /** Keeps a value out of the design: the secret {@code valueFrom} stands for it in the secrets file. */
    void secret(String valueFrom, String value) {
        secrets.put(valueFrom, value);
    }

    java.util.Map<String, String> secrets() {
        return secrets;
    }

    /** Remembers where a container's environment values were, which the environment's own item covers. */
    void environmentValue(String path) {
        environmentPaths.add(path);
    }

    boolean isEnvironmentValue(String path) {
        return environmentPaths.contains(path);
    }

    /** How the report names the import's own choices. */
    ImportAdvice advice() {
        return advice;
    }

    void notMapped(String path, String message) {
        add(ConversionReport.Kind.NOT_MAPPED, path, message);
    }

    void approximated(String path, String message) {
        add(ConversionReport.Kind.APPROXIMATED, path, message);
    }

    void assumed(String path, String message) {
        add(ConversionReport.Kind.ASSUMED, path, message);
    }

    void add(ConversionReport.Kind kind, String path, String message) {
        ComposeProject.Location at = project.locate(path);
        report.add(new ConversionReport.Item(kind, path, message, at.file(), at.position()));
    }

    JsonObject topLevel(String key) {
        return project.tree().get(key) instanceof JsonObject o ? o : JsonObject.EMPTY;
    }

    /** A host path of the compose file as an absolute path: relative to the project directory, {@code ~} the home. */
    String hostPath(String path) {
        if (path.startsWith("~")) {
            return Path.of(System.getProperty("user.home") + path.substring(1)).normalize().toString();
        }
        if (path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':') {
            return path;
        }
        return project.directory().resolve(path).normalize().toString();
    }

    /**
     * A build context as the design keeps it: relative to the design file's directory when that is known and the
     * context lies in it or beside it, else absolute; remote contexts (URLs, git) as written.
     */
    String buildContext(String context) {
        if (context.contains("://") || context.startsWith("git@") || context.endsWith(".git")) {
            return context;
        }
        Path absolute = Path.of(hostPath(context));
        if (designDirectory == null) {
            return absolute.toString();
        }
        String relative = designDirectory.relativize(absolute).toString().replace('\\', '/');
        // Far from the design, a relative path says less than the absolute one.
        return relative.isEmpty() ? "." : relative.startsWith("../../") ? absolute.toString() : relative;
    }
}
