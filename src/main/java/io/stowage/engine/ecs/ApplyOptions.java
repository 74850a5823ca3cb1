package io.stowage.engine.ecs;

import java.time.Duration;

/**
 * How an apply waits before it runs EC2 tasks on a cluster whose instances it launched: ECS can place them only
 * once an instance's agent has registered.
 *
 * @param registrationTimeout how long to wait for a container instance to register
 * @param pollInterval        how often to look (no event tells when an agent registers)
 * @param createRoles         whether the plan creates the console's default roles when missing (else blocks)
 * @param prune               whether the plan deletes the services and standalone tasks this design made and no
 *                            longer has (deploy --prune)
 */
public record ApplyOptions(Duration registrationTimeout, Duration pollInterval, boolean createRoles, boolean prune) {
    public static final ApplyOptions DEFAULTS = new ApplyOptions(Duration.ofMinutes(10), Duration.ofSeconds(5));

    public ApplyOptions(Duration registrationTimeout, Duration pollInterval) {
        this(registrationTimeout, pollInterval, true, false);
    }

    public ApplyOptions withCreateRoles(boolean value) {
        return new ApplyOptions(registrationTimeout, pollInterval, value, prune);
    }

    public ApplyOptions withPrune(boolean value) {
        return new ApplyOptions(registrationTimeout, pollInterval, createRoles, value);
    }
}
