package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stowage.engine.local.LocalRun;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.TaskMetadata;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The agent's introspection API on one emulated instance (ecs-agent {@code introspection/server.go},
 * {@code introspection/v1/handlers}, {@code agent/handlers/v1/response.go}): {@code /v1/metadata} says which
 * cluster and container instance the agent serves, {@code /v1/tasks} lists the tasks it runs there, or the one
 * named by {@code ?taskarn=} or {@code ?dockerid=} (a full id, or a short one of up to 12 characters).
 */
final class IntrospectionHandler implements HttpHandler {
    static final String EMULATED_AGENT_VERSION = "1.105.1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SHORT_ID = 12;

    private final LocalRun.Instance instance;
    private final Supplier<List<TaskMetadata>> tasks;

    IntrospectionHandler(LocalRun.Instance instance, Supplier<List<TaskMetadata>> tasks) {
        this.instance = instance;
        this.tasks = tasks;
    }

    /** The agent's version string, {@code Amazon ECS Agent - v1.105.1 (<commit>)}, with Stowage in the commit's place. */
    static String version(String designed) {
        String v = designed == null || designed.isBlank() ? EMULATED_AGENT_VERSION : designed.replaceFirst("^v", "");
        return "Amazon ECS Agent - v" + v + " (stowage)";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            switch (path) {
                case "/v1/metadata" -> metadata(exchange);
                case "/v1/tasks" -> tasks(exchange);
                case "/license" -> HttpReply.text(exchange, 200, "Stowage emulates the Amazon ECS container agent's "
                        + "introspection API for its local runs. The Amazon ECS container agent is licensed under the "
                        + "Apache License 2.0.\n");
                default -> {
                    ObjectNode root = NODES.objectNode();
                    root.putArray("AvailableCommands").add("/v1/metadata").add("/v1/tasks").add("/license");
                    HttpReply.json(exchange, 200, root);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void metadata(HttpExchange exchange) throws IOException {
        ObjectNode out = NODES.objectNode();
        out.put("Cluster", instance.cluster());
        out.put("ContainerInstanceArn", instance.containerInstanceArn());
        out.put("Version", version(instance.agentVersion()));
        HttpReply.json(exchange, 200, out);
    }

    private void tasks(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        boolean byDocker = query.containsKey("dockerid");
        boolean byArn = query.containsKey("taskarn");
        List<TaskMetadata> mine = tasks.get().stream()
                .filter(t -> instance.containerInstanceArn().equals(t.state().containerInstanceArn())).toList();
        if (byDocker && byArn) {
            HttpReply.json(exchange, 400, emptyTask());
            return;
        }
        if (byArn) {
            String arn = query.get("taskarn");
            one(exchange, mine.stream().filter(t -> t.taskArn().equals(arn)).toList());
            return;
        }
        if (byDocker) {
            String id = query.get("dockerid");
            List<TaskMetadata> matching = mine.stream().filter(t -> t.containers().stream().anyMatch(c ->
                    c.dockerId() != null && (id.length() > SHORT_ID ? c.dockerId().equals(id)
                            : !id.isEmpty() && c.dockerId().startsWith(id)))).toList();
            one(exchange, matching);
            return;
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode array = out.putArray("Tasks");
        mine.forEach(t -> array.add(task(t)));
        HttpReply.json(exchange, 200, out);
    }

    private void one(HttpExchange exchange, List<TaskMetadata> found) throws IOException {
        if (found.size() == 1) {
            HttpReply.json(exchange, 200, task(found.get(0)));
        } else {
            HttpReply.json(exchange, found.isEmpty() ? 404 : 400, emptyTask());
        }
    }

    /** The agent's empty v1 TaskResponse, what it answers a request it cannot serve. */
    private static ObjectNode emptyTask() {
        ObjectNode out = NODES.objectNode();
        out.put("Arn", "");
        out.put("KnownStatus", "");
        out.put("Family", "");
        out.put("Version", "");
        out.set("Containers", NullNode.instance);
        return out;
    }

    static ObjectNode task(TaskMetadata t) {
        ObjectNode out = NODES.objectNode();
        out.put("Arn", t.taskArn());
        String known = backend(t.knownStatus());
        String desired = backend(t.desiredStatus());
        if (!(("STOPPED".equals(known) && !"STOPPED".equals(desired)) || ("RUNNING".equals(known)
                && "PENDING".equals(desired)))) {
            out.put("DesiredStatus", desired);
        }
        out.put("KnownStatus", known);
        out.put("Family", t.family());
        out.put("Version", t.revision());
        ArrayNode containers = out.putArray("Containers");
        for (ContainerMetadata c : t.containers()) {
            if (!c.internal()) {
                containers.add(container(t, c));
            }
        }
        return out;
    }

    private static ObjectNode container(TaskMetadata t, ContainerMetadata c) {
        ObjectNode out = NODES.objectNode();
        out.put("DockerId", c.dockerId() == null ? "" : c.dockerId());
        out.put("DockerName", c.dockerName() == null ? "" : c.dockerName());
        out.put("Name", c.name());
        out.put("Image", c.image() == null ? "" : c.image());
        out.put("ImageID", c.imageId() == null ? "" : c.imageId());
        if (c.createdAt() != null) {
            out.put("CreatedAt", GoTime.format(c.createdAt()));
        }
        if (c.startedAt() != null) {
            out.put("StartedAt", GoTime.format(c.startedAt()));
        }
        boolean awsvpc = "awsvpc".equals(t.networkMode());
        if (!c.ports().isEmpty()) {
            ArrayNode ports = out.putArray("Ports");
            for (NetworkBinding b : c.ports()) {
                ObjectNode p = ports.addObject();
                p.put("ContainerPort", b.containerPort());
                p.put("Protocol", b.protocol());
                p.put("HostPort", awsvpc ? b.containerPort() : b.hostPort());
            }
        }
        if (awsvpc && !c.networks().isEmpty()) {
            ArrayNode networks = out.putArray("Networks");
            for (ContainerMetadata.Network n : c.networks()) {
                ObjectNode o = networks.addObject();
                o.put("NetworkMode", "awsvpc");
                ArrayNode ips = o.putArray("IPv4Addresses");
                n.ipv4Addresses().forEach(ips::add);
            }
        }
        if (!c.volumes().isEmpty()) {
            ArrayNode volumes = out.putArray("Volumes");
            for (ContainerMetadata.Volume v : c.volumes()) {
                ObjectNode o = volumes.addObject();
                if (v.dockerName() != null) {
                    o.put("DockerName", v.dockerName());
                }
                if (v.source() != null) {
                    o.put("Source", v.source());
                }
                if (v.destination() != null) {
                    o.put("Destination", v.destination());
                }
            }
        }
        if (c.restartCount() != null) {
            out.put("RestartCount", c.restartCount());
        }
        return out;
    }

    /** The status ECS would show for an agent status (taskstatus.go BackendStatus). */
    static String backend(String agentStatus) {
        if (agentStatus == null) {
            return "PENDING";
        }
        return switch (agentStatus) {
            case "RUNNING" -> "RUNNING";
            case "STOPPED" -> "STOPPED";
            default -> "PENDING";
        };
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }
}
