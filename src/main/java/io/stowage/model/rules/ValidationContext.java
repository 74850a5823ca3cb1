package io.stowage.model.rules;

import java.util.Set;

/**
 * What the validator knows beyond the task definition itself.
 *
 * @param launchTypes the launch types the task definition will run on (EC2, FARGATE, EXTERNAL,
 *                    MANAGED_INSTANCES), e.g. from the services of a design; when empty, they are taken from
 *                    its {@code requiresCompatibilities} (and EC2 when that is absent too)
 */
public record ValidationContext(Set<String> launchTypes) {
    public static final ValidationContext STANDALONE = new ValidationContext(Set.of());

    public ValidationContext {
        launchTypes = Set.copyOf(launchTypes);
    }
}
