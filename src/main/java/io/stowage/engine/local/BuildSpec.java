package io.stowage.engine.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * A container image to build locally before the run: the design extension {@code localRun.builds[]} (see
 * docs/design-file.md). The result is tagged with the container's {@code image}, so the task definition stays
 * exactly what ECS registers.
 *
 * @param image      the tag: the container definition's image
 * @param context    the build context directory
 * @param dockerfile the Dockerfile, or null for {@code context/Dockerfile}
 * @param buildArgs  build arguments
 * @param target     the stage to build, or null for the last
 */
public record BuildSpec(String image, Path context, Path dockerfile, Map<String, String> buildArgs, String target) {
    public BuildSpec {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    }
}
