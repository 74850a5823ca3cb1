package io.stowage.model.placement;

import io.stowage.model.design.HostPort;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerRestartPolicy;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.Secret;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskDefinitionPlacementConstraint;
import io.stowage.model.ecs.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler checks for one task of a task definition on an EC2 container instance (ecs-semantics §4.2,
 * §5.1): the CPU and memory it reserves and the static host ports it binds (from
 * {@link io.stowage.model.design.TaskRequirements}: task-level cpu/memory where set, "1 vCPU"/"2 GB" forms
 * included, else the container sums, memoryReservation before memory), the attributes it needs on the instance,
 * and the task definition's own {@code memberOf} constraints.
 *
 * <p>Required attributes follow what the agent advertises for each feature (ecs-semantics §4.1): a health check
 * needs {@code ecs.capability.container-health-check}; awsvpc {@code ecs.capability.task-eni}; secrets
 * {@code ecs.capability.secrets.asm|ssm.environment-variables}; a log driver
 * {@code com.amazonaws.ecs.capability.logging-driver.<driver>}; dependsOn {@code ecs.capability.container-ordering};
 * task-level cpu/memory {@code ecs.capability.task-cpu-mem-limit}; environment files
 * {@code ecs.capability.env-files.s3}; EFS volumes {@code ecs.capability.efs}; a task role
 * {@code com.amazonaws.ecs.capability.task-iam-role}; privileged containers
 * {@code com.amazonaws.ecs.capability.privileged-container}; restart policies
 * {@code ecs.capability.container-restart-policy}; awslogs with an execution role
 * {@code ecs.capability.execution-role-awslogs}; and the runtime platform {@code ecs.os-type} and
 * {@code ecs.cpu-architecture} with their values.
 *
 * @param family             the task definition family
 * @param cpu                CPU units reserved
 * @param memoryMiB          MiB reserved
 * @param hostPorts          static host ports (none under awsvpc)
 * @param requiredAttributes attributes the instance must have, in the order found
 * @param constraints        the task definition's memberOf expressions, as written
 * @param assumptions        what had to be assumed, as sentences
 */
public record TaskRequirements(String family, int cpu, int memoryMiB, Set<HostPort> hostPorts,
                               List<RequiredAttribute> requiredAttributes, List<String> constraints,
                               List<String> assumptions) {
    public TaskRequirements {
        hostPorts = Set.copyOf(hostPorts);
        requiredAttributes = List.copyOf(requiredAttributes);
        constraints = List.copyOf(constraints);
        assumptions = List.copyOf(assumptions);
    }

    public static TaskRequirements of(TaskDefinition td) {
        io.stowage.model.design.TaskRequirements size = io.stowage.model.design.TaskRequirements.of(td);
        Map<String, RequiredAttribute> required = new LinkedHashMap<>();
        String mode = td.networkMode() == null ? "bridge" : td.networkMode();
        if (mode.equals("awsvpc")) {
            need(required, "ecs.capability.task-eni", "networkMode awsvpc");
        }
        if (notBlank(td.cpu()) || notBlank(td.memory())) {
            need(required, "ecs.capability.task-cpu-mem-limit", "task-level cpu or memory");
        }
        if (notBlank(td.taskRoleArn())) {
            need(required, "com.amazonaws.ecs.capability.task-iam-role", "taskRoleArn");
        }
        for (Volume volume : td.volumes()) {
            if (volume.efsVolumeConfiguration() != null) {
                need(required, "ecs.capability.efs", "EFS volume " + volume.name());
            }
        }
        for (ContainerDefinition c : td.containerDefinitions()) {
            String name = c.name() == null ? "(unnamed)" : c.name();
            if (c.healthCheck() != null) {
                need(required, "ecs.capability.container-health-check", "health check of container " + name);
            }
            if (!c.dependsOn().isEmpty()) {
                need(required, "ecs.capability.container-ordering", "dependsOn of container " + name);
            }
            if (Boolean.TRUE.equals(c.privileged())) {
                need(required, "com.amazonaws.ecs.capability.privileged-container", "privileged container " + name);
            }
            if (!c.environmentFiles().isEmpty()) {
                need(required, "ecs.capability.env-files.s3", "environmentFiles of container " + name);
            }
            ContainerRestartPolicy restart = c.restartPolicy();
            if (restart != null && Boolean.TRUE.equals(restart.enabled())) {
                need(required, "ecs.capability.container-restart-policy", "restart policy of container " + name);
            }
            for (Secret secret : c.secrets()) {
                need(required, secretCapability(secret.valueFrom(), "environment-variables"),
                        "secret " + secret.name() + " of container " + name);
            }
            LogConfiguration log = c.logConfiguration();
            if (log != null && notBlank(log.logDriver())) {
                need(required, InstanceAttributes.LOGGING_DRIVER_PREFIX + log.logDriver(),
                        "log driver " + log.logDriver() + " of container " + name);
                if (log.logDriver().equals("awslogs") && notBlank(td.executionRoleArn())) {
                    need(required, "ecs.capability.execution-role-awslogs", "awslogs with an execution role");
                }
                for (Secret secret : log.secretOptions()) {
                    need(required, secretCapability(secret.valueFrom(), "bootstrap.log-driver"),
                            "log secret option " + secret.name() + " of container " + name);
                }
            }
        }
        if (td.runtimePlatform() != null) {
            if (td.runtimePlatform().operatingSystemFamily() != null) {
                required.put(InstanceAttributes.OS_TYPE, new RequiredAttribute(InstanceAttributes.OS_TYPE,
                        size.osType(), "runtimePlatform.operatingSystemFamily"));
            }
            if (td.runtimePlatform().cpuArchitecture() != null) {
                required.put(InstanceAttributes.CPU_ARCHITECTURE, new RequiredAttribute(
                        InstanceAttributes.CPU_ARCHITECTURE, size.cpuArchitecture(), "runtimePlatform.cpuArchitecture"));
            }
        }
        List<String> constraints = new ArrayList<>();
        for (TaskDefinitionPlacementConstraint constraint : td.placementConstraints()) {
            if ("memberOf".equals(constraint.type()) && constraint.expression() != null) {
                constraints.add(constraint.expression());
            }
        }
        return new TaskRequirements(td.family(), size.cpu(), size.memoryMiB(), size.hostPorts(),
                new ArrayList<>(required.values()), constraints, size.assumptions());
    }

    private static String secretCapability(String valueFrom, String use) {
        boolean asm = valueFrom != null && valueFrom.contains(":secretsmanager:");
        return "ecs.capability.secrets." + (asm ? "asm" : "ssm") + "." + use;
    }

    private static void need(Map<String, RequiredAttribute> required, String name, String why) {
        required.putIfAbsent(name, new RequiredAttribute(name, null, why));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
