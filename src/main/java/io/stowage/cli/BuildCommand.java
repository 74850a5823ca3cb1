package io.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build every image the design builds (its service and task entries' imageBuilds: context,"
                + " Dockerfile, target, args, labels), on the Docker engine at DOCKER_HOST, each tagged as its"
                + " container's image names it; with --push, push them too (as stowage push does).",
                "The builder's own lines are printed as they come, indented; a failed step ends the command with"
                        + " the builder's error.",
                "Exit 0 when every image was built (and pushed), 1 when a build or push failed, 2 when the design"
                        + " or its images.json cannot be read, 4 when no Docker engine answers."})
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--push", description = "Push each image once built, and record its digest (see stowage push).")
    boolean push;

    @Mixin
    ImageOptions images;

    @Override
    public Integer call() {
        return new ImageWork("build", spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(images.file, images.dockerConfig, images.ecs.settings(), true, push);
    }
}
