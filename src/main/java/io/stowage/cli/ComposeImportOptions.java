package io.stowage.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The options of {@code stowage import} that only compose files use. */
final class ComposeImportOptions {
    @Option(names = "--compose-profile", paramLabel = "PROFILE",
            description = "Compose files: also import the services of this profile (repeatable; * for all). "
                    + "COMPOSE_PROFILES adds to them.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--single-task",
            description = "Compose files: put every service in one task definition (run by one service), so that "
                    + "depends_on, links and volumes_from carry over. Default: a task definition and a service each.")
    boolean singleTask;

    @Option(names = "--inline-env-files",
            description = "Compose files: write the values of .env and env_file into the task definitions' "
                    + "environment. Default: they are kept out of the design (these files are kept out of version "
                    + "control, designs are not): each becomes an ECS secret whose value goes to DESIGN's "
                    + ".secrets.json file beside it (0600), which the local run reads.")
    boolean inlineEnvFiles;
}
