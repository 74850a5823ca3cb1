package io.stowage.engine.ecs;

import java.time.Duration;

/**
 * How an apply waits before it runs EC2 tasks on a cluster whose instances it launched: ECS can place them only
 * once an instance's agent has registered.
 *
 * @param registrationTimeout how long to wait for a container instance to register
 * @param pollInterval        how often to look (no event tells when an agent registers)
 */
public record ApplyOptions(Duration registrationTimeout, Duration pollInterval) {
    public static final ApplyOptions DEFAULTS = new ApplyOptions(Duration.ofMinutes(10), Duration.ofSeconds(5));
}
