package io.stowage.model.runtime;

/**
 * A port a container publishes, as the agent reports it (ecs-semantics §4.3, networkBindings).
 *
 * @param bindIp        the address it listens on, e.g. {@code 0.0.0.0} or an emulated instance's {@code 127.0.1.3}
 * @param containerPort the port inside the container
 * @param hostPort      the port on the instance
 * @param protocol      {@code tcp} or {@code udp}
 */
public record NetworkBinding(String bindIp, int containerPort, int hostPort, String protocol) {
}
