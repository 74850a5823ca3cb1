package io.stowage.engine.local;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;

import java.util.List;
import java.util.Map;

/**
 * One ContainerCreate request, as data: what {@link ContainerSpecMapper} makes of a container definition, and
 * what tests inspect without an engine. Null members are left for Docker's (or the image's) default.
 *
 * @param definitionName the container definition's name (the pause container's is {@code ~internal~ecs~pause})
 * @param name           the Docker container name
 * @param stopTimeout    seconds the stop call waits before SIGKILL (ECS: stopTimeout, default 30)
 * @param deviations     where this container differs from what ECS would run, in words for the user
 */
public record ContainerSpec(String definitionName, String name, String image, List<String> cmd,
                            List<String> entrypoint, List<String> env, Map<String, String> labels,
                            List<ExposedPort> exposedPorts, HealthCheck healthcheck, String user, String workingDir,
                            String hostname, Boolean tty, Boolean openStdin, Boolean networkDisabled,
                            List<String> aliases, HostConfig hostConfig, int stopTimeout, boolean essential,
                            List<String> deviations) {

    public ContainerSpec withEnv(List<String> value) {
        return new ContainerSpec(definitionName, name, image, cmd, entrypoint, value, labels, exposedPorts, healthcheck,
                user, workingDir, hostname, tty, openStdin, networkDisabled, aliases, hostConfig, stopTimeout, essential,
                deviations);
    }

    public CreateContainerCmd applyTo(CreateContainerCmd cmd) {
        cmd.withName(name).withImage(image).withLabels(labels).withHostConfig(hostConfig);
        if (this.cmd != null) {
            cmd.withCmd(this.cmd);
        }
        if (entrypoint != null) {
            cmd.withEntrypoint(entrypoint);
        }
        if (!env.isEmpty()) {
            cmd.withEnv(env);
        }
        if (!exposedPorts.isEmpty()) {
            cmd.withExposedPorts(exposedPorts);
        }
        if (healthcheck != null) {
            cmd.withHealthcheck(healthcheck);
        }
        if (user != null) {
            cmd.withUser(user);
        }
        if (workingDir != null) {
            cmd.withWorkingDir(workingDir);
        }
        if (hostname != null) {
            cmd.withHostName(hostname);
        }
        if (tty != null) {
            cmd.withTty(tty);
        }
        if (openStdin != null) {
            cmd.withStdinOpen(openStdin);
        }
        if (networkDisabled != null) {
            cmd.withNetworkDisabled(networkDisabled);
        }
        if (!aliases.isEmpty()) {
            cmd.withAliases(aliases);
        }
        return cmd;
    }
}
