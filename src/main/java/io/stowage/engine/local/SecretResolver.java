package io.stowage.engine.local;

import java.util.List;
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

    /** What the user should hear before a run uses these secrets (a secrets file others may read); none by default. */
    default List<String> warnings() {
        return List.of();
    }

    /** This resolver, then {@code next} for what it does not know. */
    default SecretResolver orElse(SecretResolver next) {
        SecretResolver first = this;
        return new SecretResolver() {
            @Override
            public Optional<String> resolve(String valueFrom) {
                Optional<String> value = first.resolve(valueFrom);
                return value.isPresent() ? value : next.resolve(valueFrom);
            }

            @Override
            public List<String> warnings() {
                List<String> all = new java.util.ArrayList<>(first.warnings());
                all.addAll(next.warnings());
                return all;
            }
        };
    }
}
