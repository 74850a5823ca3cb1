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

    /**
     * Creates the repository in {@code registry} when the registry needs that before a push (ECR does; Docker Hub
     * and the open-source registry create it on push).
     *
     * @param repository the repository within the registry, e.g. {@code shop/web}
     * @return what was done, in words (e.g. {@code created ECR repository shop/web}), or null when nothing was
     * @throws RuntimeException with a message a user can act on when the repository cannot be made
     */
    default String ensureRepository(String registry, String repository) {
        return null;
    }

    RegistryLogin NONE = registry -> Optional.empty();
}
