package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.DesignFromTaskDefinitions;
import io.stowage.model.design.DesignFromWorkloads;
import io.stowage.model.design.ImageBuild;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Imports compose files (versions 2, 2.x, 3.x and the Compose Specification) into a design that runs as it is.
 * By default each compose service becomes a task definition (family and container named after the service, bridge
 * network mode) and an ECS service of that name, on one cluster with capacity that fits every task at once; a
 * {@code replicated-job} becomes a standalone task. With {@link Options#singleTask()} every service becomes a
 * container of one task definition instead, as {@code ecs-cli compose} did, so that {@code depends_on}, links and
 * {@code volumes_from} carry over. Everything that does not map is in the report, item by item.
 */
public final class ComposeImport {
    /**
     * How to import.
     *
     * @param name            the design's name, or null for the project name
     * @param profiles        the profiles to activate (services without profiles are always imported); {@code *}
     *                        activates all; COMPOSE_PROFILES in the environment adds to them
     * @param singleTask      every service a container of one task definition, instead of one each
     * @param designDirectory where the design will be written, for build contexts relative to it; may be null
     * @param environment     the variables for interpolation (the process environment, usually)
     * @param inlineEnvFiles  write the values of {@code .env} and {@code env_file} into the task definitions'
     *                        environment; by default they are kept out of the design (which people commit, where
     *                        these files are kept out of version control): each becomes an ECS secret whose value
     *                        is in {@link Result#secrets()}, for the secrets file beside the design
     */
    public record Options(String name, List<String> profiles, boolean singleTask, Path designDirectory,
                          Map<String, String> environment, ImportAdvice advice, boolean inlineEnvFiles) {
        public Options {
            profiles = List.copyOf(profiles);
            environment = Map.copyOf(environment);
        }

        public Options(String name, List<String> profiles, boolean singleTask, Path designDirectory,
                       Map<String, String> environment, ImportAdvice advice) {
            this(name, profiles, singleTask, designDirectory, environment, advice, false);
        }

        /** Options whose report advises the command line's options. */
        public Options(String name, List<String> profiles, boolean singleTask, Path designDirectory,
                       Map<String, String> environment) {
            this(name, profiles, singleTask, designDirectory, environment, ImportAdvice.COMMAND_LINE);
        }
    }

    /**
     * What the import gave.
     *
     * @param imported the design and the notes of how it was sized
     * @param report   what did not map, item by item
     * @param project  the compose project name
     * @param services the compose services imported, in order
     * @param secrets  the values kept out of the design, by the {@code valueFrom} of the secret that stands for
     *                 each: for the secrets file beside the design ({@code SecretsFileFormat.merge}), which the
     *                 local run reads; empty with {@link Options#inlineEnvFiles()}
     */
    public record Result(ImportedDesign imported, ConversionReport report, String project, List<String> services,
                         Map<String, String> secrets) {
        public Result {
            secrets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secrets));
        }
    }

    private ComposeImport() {
    }

    /** Whether a file is meant as a compose file: YAML by its name. */
    public static boolean isComposeFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    /**
     * Reads the files (merged in order, as {@code docker compose -f a -f b} does) and converts them.
     *
     * @throws UnreadableFileException when a file is not YAML, not a compose file, requires a variable that is
     *                                 not set, or no service can be imported; the message names file, line, column
     */
    public static Result read(List<Path> files, Options options) throws UnreadableFileException {
        ComposeProject project = ComposeProject.load(files, options.environment());
        Path last = files.get(files.size() - 1);
        if (!(project.tree().get("services") instanceof JsonObject services) || services.isEmpty()) {
            ComposeProject.Location at = project.locate("services");
            throw new UnreadableFileException(at.file(), at.position(), project.tree().has("services")
                    ? "services: expected a mapping of services, found " + describe(project.tree().get("services"))
                    : "no services: a compose file lists its services under services:");
        }
        ConversionReport report = new ConversionReport();
        ImportContext ctx = new ImportContext(project, report, options.designDirectory(), options.advice(),
                options.inlineEnvFiles());
        ImportAdvice advice = options.advice();
        Set<String> active = activeProfiles(options, project);

        List<ServiceDraft> drafts = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String name : services.keys()) {
            String path = new JsonPath("services").key(name).text();
            if (!(services.get(name) instanceof JsonObject service)) {
                ctx.notMapped(path, "expected a mapping of service settings");
                refused.add(name);
                continue;
            }
            List<String> profiles = ComposeValues.strings(service.get("profiles"));
            if (!profiles.isEmpty() && !active.contains("*") && profiles.stream().noneMatch(active::contains)) {
                ctx.notMapped(path, "not imported: its profile" + (profiles.size() == 1 ? " " : "s ")
                        + String.join(", ", profiles) + (profiles.size() == 1 ? " is" : " are") + " not active "
                        + "(import " + advice.profile(profiles.get(0)) + ")");
                continue;
            }
            if (ComposeValues.text(service.get("image")) == null && !service.has("build")) {
                ctx.notMapped(path, "not imported: it has neither image nor build, so it only adds to a service of "
                        + "another file; import it together with the file it extends (stowage import base.yml "
                        + last.getFileName() + ")");
                refused.add(name);
                continue;
            }
            drafts.add(ServiceConverter.convert(name, service, ctx));
        }
        if (drafts.isEmpty()) {
            ComposeProject.Location at = project.locate("services");
            throw new UnreadableFileException(at.file(), at.position(), "no service can be imported: " + (refused.isEmpty()
                    ? "every service belongs to a profile that is not active; choose one " + advice.anyProfile()
                    : String.join(", ", refused) + " have neither image nor build (an override file is imported "
                    + "together with the file it extends)"));
        }
        for (Interpolation.Unset unset : project.unset()) {
            ctx.assumed(unset.path(), "the variable " + unset.variable() + " is not set, so ${" + unset.variable()
                    + "} stays in the design as a placeholder here and wherever else it is used (compose would make it "
                    + "empty); set it, or put it in .env beside the compose file, and import again");
        }
        TopLevelKeys.report(ctx, drafts);
        EnvironmentSettings.reportDotEnvElsewhere(ctx);

        String clusterId = TopLevelKeys.cluster(ctx);
        List<DesignFromWorkloads.Workload> workloads = options.singleTask()
                ? SingleTaskLayout.workloads(project.name(), drafts, ctx)
                : servicePerTask(drafts, ctx);
        report.sort(files);
        String designName = options.name() != null ? options.name() : project.name();
        ImportedDesign imported = DesignFromWorkloads.build(designName,
                clusterId == null ? DesignFromTaskDefinitions.CLUSTER_ID : clusterId, workloads, List.of());
        return new Result(imported, report, project.name(), drafts.stream().map(d -> d.name).toList(), ctx.secrets());
    }

    /**
     * The profiles the services of these files (merged in order) belong to, sorted: what an importer may choose
     * from. Services without profiles are always imported and add nothing here.
     *
     * @throws UnreadableFileException as {@link #read} does for a file that cannot be read or merged
     */
    public static List<String> profiles(List<Path> files, Map<String, String> environment)
            throws UnreadableFileException {
        ComposeProject project = ComposeProject.load(files, environment);
        java.util.TreeSet<String> found = new java.util.TreeSet<>();
        if (project.tree().get("services") instanceof JsonObject services) {
            for (String name : services.keys()) {
                if (services.get(name) instanceof JsonObject service) {
                    found.addAll(ComposeValues.strings(service.get("profiles")));
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<DesignFromWorkloads.Workload> servicePerTask(List<ServiceDraft> drafts, ImportContext ctx) {
        ImportAdvice advice = ctx.advice();
        Set<String> names = new LinkedHashSet<>();
        drafts.forEach(d -> names.add(d.name));
        List<DesignFromWorkloads.Workload> out = new ArrayList<>();
        for (ServiceDraft draft : drafts) {
            for (ServiceDraft.Dependency dependency : draft.dependencies) {
                ctx.notMapped(dependency.path(), "ECS orders only the containers of one task (dependsOn "
                        + dependency.condition() + " would keep " + dependency.composeCondition() + "); "
                        + dependency.service() + " is a service of its own, which ECS starts independently. Import "
                        + advice.singleTask() + " to keep the order" + (names.contains(dependency.service()) ? ""
                        : "; besides, " + dependency.service() + " is not imported"));
            }
            if (!draft.links.isEmpty()) {
                ctx.notMapped(draft.path + ".links", "ECS links join containers of one task only; import "
                        + advice.singleTask() + " to keep them");
            }
            for (ServiceDraft.VolumesFrom from : draft.volumesFrom) {
                ctx.notMapped(from.path(), "ECS takes volumes from containers of the same task only; import "
                        + advice.singleTask() + " to keep it");
            }
            out.add(workload(draft.name, draft.task.withFamily(draft.container.name()),
                    List.of(draft), draft.spec.json(), draft.runOnce));
        }
        return out;
    }

    /** A task definition for the drafts' containers, in bridge mode unless a draft chose another. */
    static DesignFromWorkloads.Workload workload(String id, TaskDefinition base,
                                                 List<ServiceDraft> drafts, JsonObject overrides, boolean standalone) {
        List<Json> containers = new ArrayList<>();
        List<Json> volumes = new ArrayList<>();
        Set<String> volumeNames = new LinkedHashSet<>();
        JsonObject builds = JsonObject.EMPTY;
        for (ServiceDraft draft : drafts) {
            containers.add(draft.finishedContainer().json());
            draft.volumes.forEach((name, volume) -> {
                if (volumeNames.add(name)) {
                    volumes.add(volume);
                }
            });
            if (draft.build != null) {
                builds = ImageBuild.with(builds, draft.container.name(), ImageBuild.fromJson(draft.build));
            }
        }
        TaskDefinition td = base;
        if (td.networkMode() == null) {
            td = td.withNetworkMode("bridge");
        }
        td = td.withMember("containerDefinitions", JsonArray.of(containers));
        if (!volumes.isEmpty()) {
            td = td.withMember("volumes", JsonArray.of(volumes));
        }
        td = td.withRequiresCompatibilities(List.of("EC2"));
        if (standalone) {
            Json count = overrides.get("desiredCount");
            overrides = count == null ? JsonObject.EMPTY : JsonObject.builder().put("count", count).build();
        }
        return new DesignFromWorkloads.Workload(id, td, overrides, builds, standalone);
    }

    private static Set<String> activeProfiles(Options options, ComposeProject project) {
        Set<String> active = new LinkedHashSet<>(options.profiles());
        String fromEnvironment = project.environment().get("COMPOSE_PROFILES");
        if (fromEnvironment != null) {
            for (String profile : fromEnvironment.split(",")) {
                if (!profile.isBlank()) {
                    active.add(profile.strip());
                }
            }
        }
        return active;
    }

    private static String describe(Json value) {
        return value instanceof JsonArray ? "a list" : "\"" + ComposeValues.text(value) + "\"";
    }
}
