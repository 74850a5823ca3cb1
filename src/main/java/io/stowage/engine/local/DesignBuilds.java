package io.stowage.engine.local;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.ImageBuild;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The images a design builds, from the {@code imageBuilds} of its service and standalone-task entries
 * ({@link ImageBuild}, what compose import writes from {@code build:}): each is tagged with its container's
 * {@code image}, which is then built instead of pulled. A relative context is relative to the design file's
 * directory, the Dockerfile relative to the context, as compose has them.
 */
final class DesignBuilds {
    private DesignBuilds() {
    }

    /** Adds each entry's builds to {@code out} by image; what cannot be built goes to {@code problems}. */
    static void collect(Design design, Path designDirectory, Map<String, BuildSpec> out, List<String> problems) {
        for (Cluster cluster : design.clusters()) {
            for (var service : cluster.services()) {
                collect(design, "cluster " + cluster.id() + ", service " + service.id(), service.taskDefinitionFamily(),
                        service.extras(), designDirectory, out, problems);
            }
            for (var task : cluster.tasks()) {
                collect(design, "cluster " + cluster.id() + ", task " + task.id(), task.taskDefinitionFamily(),
                        task.extras(), designDirectory, out, problems);
            }
        }
    }

    private static void collect(Design design, String entry, String family, JsonObject extras, Path designDirectory,
                                Map<String, BuildSpec> out, List<String> problems) {
        ImageBuild.in(extras).forEach((container, build) -> {
            String where = entry + ": " + ImageBuild.MEMBER + "." + container;
            String image = family == null ? null : design.taskDefinition(family)
                    .flatMap(td -> td.containerDefinitions().stream().filter(c -> container.equals(c.name())).findFirst())
                    .map(ContainerDefinition::image).orElse(null);
            if (image == null || image.isBlank()) {
                problems.add(where + ": the task definition " + (family == null ? "" : family + " ")
                        + "has no container " + container + " with an image to tag the build with; not built");
                return;
            }
            if (isRemote(build.context())) {
                problems.add(where + ": the remote context " + build.context() + " is not built locally; build and"
                        + " tag " + image + " yourself");
                return;
            }
            Path context = designDirectory.resolve(build.context()).normalize();
            BuildSpec spec = new BuildSpec(image, context,
                    build.dockerfile() == null ? null : context.resolve(build.dockerfile()).normalize(), build.args(),
                    build.target(), build.cacheFrom(), build.labels(), build.network(), build.pull(), build.noCache());
            BuildSpec earlier = out.putIfAbsent(image, spec);
            if (earlier != null && !Objects.equals(earlier, spec)) {
                problems.add(where + ": " + image + " is built differently elsewhere in the design; the first build"
                        + " is used");
            }
        });
    }

    private static boolean isRemote(String context) {
        return context.contains("://") || context.startsWith("git@") || context.endsWith(".git");
    }
}
