package io.stowage.engine.local;

import java.util.Optional;

/**
 * Logs in to a registry that hands out short-lived credentials (Amazon ECR's GetAuthorizationToken). The local
 * runner defines it and the ECS engine implements it, so that only {@code engine.ecs} touches the AWS SDK.
 */
public interface RegistryLogin {

    /**
     * Credentials for {@code registry} (e.g. {@code 123456789012.dkr.ecr.us-east-1.amazonaws.com}), or empty when
     * this login does not serve it.
     *
     * @throws RuntimeException with a message a user can act on when it serves the registry but the login fails
     */
    Optional<RegistryCredentials> credentialsFor(String registry);

    RegistryLogin NONE = registry -> Optional.empty();
}
