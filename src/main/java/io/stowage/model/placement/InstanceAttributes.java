package io.stowage.model.placement;

import io.stowage.model.design.ContainerInstance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes a container instance has in ECS: those ECS adds ({@code ecs.availability-zone},
 * {@code ecs.instance-type}, {@code ecs.os-type}, {@code ecs.cpu-architecture}), the capabilities the agent
 * advertises (ecs-semantics §4.1) and the custom attributes of the design. A capability has no value (null).
 *
 * <p>The design does not say which capabilities an agent advertises, so every instance is taken to run a current
 * agent on the ECS-optimized AMI: it advertises {@link #DEFAULT_CAPABILITIES} and the logging drivers in
 * {@link #DEFAULT_LOGGING_DRIVERS}. A custom attribute of the same name adds to or overrides them.
 */
public final class InstanceAttributes {
    public static final String AVAILABILITY_ZONE = "ecs.availability-zone";
    public static final String INSTANCE_TYPE = "ecs.instance-type";
    public static final String OS_TYPE = "ecs.os-type";
    public static final String CPU_ARCHITECTURE = "ecs.cpu-architecture";
    public static final String LOGGING_DRIVER_PREFIX = "com.amazonaws.ecs.capability.logging-driver.";

    /** Capabilities a current Linux agent advertises (agent_capability.go; ecs-semantics §4.1). */
    public static final List<String> DEFAULT_CAPABILITIES = List.of(
            "com.amazonaws.ecs.capability.privileged-container",
            "com.amazonaws.ecs.capability.docker-remote-api.1.17",
            "com.amazonaws.ecs.capability.docker-remote-api.1.18",
            "com.amazonaws.ecs.capability.docker-remote-api.1.19",
            "com.amazonaws.ecs.capability.docker-remote-api.1.20",
            "com.amazonaws.ecs.capability.docker-remote-api.1.21",
            "com.amazonaws.ecs.capability.docker-remote-api.1.22",
            "com.amazonaws.ecs.capability.docker-remote-api.1.23",
            "com.amazonaws.ecs.capability.docker-remote-api.1.24",
            "com.amazonaws.ecs.capability.docker-remote-api.1.25",
            "com.amazonaws.ecs.capability.docker-remote-api.1.28",
            "com.amazonaws.ecs.capability.docker-remote-api.1.29",
            "com.amazonaws.ecs.capability.docker-remote-api.1.30",
            "com.amazonaws.ecs.capability.docker-remote-api.1.32",
            "com.amazonaws.ecs.capability.selinux",
            "com.amazonaws.ecs.capability.apparmor",
            "com.amazonaws.ecs.capability.ecr-auth",
            "com.amazonaws.ecs.capability.task-iam-role",
            "com.amazonaws.ecs.capability.task-iam-role-network-host",
            "ecs.capability.container-health-check",
            "ecs.capability.container-ordering",
            "ecs.capability.task-cpu-mem-limit",
            "ecs.capability.increased-task-cpu-limit",
            "ecs.capability.task-eni",
            "ecs.capability.docker-plugin.local",
            "ecs.capability.execution-role-ecr-pull",
            "ecs.capability.execution-role-awslogs",
            "ecs.capability.secrets.asm.environment-variables",
            "ecs.capability.secrets.ssm.environment-variables",
            "ecs.capability.secrets.asm.bootstrap.log-driver",
            "ecs.capability.secrets.ssm.bootstrap.log-driver",
            "ecs.capability.env-files.s3",
            "ecs.capability.full-sync",
            "ecs.capability.network.container-port-range",
            "ecs.capability.container-restart-policy",
            "ecs.capability.efs",
            "ecs.capability.efsAuth",
            "ecs.capability.firelens.fluentd",
            "ecs.capability.firelens.fluentbit");

    /** Logging drivers the ECS-optimized AMI makes available (ECS_AVAILABLE_LOGGING_DRIVERS there). */
    public static final List<String> DEFAULT_LOGGING_DRIVERS = List.of("json-file", "syslog", "journald", "gelf",
            "fluentd", "awslogs", "splunk", "awsfirelens", "none");

    private final Map<String, String> values;

    private InstanceAttributes(Map<String, String> values) {
        this.values = values;
    }

    public static InstanceAttributes of(ContainerInstance instance) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(AVAILABILITY_ZONE, instance.availabilityZone());
        values.put(INSTANCE_TYPE, instance.instanceType());
        values.put(OS_TYPE, instance.osType());
        values.put(CPU_ARCHITECTURE, instance.cpuArchitecture());
        for (String capability : DEFAULT_CAPABILITIES) {
            values.put(capability, null);
        }
        for (String driver : DEFAULT_LOGGING_DRIVERS) {
            values.put(LOGGING_DRIVER_PREFIX + driver, null);
        }
        values.putAll(instance.attributes());
        return new InstanceAttributes(Collections.unmodifiableMap(values));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or null for a capability or an absent attribute. */
    public String value(String name) {
        return values.get(name);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
