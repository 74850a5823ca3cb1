package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.stowage.model.agent.ContainerNames;
import io.stowage.model.agent.EnvironmentFiles;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.DockerVolumeConfiguration;
import io.stowage.model.ecs.EnvironmentFile;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.Secret;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.Volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The agent's work before a task's containers are created (its task resources): Docker names, task-scoped and
 * shared volumes with ECS's autoprovision rules (ecs-semantics §1.1), environment files, secrets and dynamic
 * host ports. Blocking; runs on a worker. Failures carry the reason ECS would give.
 */
final class TaskSetup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DockerClient docker;
    private final String designKey;
    private final LocalRunOptions options;
    private final Map<String, Path> environmentFileMap;
    private final String designNetwork;
    private final TaskCgroups cgroups;
    /** Where containers reach the agent's endpoints; null while (or when) nothing serves them. */
    private volatile TaskEndpoints.EndpointAccess access;

    TaskSetup(DockerClient docker, String designKey, LocalRunOptions options, Map<String, Path> environmentFileMap,
              String designNetwork, TaskCgroups cgroups) {
        this.docker = docker;
        this.cgroups = cgroups;
        this.designKey = designKey;
        this.options = options;
        this.environmentFileMap = environmentFileMap;
        this.designNetwork = designNetwork;
    }

    void endpointAccess(TaskEndpoints.EndpointAccess value) {
        access = value;
    }

    TaskEndpoints.EndpointAccess endpointAccess() {
        return access;
    }

    TaskLaunch prepare(TaskPlan plan, Consumer<String> deviation) {
        return prepare(plan, null, deviation);
    }

    /**
     * What the agent does before it creates a task's containers.
     *
     * @param access the task's execution role's access to AWS (secrets after the local secrets file), or null for
     *               the run's own
     */
    TaskLaunch prepare(TaskPlan plan, ExecutionRoles.Access access, Consumer<String> deviation) {
        SecretResolver taskSecrets = access == null ? options.secrets() : options.secrets().orElse(access.secrets());
        TaskDefinition td = plan.taskDefinition();
        ContainerSpecMapper.checkTaskMemory(td);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            names.put(c.name(), ContainerNames.container(plan.family(), plan.revision(), c.name(),
                    ContainerNames.randomHex(RANDOM)));
            metadata.put(c.name(), UUID.randomUUID().toString());
        }
        if (plan.awsvpc()) {
            names.put(ContainerNames.PAUSE, ContainerNames.container(plan.family(), plan.revision(),
                    ContainerNames.PAUSE, ContainerNames.randomHex(RANDOM)));
        }
        if (ContainerSpecMapper.sharesNamespaces(td)) {
            names.put(ContainerNames.NAMESPACE_PAUSE, ContainerNames.container(plan.family(), plan.revision(),
                    ContainerNames.NAMESPACE_PAUSE, ContainerNames.randomHex(RANDOM)));
        }
        Map<String, List<Map<String, String>>> envFiles = new LinkedHashMap<>();
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            List<Map<String, String>> files = new ArrayList<>();
            for (EnvironmentFile file : c.environmentFiles()) {
                files.add(EnvironmentFiles.parse(readEnvironmentFile(file.value())));
            }
            envFiles.put(c.name(), files);
            Map<String, String> values = new LinkedHashMap<>();
            for (Secret secret : c.secrets()) {
                values.put(secret.name(), taskSecrets.resolve(secret.valueFrom()).orElseThrow(() ->
                        new TaskSetupException("ResourceInitializationError: unable to pull secrets or registry auth: "
                                + "secret " + secret.valueFrom() + " of container " + c.name()
                                + " is in neither the local secrets file nor AWS")));
            }
            secrets.put(c.name(), values);
        }
        Map<String, Integer> dynamic = new LinkedHashMap<>();
        if ("bridge".equals(plan.networkMode())) {
            for (ContainerDefinition c : td.containerDefinitions()) {
                for (PortMapping pm : c.portMappings()) {
                    boolean isStatic = pm.hostPort() != null && pm.hostPort() != 0 && pm.containerPortRange() == null;
                    if (isStatic) {
                        continue;
                    }
                    String protocol = ContainerSpecMapper.protocol(pm.protocol()).name().toLowerCase();
                    for (int port : ContainerSpecMapper.containerPorts(pm)) {
                        dynamic.put(TaskLaunch.portKey(c.name(), port, protocol), DynamicPorts.pick(plan.hostIp(), protocol));
                    }
                }
            }
        }
        Map<String, String> volumes = volumes(plan, deviation);
        String cgroupParent = cgroup(plan, deviation);
        TaskEndpoints.EndpointAccess reach = this.access;
        String base = reach == null ? null : reach.base(plan.networkMode());
        // The agent makes a credentials id only for a task with a role (and serves it); none without.
        String credentialsId = td.taskRoleArn() != null && base != null && options.agent().endpoints() != null
                ? UUID.randomUUID().toString() : null;
        return new TaskLaunch(designKey, plan.clusterId(), plan.cluster(), plan.taskArn(), plan.family(),
                plan.revision(), plan.taskDefinitionHash(), plan.group(), plan.source(), plan.instanceId(),
                plan.launchType(), plan.networkMode(), designNetwork, plan.hostIp(), null, names, volumes, envFiles,
                secrets, dynamic, metadata, plan.aliases(), base, credentialsId,
                region(plan.availabilityZone(), options.agent().region()), cgroupParent);
    }

    String designNetwork() {
        return designNetwork;
    }

    TaskCgroups cgroups() {
        return cgroups;
    }

    /** The task cgroup, made before the containers as the agent makes it; null (and a deviation) where it cannot be. */
    private String cgroup(TaskPlan plan, Consumer<String> deviation) {
        TaskDefinition td = plan.taskDefinition();
        if (!cgroups.available()) {
            if (td.cpu() != null || td.memory() != null) {
                deviation.accept("task-level cpu and memory are reserved for placement but not enforced as a task "
                        + "cgroup: " + cgroups.unavailableReason());
            }
            return null;
        }
        return cgroups.create(plan.taskId(), td);
    }

    private static final java.util.regex.Pattern ZONE =
            java.util.regex.Pattern.compile("([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\\d+)(?:-[a-z]+-\\d+)?[a-z]");

    /**
     * The region the agent runs in: its instance's (the availability zone's, {@code us-east-1a} → {@code us-east-1},
     * a local zone's {@code us-west-2-lax-1a} → {@code us-west-2}), else the run's; null when neither says.
     */
    static String region(String availabilityZone, String runRegion) {
        if (availabilityZone != null) {
            var m = ZONE.matcher(availabilityZone);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return runRegion;
    }

    private String readEnvironmentFile(String value) {
        Path path = environmentFileMap.get(value);
        if (path == null && value != null && !value.startsWith("arn:")) {
            path = options.designDirectory().resolve(value);
        }
        if (path == null) {
            throw new TaskSetupException("ResourceInitializationError: failed to download env files: " + value
                    + " is an S3 object; map it to a local file in the design's localRun.environmentFiles");
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new TaskSetupException("ResourceInitializationError: failed to download env files: cannot read "
                    + path + " (for " + value + "): " + e.getMessage());
        }
    }

    private Map<String, String> volumes(TaskPlan plan, Consumer<String> deviation) {
        Map<String, String> out = new LinkedHashMap<>();
        TaskDefinition td = plan.taskDefinition();
        for (Volume volume : td.volumes()) {
            String name = volume.name();
            if (name == null) {
                continue;
            }
            DockerVolumeConfiguration config = volume.dockerVolumeConfiguration();
            if (volume.host() != null && volume.host().sourcePath() != null) {
                Path source = Path.of(volume.host().sourcePath());
                if (!source.isAbsolute()) {
                    source = options.designDirectory().resolve(source).toAbsolutePath().normalize();
                    deviation.accept("volume " + name + ": the relative host path is taken from the design's "
                            + "directory: " + source);
                }
                out.put(name, source.toString());
            } else if (config != null && "shared".equals(config.scope())) {
                out.put(name, sharedVolume(name, config));
            } else {
                if (config != null && Boolean.TRUE.equals(config.autoprovision())) {
                    throw new TaskSetupException("task scoped volume could not be autoprovisioned");
                }
                if (volume.efsVolumeConfiguration() != null || volume.fsxWindowsFileServerVolumeConfiguration() != null) {
                    deviation.accept("volume " + name + ": EFS and FSx are not reachable locally; an empty "
                            + "task-scoped Docker volume stands in");
                    config = null;
                }
                String docker = ContainerNames.volume(plan.family(), plan.revision(), name,
                        ContainerNames.randomHex(RANDOM));
                Map<String, String> labels = new LinkedHashMap<>(config == null ? Map.of() : config.labels());
                labels.put(EcsLabels.DESIGN, designKey);
                labels.put(EcsLabels.TASK_ARN, plan.taskArn());
                labels.put(EcsLabels.SCOPE, "task");
                var cmd = this.docker.createVolumeCmd().withName(docker).withLabels(labels)
                        .withDriver(config != null && config.driver() != null ? config.driver() : "local");
                if (config != null && !config.driverOpts().isEmpty()) {
                    cmd.withDriverOpts(config.driverOpts());
                }
                cmd.exec();
                out.put(name, docker);
            }
        }
        return out;
    }

    private String sharedVolume(String name, DockerVolumeConfiguration config) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return name;
        } catch (NotFoundException missing) {
            if (!Boolean.TRUE.equals(config.autoprovision())) {
                throw new TaskSetupException("volume '" + name + "' does not exist and autoprovision is set to false");
            }
        }
        var cmd = docker.createVolumeCmd().withName(name)
                .withDriver(config.driver() != null ? config.driver() : "local");
        if (!config.labels().isEmpty()) {
            cmd.withLabels(config.labels());
        }
        if (!config.driverOpts().isEmpty()) {
            cmd.withDriverOpts(config.driverOpts());
        }
        cmd.exec();
        return name;
    }
}
