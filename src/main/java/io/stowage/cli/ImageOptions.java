package io.stowage.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** What {@code stowage build} and {@code stowage push} both take: the design, the docker CLI's config, AWS. */
final class ImageOptions {
    @Option(names = "--docker-config", paramLabel = "DIR", description = "Where the docker CLI's config.json is"
            + " (credentials, credential helpers) (default: DOCKER_CONFIG, else ~/.docker).")
    Path dockerConfig;

    @Mixin
    EcsOptions ecs;

    @Parameters(paramLabel = "DESIGN", arity = "0..1", description = "A *.stowage.json design (default: the only one"
            + " in the current folder).")
    Path file;
}
