package io.stowage.cli;

import io.stowage.engine.ecs.EcsSettings;
import picocli.CommandLine.Option;

import java.net.URI;

/** Where and as whom the ECS commands talk to AWS; what is not given comes from the SDK's default chain. */
final class EcsOptions {
    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: AWS_REGION, then the profile's region).")
    String region;

    @Option(names = "--profile", paramLabel = "PROFILE",
            description = "A profile of ~/.aws/config or ~/.aws/credentials, SSO profiles included (default: "
                    + "AWS_PROFILE, then the default chain: environment, files, SSO, instance role).")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Another endpoint for ECS, EC2, SSM and IAM, e.g. a local emulator (http://127.0.0.1:5000).")
    URI endpointUrl;

    EcsSettings settings() {
        return new EcsSettings(region, profile, endpointUrl, null);
    }
}
