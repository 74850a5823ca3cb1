package io.stowage.engine.local;

import java.util.Optional;

/**
 * Resolves a {@code valueFrom} of a container's {@code secrets} or {@code repositoryCredentials}: a Secrets
 * Manager ARN (optionally with {@code :json-key:version-stage:version-id}), or an SSM parameter name or ARN.
 * The local secrets file implements it here; Secrets Manager and SSM are implemented in {@code engine.ecs}.
 */
public interface SecretResolver {

    /**
     * The value, or empty when this resolver does not know it.
     *
     * @throws RuntimeException with a message a user can act on when it knows the secret but cannot read it
     */
    Optional<String> resolve(String valueFrom);

    SecretResolver NONE = valueFrom -> Optional.empty();

    /** This resolver, then {@code next} for what it does not know. */
    default SecretResolver orElse(SecretResolver next) {
        return valueFrom -> {
            Optional<String> value = resolve(valueFrom);
            return value.isPresent() ? value : next.resolve(valueFrom);
        };
    }
}
