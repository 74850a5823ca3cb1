package io.stowage.engine.local;

import com.github.dockerjava.api.exception.NotFoundException;
import io.stowage.model.design.Design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The images a design builds, built and pushed outside a run ({@code stowage build}, {@code stowage push}, the
 * desktop's Build and Push): the same builds a local run makes ({@link DesignBuilds}, {@link ImageService}), tagged
 * as the containers name them, pushed with the credentials a run would pull them with. Blocking; called from
 * workers.
 */
public final class DesignImages {
    private final DockerConnection connection;
    private final LocalRunOptions options;
    private final Map<String, BuildSpec> builds;
    private final List<String> problems;

    private DesignImages(DockerConnection connection, LocalRunOptions options, Map<String, BuildSpec> builds,
                         List<String> problems) {
        this.connection = connection;
        this.options = options;
        this.builds = builds;
        this.problems = problems;
    }

    /**
     * What {@code design} builds: its entries' {@code imageBuilds} (and the older {@code localRun.builds}), with
     * relative contexts taken from {@code options.designDirectory()}. Reads no engine.
     */
    public static DesignImages of(Design design, DockerConnection connection, LocalRunOptions options) {
        LocalDesignSettings settings = LocalDesignSettings.of(design, options.designDirectory());
        return new DesignImages(connection, options, java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(settings.builds())), settings.problems());
    }

    /** The builds, by the image they tag, in the design's order. */
    public List<BuildSpec> builds() {
        return List.copyOf(builds.values());
    }

    /** The images built, in the design's order. */
    public List<String> images() {
        return List.copyOf(builds.keySet());
    }

    /** What cannot be built (a remote context, a container without an image), as sentences naming the entry. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Builds one image.
     *
     * @param progress     hears what is done, in words ({@code building ...}, {@code built ... <id>})
     * @param builderLines hears every line the builder prints
     * @return the image id
     * @throws ImageException with the builder's error when the build fails
     * @throws io.stowage.engine.EngineUnavailableException when no engine answers
     */
    public String build(BuildSpec spec, Consumer<String> progress, Consumer<String> builderLines) {
        connection.ping();
        return service(progress, builderLines).build(spec);
    }

    /**
     * Pushes one image as tagged on this engine, creating an ECR repository first when it is missing.
     *
     * @param repositoryCredentials the container's {@code repositoryCredentials.credentialsParameter} (a secret
     *                              holding the registry's user name and password), or null for config.json's
     *
     * @return the digest the registry gave it
     * @throws ImageException with the registry's answer when the push fails, or when the image is not built
     */
    public String push(String image, String repositoryCredentials, Consumer<String> progress) {
        connection.ping();
        return service(progress, null).push(image, repositoryCredentials);
    }

    /** The id of the image tagged {@code image} on this engine, or null when there is none. */
    public String imageId(String image) {
        connection.ping();
        try {
            return connection.client().inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private ImageService service(Consumer<String> progress, Consumer<String> builderLines) {
        RegistryAuth auth = new RegistryAuth(options.dockerConfigDir(), options.registryLogin(), options.secrets());
        return new ImageService(connection.client(), options.pullBehavior(), auth, builds, progress, builderLines);
    }
}
