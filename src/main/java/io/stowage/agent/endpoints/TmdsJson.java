package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.TaskMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The task metadata endpoint's JSON, member for member as the agent writes it (ecs-agent
 * {@code tmds/handlers/v2/response.go}, {@code v4/state/response.go}, {@code agent/handlers/v2/response.go} and
 * {@code v4/response.go}): Go's field order, its {@code omitempty} rules (an empty string, zero or empty list is left
 * out where the agent's tag says so), its times. v3 is the v2 shape; v4 adds its members (launch type, host IPs of
 * ports, log driver, container ARN, restart count, the awsvpc network's interface properties).
 */
final class TmdsJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TmdsJson() {
    }

    enum Version { V3, V4 }

    static ObjectNode task(TaskMetadata t, Version v, boolean withTags) {
        ObjectNode out = NODES.objectNode();
        out.put("Cluster", nz(t.state().cluster()));
        out.put("TaskARN", t.taskArn());
        out.put("Family", nz(t.family()));
        out.put("Revision", nz(t.revision()));
        putIf(out, "DesiredStatus", t.desiredStatus());
        out.put("KnownStatus", nz(t.knownStatus()));
        if (v == Version.V3) {
            containers(out, t, v);
        }
        if (t.cpu() != null || t.memoryMiB() != null) {
            ObjectNode limits = out.putObject("Limits");
            if (t.cpu() != null) {
                limits.put("CPU", t.cpu());
            }
            if (t.memoryMiB() != null) {
                limits.put("Memory", t.memoryMiB());
            }
        }
        time(out, "PullStartedAt", t.pullStartedAt());
        time(out, "PullStoppedAt", t.pullStoppedAt());
        time(out, "ExecutionStoppedAt", t.executionStoppedAt());
        putIf(out, "AvailabilityZone", t.state().availabilityZone());
        if (withTags) {
            tags(out, "TaskTags", t.taskTags());
            tags(out, "ContainerInstanceTags", t.instanceTags());
        }
        if (v == Version.V4) {
            putIf(out, "LaunchType", t.state().launchType());
            containers(out, t, v);
            putIf(out, "ServiceName", t.serviceName());
            out.put("FaultInjectionEnabled", false);
        }
        return out;
    }

    private static void containers(ObjectNode out, TaskMetadata t, Version v) {
        if (!t.containers().isEmpty()) {
            ArrayNode array = out.putArray("Containers");
            for (ContainerMetadata c : t.containers()) {
                array.add(container(t, c, v));
            }
        }
    }

    static ObjectNode container(TaskMetadata task, ContainerMetadata c, Version v) {
        ObjectNode out = NODES.objectNode();
        out.put("DockerId", nz(c.dockerId()));
        out.put("Name", c.name());
        out.put("DockerName", nz(c.dockerName()));
        out.put("Image", nz(c.image()));
        out.put("ImageID", nz(c.imageId()));
        if (!c.ports().isEmpty()) {
            ArrayNode ports = out.putArray("Ports");
            boolean awsvpc = "awsvpc".equals(task.networkMode());
            for (NetworkBinding b : c.ports()) {
                ObjectNode p = ports.addObject();
                putIf(p, "ContainerPort", b.containerPort());
                putIf(p, "Protocol", b.protocol());
                putIf(p, "HostPort", awsvpc ? b.containerPort() : b.hostPort());
                if (v == Version.V4) {
                    putIf(p, "HostIp", b.bindIp());
                }
            }
        }
        if (!c.labels().isEmpty()) {
            ObjectNode labels = out.putObject("Labels");
            c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> labels.put(e.getKey(), e.getValue()));
        }
        out.put("DesiredStatus", nz(c.desiredStatus()));
        out.put("KnownStatus", nz(c.knownStatus()));
        if (c.exitCode() != null) {
            out.put("ExitCode", c.exitCode());
        }
        ObjectNode limits = out.putObject("Limits");
        limits.put("CPU", c.cpu());
        limits.put("Memory", c.memoryMiB());
        time(out, "CreatedAt", c.createdAt());
        time(out, "StartedAt", c.startedAt());
        time(out, "FinishedAt", c.finishedAt());
        out.put("Type", nz(c.type()));
        if (v == Version.V3) {
            networks(out, c.networks(), false);
        }
        if (c.health() != null) {
            ObjectNode health = out.putObject("Health");
            if (c.health() != HealthStatus.UNKNOWN) {
                health.put("status", c.health().name());
            }
            time(health, "statusSince", c.healthSince());
        }
        if (!c.volumes().isEmpty()) {
            ArrayNode volumes = out.putArray("Volumes");
            for (ContainerMetadata.Volume vol : c.volumes()) {
                ObjectNode o = volumes.addObject();
                putIf(o, "DockerName", vol.dockerName());
                putIf(o, "Source", vol.source());
                putIf(o, "Destination", vol.destination());
            }
        }
        if (v == Version.V4) {
            putIf(out, "LogDriver", c.logDriver());
            if (!c.logOptions().isEmpty()) {
                ObjectNode options = out.putObject("LogOptions");
                c.logOptions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> options.put(e.getKey(), e.getValue()));
            }
            putIf(out, "ContainerARN", c.containerArn());
            networks(out, c.networks(), true);
            if (c.restartCount() != null) {
                out.put("RestartCount", c.restartCount());
            }
        }
        return out;
    }

    private static void networks(ObjectNode out, List<ContainerMetadata.Network> networks, boolean v4) {
        if (networks.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray("Networks");
        for (ContainerMetadata.Network n : networks) {
            ObjectNode o = array.addObject();
            putIf(o, "NetworkMode", n.networkMode());
            if (!n.ipv4Addresses().isEmpty()) {
                ArrayNode ips = o.putArray("IPv4Addresses");
                n.ipv4Addresses().forEach(ips::add);
            }
            if (v4 && "awsvpc".equals(n.networkMode())) {
                // The ENI's properties; the agent numbers the one ENI 0.
                o.put("AttachmentIndex", 0);
                putIf(o, "MACAddress", n.macAddress());
                putIf(o, "IPv4SubnetCIDRBlock", n.ipv4SubnetCidrBlock());
                putIf(o, "SubnetGatewayIpv4Address", n.gatewayIpv4());
            }
        }
    }

    /** The agent's {@code ErrorMessage} of the credentials handlers: code, message, and the status under its Go name. */
    static ObjectNode credentialsError(String code, String message, int status) {
        ObjectNode out = NODES.objectNode();
        out.put("code", code);
        out.put("message", message);
        out.put("HTTPErrorCode", status);
        return out;
    }

    private static void tags(ObjectNode out, String key, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            ObjectNode o = out.putObject(key);
            tags.forEach(o::put);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void putIf(ObjectNode o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }

    private static void putIf(ObjectNode o, String key, int value) {
        if (value != 0) {
            o.put(key, value);
        }
    }

    private static void time(ObjectNode o, String key, Instant at) {
        if (at != null) {
            o.put(key, GoTime.format(at));
        }
    }
}
