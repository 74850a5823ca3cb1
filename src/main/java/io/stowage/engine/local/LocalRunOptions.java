package io.stowage.engine.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a design is run locally.
 *
 * @param instanceAddressBase  the first three octets of the loopback addresses emulated instances get, e.g.
 *                             {@code 127.0.1} gives the first instance 127.0.1.1
 * @param taskAddressBase      the same for awsvpc tasks, each of which gets its own address as it would get an ENI
 * @param publishAllInterfaces publish host ports on every interface instead of the instance's loopback address
 * @param pullBehavior         the agent's image pull behaviour
 * @param designDirectory      where relative paths of the design (build contexts, environment files) start
 * @param registryLogin        ECR (or other) login, or {@link RegistryLogin#NONE}
 * @param secrets              resolves secrets and repository credentials
 * @param dockerConfigDir      where config.json lives (the docker CLI's DOCKER_CONFIG, default ~/.docker)
 * @param throttleBase         the first back-off of a service whose tasks fail to start; it doubles up to 15 min
 * @param seed                 the placement engine's seed for random strategies
 * @param containerStartTimeout how long a container's start may take before it fails with DockerTimeoutError, the
 *                             agent's ECS_CONTAINER_START_TIMEOUT (default 3 min)
 * @param agent                what the local ECS agent adds: endpoints, roles, region ({@link AgentServices#NONE})
 */
public record LocalRunOptions(String instanceAddressBase, String taskAddressBase, boolean publishAllInterfaces,
                              PullBehavior pullBehavior, Path designDirectory, RegistryLogin registryLogin,
                              SecretResolver secrets, Path dockerConfigDir, Duration throttleBase, long seed,
                              Duration containerStartTimeout, AgentServices agent) {
    /** The agent's default ECS_CONTAINER_START_TIMEOUT on Linux (ecs-semantics §3.1). */
    public static final Duration DEFAULT_CONTAINER_START_TIMEOUT = Duration.ofMinutes(3);

    public LocalRunOptions {
        Objects.requireNonNull(instanceAddressBase, "instanceAddressBase");
        Objects.requireNonNull(taskAddressBase, "taskAddressBase");
        pullBehavior = pullBehavior == null ? PullBehavior.DEFAULT : pullBehavior;
        designDirectory = designDirectory == null ? Path.of(".") : designDirectory;
        registryLogin = registryLogin == null ? RegistryLogin.NONE : registryLogin;
        secrets = secrets == null ? SecretResolver.NONE : secrets;
        dockerConfigDir = dockerConfigDir == null ? defaultDockerConfig() : dockerConfigDir;
        throttleBase = throttleBase == null ? Duration.ofSeconds(5) : throttleBase;
        containerStartTimeout = containerStartTimeout == null ? DEFAULT_CONTAINER_START_TIMEOUT : containerStartTimeout;
        agent = agent == null ? AgentServices.NONE : agent;
    }

    public LocalRunOptions(String instanceAddressBase, String taskAddressBase, boolean publishAllInterfaces,
                           PullBehavior pullBehavior, Path designDirectory, RegistryLogin registryLogin,
                           SecretResolver secrets, Path dockerConfigDir, Duration throttleBase, long seed,
                           Duration containerStartTimeout) {
        this(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior, designDirectory, registryLogin,
                secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, null);
    }

    public LocalRunOptions(String instanceAddressBase, String taskAddressBase, boolean publishAllInterfaces,
                           PullBehavior pullBehavior, Path designDirectory, RegistryLogin registryLogin,
                           SecretResolver secrets, Path dockerConfigDir, Duration throttleBase, long seed) {
        this(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior, designDirectory, registryLogin,
                secrets, dockerConfigDir, throttleBase, seed, null);
    }

    public static LocalRunOptions defaults() {
        return new LocalRunOptions("127.0.1", "127.0.2", false, PullBehavior.DEFAULT, null, null, null, null, null, 0);
    }

    static Path defaultDockerConfig() {
        String env = System.getenv("DOCKER_CONFIG");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".docker");
    }

    public LocalRunOptions withAddresses(String instanceBase, String taskBase) {
        return new LocalRunOptions(instanceBase, taskBase, publishAllInterfaces, pullBehavior, designDirectory,
                registryLogin, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withPublishAllInterfaces(boolean value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, value, pullBehavior, designDirectory,
                registryLogin, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withPullBehavior(PullBehavior value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, value, designDirectory,
                registryLogin, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withDesignDirectory(Path value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior, value,
                registryLogin, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withRegistryLogin(RegistryLogin value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, value, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withSecrets(SecretResolver value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, registryLogin, value, dockerConfigDir, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withDockerConfigDir(Path value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, registryLogin, secrets, value, throttleBase, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withThrottleBase(Duration value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, registryLogin, secrets, dockerConfigDir, value, seed, containerStartTimeout, agent);
    }

    public LocalRunOptions withContainerStartTimeout(Duration value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, registryLogin, secrets, dockerConfigDir, throttleBase, seed, value, agent);
    }

    public LocalRunOptions withAgent(AgentServices value) {
        return new LocalRunOptions(instanceAddressBase, taskAddressBase, publishAllInterfaces, pullBehavior,
                designDirectory, registryLogin, secrets, dockerConfigDir, throttleBase, seed, containerStartTimeout,
                value);
    }
}
