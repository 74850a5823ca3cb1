package io.stowage.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Push the images stowage build built for the design to their registries, and record the"
                + " digest each registry gave in DESIGN's .images.json beside it (shop.stowage.json ->"
                + " shop.images.json), so that stowage deploy registers image@sha256:... (deploy --images tag keeps"
                + " the tag instead).",
                "Registries: Amazon ECR (the repository is created when missing; login with GetAuthorizationToken,"
                        + " as the AWS SDK is configured or with --region, --profile, --endpoint-url), Docker Hub and"
                        + " any other registry, with the credentials the docker CLI would use: config.json's"
                        + " credHelpers, credsStore and auths, or the container's repositoryCredentials secret.",
                "Exit 0 when every image was pushed, 1 when one is not built or a push failed (what was pushed"
                        + " before is recorded), 2 when the design or its images.json cannot be read, 4 when no"
                        + " Docker engine answers."})
final class PushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImageOptions images;

    @Override
    public Integer call() {
        return new ImageWork("push", spec.commandLine().getOut(), spec.commandLine().getErr())
                .run(images.file, images.dockerConfig, images.ecs.settings(), false, true);
    }
}
