package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes images present for a run: builds those the design builds, pulls the others as the pull behaviour says,
 * with credentials from {@link RegistryAuth}. One pull of an image at a time however many tasks want it, as the
 * agent's image manager does. Blocking; called from workers.
 */
final class ImageService {
    private final DockerClient docker;
    private final PullBehavior behavior;
    private final RegistryAuth auth;
    private final Map<String, BuildSpec> builds;
    private final Consumer<String> progress;
    private final Consumer<String> builderLines;
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    ImageService(DockerClient docker, PullBehavior behavior, RegistryAuth auth, Map<String, BuildSpec> builds,
                 Consumer<String> progress) {
        this(docker, behavior, auth, builds, progress, null);
    }

    /**
     * @param builderLines hears every line the builder prints (RUN steps' output included), or null for its
     *                     {@code Step} lines only, through {@code progress}
     */
    ImageService(DockerClient docker, PullBehavior behavior, RegistryAuth auth, Map<String, BuildSpec> builds,
                 Consumer<String> progress, Consumer<String> builderLines) {
        this.docker = docker;
        this.behavior = behavior;
        this.auth = auth;
        this.builds = Map.copyOf(builds);
        this.progress = progress;
        this.builderLines = builderLines;
    }

    /**
     * Makes {@code image} present.
     *
     * @param repositoryCredentials the container's repositoryCredentials parameter, or null
     * @return a note to report (e.g. the pull failed and the cached image is used), or null
     * @throws TaskSetupException with {@code CannotPullContainerError: ...} when the image cannot be had
     */
    String ensure(String image, String repositoryCredentials) {
        return ensure(image, repositoryCredentials, null);
    }

    /** As {@link #ensure(String, String)}, pulling with a task's execution role's access when it has one. */
    String ensure(String image, String repositoryCredentials, ExecutionRoles.Access task) {
        boolean built = builds.containsKey(image);
        if (!built && skipPull(image)) {
            return null;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> existing = inFlight.putIfAbsent(image, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            String note = built ? buildForRun(builds.get(image)) : pull(image, repositoryCredentials, task);
            done.add(image);
            mine.complete(note);
            return note;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            if (!built && behavior != PullBehavior.ONCE) {
                inFlight.remove(image, mine);
            }
        }
    }

    private boolean skipPull(String image) {
        return switch (behavior) {
            case PREFER_CACHED -> done.contains(image) || cachedOnce(image);
            case ONCE -> done.contains(image) && cached(image);
            default -> false;
        };
    }

    private static String await(CompletableFuture<String> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new TaskSetupException("CannotPullContainerError: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskSetupException("CannotPullContainerError: interrupted");
        }
    }

    /** Cached, remembered for the run once seen, so that twenty containers of one image ask Docker once. */
    private boolean cachedOnce(String image) {
        if (cached(image)) {
            done.add(image);
            return true;
        }
        return false;
    }

    private final Map<String, List<String>> envs = new java.util.concurrent.ConcurrentHashMap<>();

    /** The image's own ENV (what the agent reads for its managed keys), asked once per image and run. */
    List<String> env(String image) {
        return envs.computeIfAbsent(image, i -> {
            try {
                var config = docker.inspectImageCmd(i).exec().getConfig();
                return config == null || config.getEnv() == null ? List.of() : List.of(config.getEnv());
            } catch (NotFoundException e) {
                return List.of();
            }
        });
    }

    boolean cached(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private String pull(String image, String repositoryCredentials, ExecutionRoles.Access task) {
        ImageName name = ImageName.parse(image);
        try {
            AuthConfig credentials = auth.forImage(name, repositoryCredentials, task);
            var cmd = docker.pullImageCmd(name.repository());
            if (name.digest() != null) {
                cmd.withTag(name.digest());
            } else {
                cmd.withTag(name.tag());
            }
            if (credentials != null) {
                cmd.withAuthConfig(credentials);
            }
            progress.accept("pulling " + image);
            cmd.exec(new PullImageResultCallback() {
                @Override
                public void onNext(PullResponseItem item) {
                    super.onNext(item);
                    if (item.getStatus() != null && item.getId() != null
                            && (item.getStatus().startsWith("Pull complete") || item.getStatus().startsWith("Already"))) {
                        progress.accept(image + ": " + item.getId() + " " + item.getStatus());
                    }
                }
            }).awaitCompletion(30, TimeUnit.MINUTES);
            progress.accept("pulled " + image);
            return null;
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (DockerErrors.isConnectionFailure(e)) {
                throw (e instanceof RuntimeException r) ? r : new IllegalStateException(e);
            }
            String why = e instanceof TaskSetupException ? e.getMessage()
                    : "CannotPullContainerError: " + DockerErrors.message(e);
            if (behavior == PullBehavior.DEFAULT && cached(image)) {
                // What happened first, then why: the run goes on, so the failure is the detail.
                return "the cached image " + image + " is used, as the agent's default pull behaviour does, because"
                        + " the pull failed: " + why;
            }
            throw new TaskSetupException(why, e);
        }
    }

    /**
     * Pushes a local image to its registry with the credentials {@link RegistryAuth} finds for it, first creating
     * its repository where the registry needs that (ECR, through {@link RegistryLogin#ensureRepository}).
     *
     * @return the digest the registry gave the pushed manifest ({@code sha256:...})
     * @throws ImageException naming the registry's answer when the push fails
     */
    String push(String image, String repositoryCredentials) {
        ImageName name = ImageName.parse(image);
        if (name.digest() != null) {
            throw new ImageException(image + " names a digest; a push needs a tag");
        }
        try {
            docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new ImageException("pushing " + image + " failed: there is no image " + image
                    + " on this Docker engine; build it first (stowage build)");
        }
        AuthConfig credentials;
        try {
            String created = auth.ensureRepository(name);
            if (created != null) {
                progress.accept(created);
            }
            credentials = auth.forImage(name, repositoryCredentials);
        } catch (TaskSetupException e) {
            throw new ImageException("pushing " + image + " failed: " + withoutPullPrefix(e.getMessage()), e);
        }
        var cmd = docker.pushImageCmd(name.repository()).withTag(name.tag());
        if (credentials != null) {
            cmd.withAuthConfig(credentials);
        }
        progress.accept("pushing " + image + (credentials == null ? " (no credentials for " + name.registry()
                + " in " + auth.configFile() + ")" : ""));
        String[] failure = new String[1];
        String[] digest = new String[1];
        try {
            cmd.exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getErrorDetail() != null || item.getError() != null) {
                        failure[0] = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
                    } else if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest[0] = item.getAux().getDigest();
                    } else if (item.getStatus() != null && item.getId() != null && item.getStatus().equals("Pushed")) {
                        progress.accept(image + ": " + item.getId() + " pushed");
                    }
                }
            }).awaitCompletion(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("pushing " + image + " was interrupted");
        } catch (RuntimeException e) {
            if (DockerErrors.isConnectionFailure(e)) {
                throw e;
            }
            throw new ImageException("pushing " + image + " failed: " + DockerErrors.message(e), e);
        }
        if (failure[0] != null) {
            throw new ImageException("pushing " + image + " failed: " + failure[0]);
        }
        if (digest[0] == null) {
            digest[0] = repoDigest(name);
        }
        if (digest[0] == null) {
            throw new ImageException("pushing " + image + ": the registry answered without the pushed digest");
        }
        progress.accept("pushed " + image + " " + digest[0]);
        return digest[0];
    }

    /** The digest Docker keeps for the image in the repository since its last push or pull, or null. */
    private String repoDigest(ImageName name) {
        var digests = docker.inspectImageCmd(name.reference()).exec().getRepoDigests();
        if (digests == null) {
            return null;
        }
        return digests.stream().filter(d -> d.startsWith(name.repository() + "@"))
                .map(d -> d.substring(d.indexOf('@') + 1)).findFirst().orElse(null);
    }

    private static String withoutPullPrefix(String message) {
        String prefix = "CannotPullContainerError: ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    /** A build for a run: a failure is the reason ECS would give a task whose image cannot be had. */
    private String buildForRun(BuildSpec spec) {
        try {
            build(spec);
            return null;
        } catch (ImageException e) {
            throw new TaskSetupException("CannotPullContainerError: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the image and tags it as {@code spec.image()}.
     *
     * @return the built image's id
     * @throws ImageException with the builder's error (and its last lines) when the build fails
     */
    String build(BuildSpec spec) {
        progress.accept("building " + spec.image() + " from " + spec.context());
        Path dockerfile = spec.dockerfile() != null ? spec.dockerfile() : spec.context().resolve("Dockerfile");
        if (!Files.isDirectory(spec.context())) {
            throw new ImageException("building " + spec.image() + " failed: the build context " + spec.context()
                    + " is not a directory");
        }
        if (!Files.isRegularFile(dockerfile)) {
            throw new ImageException("building " + spec.image() + " failed: there is no Dockerfile " + dockerfile);
        }
        var cmd = docker.buildImageCmd().withBaseDirectory(spec.context().toFile())
                .withTags(Set.of(spec.image())).withRemove(true);
        cmd.withDockerfile(dockerfile.toFile());
        spec.buildArgs().forEach(cmd::withBuildArg);
        if (spec.target() != null) {
            cmd.withTarget(spec.target());
        }
        if (!spec.cacheFrom().isEmpty()) {
            cmd.withCacheFrom(new java.util.LinkedHashSet<>(spec.cacheFrom()));
        }
        if (!spec.labels().isEmpty()) {
            cmd.withLabels(spec.labels());
        }
        if (spec.network() != null) {
            cmd.withNetworkMode(spec.network());
        }
        if (spec.pull() != null) {
            cmd.withPull(spec.pull());
        }
        if (spec.noCache() != null) {
            cmd.withNoCache(spec.noCache());
        }
        String id;
        StringBuilder partial = new StringBuilder();
        try {
            id = cmd.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    super.onNext(item);
                    String stream = item.getStream();
                    if (stream == null) {
                        return;
                    }
                    if (builderLines == null) {
                        if (stream.startsWith("Step ")) {
                            progress.accept(spec.image() + ": " + stream.strip());
                        }
                        return;
                    }
                    // The builder streams bytes, not lines: a line may come in pieces.
                    partial.append(stream);
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        builderLines.accept(partial.substring(0, nl).stripTrailing());
                        partial.delete(0, nl + 1);
                    }
                }
            }).awaitImageId();
        } catch (RuntimeException e) {
            if (DockerErrors.isConnectionFailure(e)) {
                throw e;
            }
            throw new ImageException("building " + spec.image() + " from " + spec.context() + " failed: "
                    + DockerErrors.message(e).replaceFirst("^Could not build image: ", "").strip(), e);
        } finally {
            if (builderLines != null && partial.length() > 0) {
                builderLines.accept(partial.toString().stripTrailing());
            }
        }
        progress.accept("built " + spec.image() + " " + id);
        return id;
    }
}
