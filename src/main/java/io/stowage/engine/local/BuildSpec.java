package io.stowage.engine.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container image to build locally before the run, from a service or task entry's {@code imageBuilds} (or the
 * older {@code localRun.builds[]}; see docs/design-file.md). The result is tagged with the container's
 * {@code image}, so the task definition stays exactly what ECS registers.
 *
 * @param image      the tag: the container definition's image
 * @param context    the build context directory
 * @param dockerfile the Dockerfile, or null for {@code context/Dockerfile}
 * @param buildArgs  build arguments
 * @param target     the stage to build, or null for the last
 * @param cacheFrom  images to take cached layers from
 * @param labels     labels for the image
 * @param network    the network for RUN steps, or null for the builder's default
 * @param pull       whether to pull newer base images, or null for the builder's default
 * @param noCache    whether to build without the cache, or null for the builder's default
 */
public record BuildSpec(String image, Path context, Path dockerfile, Map<String, String> buildArgs, String target,
                        List<String> cacheFrom, Map<String, String> labels, String network, Boolean pull,
                        Boolean noCache) {
    public BuildSpec {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public BuildSpec(String image, Path context, Path dockerfile, Map<String, String> buildArgs, String target) {
        this(image, context, dockerfile, buildArgs, target, List.of(), Map.of(), null, null, null);
    }
}
