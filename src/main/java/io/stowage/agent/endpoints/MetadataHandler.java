package io.stowage.agent.endpoints;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.model.runtime.ContainerMetadata;
import io.stowage.model.runtime.TaskMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What the agent serves its containers at 169.254.170.2 (ecs-agent {@code agent/handlers/task_server_setup.go}):
 * the task metadata endpoint v3 and v4 ({@code /v3/<id>}, {@code /v4/<id>}, each with {@code /task},
 * {@code /taskWithTags}, {@code /stats} and {@code /task/stats}), and the task-role credentials
 * ({@code /v2/credentials/<id>}, and v1's {@code /v1/credentials?id=<id>}), with the agent's status codes and error
 * bodies. The metadata endpoint never serves a credentials id, nor credentials; the credentials endpoint only to
 * whoever knows the task's id.
 */
final class MetadataHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataHandler.class);
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final TaskDirectory tasks;
    private final CredentialsStore credentials;

    MetadataHandler(TaskDirectory tasks, CredentialsStore credentials) {
        this.tasks = tasks;
        this.credentials = credentials;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            HttpReply.json(exchange, 500, "failed to get metadata");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/v2/credentials")) {
            String id = path.startsWith("/v2/credentials/") ? decode(path.substring("/v2/credentials/".length())) : "";
            credentials(exchange, id, "CredentialsV2Request: ");
            return;
        }
        if (path.equals("/v1/credentials")) {
            credentials(exchange, query(exchange, "id"), "CredentialsV1Request: ");
            return;
        }
        String[] parts = path.split("/", -1);
        // "", "v4", id, [task | taskWithTags | stats], [stats]
        if (parts.length < 3 || !(parts[1].equals("v3") || parts[1].equals("v4"))) {
            HttpReply.notFound(exchange);
            return;
        }
        TmdsJson.Version version = parts[1].equals("v3") ? TmdsJson.Version.V3 : TmdsJson.Version.V4;
        String id = decode(parts[2]);
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, 3, parts.length));
        switch (rest) {
            case "" -> container(exchange, version, id);
            case "task" -> task(exchange, version, id, false);
            case "taskWithTags" -> task(exchange, version, id, true);
            case "stats" -> containerStats(exchange, version, id);
            case "task/stats" -> taskStats(exchange, version, id);
            default -> HttpReply.notFound(exchange);
        }
    }

    private void container(HttpExchange exchange, TmdsJson.Version v, String id) throws IOException {
        Optional<TaskMetadata> task = tasks.byEndpointId(id);
        Optional<ContainerMetadata> container = task.flatMap(t -> t.containerByEndpointId(id))
                .filter(c -> c.dockerId() != null);
        if (container.isEmpty()) {
            String reason = "unable to get container ID from request: unable to get docker ID from v3 endpoint ID: " + id;
            if (v == TmdsJson.Version.V4) {
                HttpReply.json(exchange, 404, "V4 container metadata handler: " + reason);
            } else {
                HttpReply.json(exchange, 500, "V3 container metadata handler: " + reason);
            }
            return;
        }
        HttpReply.json(exchange, 200, TmdsJson.container(task.get(), container.get(), v));
    }

    private void task(HttpExchange exchange, TmdsJson.Version v, String id, boolean withTags) throws IOException {
        Optional<TaskMetadata> task = tasks.byEndpointId(id);
        if (task.isEmpty()) {
            String reason = "unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + id;
            if (v == TmdsJson.Version.V4) {
                HttpReply.json(exchange, 404, "V4 task metadata handler: " + reason);
            } else {
                HttpReply.json(exchange, 500, "V3 task metadata handler: " + reason);
            }
            return;
        }
        HttpReply.json(exchange, 200, TmdsJson.task(task.get(), v, withTags));
    }

    private void containerStats(HttpExchange exchange, TmdsJson.Version v, String id) throws IOException {
        Optional<TaskMetadata> task = tasks.byEndpointId(id);
        Optional<ContainerMetadata> container = task.flatMap(t -> t.containerByEndpointId(id))
                .filter(c -> c.dockerId() != null);
        if (container.isEmpty()) {
            String reason = "unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + id;
            HttpReply.json(exchange, v == TmdsJson.Version.V4 ? 404 : 400,
                    (v == TmdsJson.Version.V4 ? "V4" : "V3") + " container stats handler: " + reason);
            return;
        }
        ContainerMetadata c = container.get();
        Optional<String> stats = tasks.stats(c.dockerId(), c.dockerName());
        if (stats.isEmpty()) {
            HttpReply.json(exchange, 500, "Unable to get container stats for: " + c.dockerId());
            return;
        }
        HttpReply.rawJson(exchange, 200, stats.get());
    }

    private void taskStats(HttpExchange exchange, TmdsJson.Version v, String id) throws IOException {
        Optional<TaskMetadata> task = tasks.byEndpointId(id);
        if (task.isEmpty()) {
            String reason = "unable to get task arn from request: unable to get task Arn from v3 endpoint ID: " + id;
            HttpReply.json(exchange, v == TmdsJson.Version.V4 ? 404 : 400,
                    (v == TmdsJson.Version.V4 ? "V4" : "V3") + " task stats handler: " + reason);
            return;
        }
        StringBuilder out = new StringBuilder("{");
        for (ContainerMetadata c : task.get().containers()) {
            if (c.dockerId() == null) {
                continue;
            }
            Optional<String> stats = tasks.stats(c.dockerId(), c.dockerName());
            if (out.length() > 1) {
                out.append(',');
            }
            // A container without stats: {} in v4, null in v3, as the agent writes them.
            out.append(HttpReply.JSON.writeValueAsString(c.dockerId())).append(':')
                    .append(stats.orElse(v == TmdsJson.Version.V4 ? "{}" : "null"));
        }
        HttpReply.rawJson(exchange, 200, out.append('}').toString());
    }

    private void credentials(HttpExchange exchange, String id, String prefix) throws IOException {
        if (id == null || id.isEmpty()) {
            HttpReply.json(exchange, 400, TmdsJson.credentialsError("NoIdInRequest",
                    prefix + "No Credential ID in the request", 400));
            return;
        }
        CredentialsStore.Lookup lookup = credentials.lookup(id);
        if (lookup instanceof CredentialsStore.Lookup.Found found) {
            RoleCredentials c = found.credentials();
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("RoleArn", c.roleArn() == null ? "" : c.roleArn());
            out.put("AccessKeyId", c.accessKeyId());
            out.put("SecretAccessKey", c.secretAccessKey());
            out.put("Token", c.sessionToken() == null ? "" : c.sessionToken());
            out.put("Expiration", c.expiration() == null ? "" : EXPIRATION.format(c.expiration()));
            LOG.info("credentials of {} served to task {}", c.roleArn(), found.taskArn());
            HttpReply.json(exchange, 200, out);
        } else if (lookup instanceof CredentialsStore.Lookup.Pending) {
            HttpReply.json(exchange, 503, TmdsJson.credentialsError("CredentialsUninitialized",
                    prefix + "Credentials uninitialized for ID", 503));
        } else {
            LOG.warn("credentials request with an unknown id");
            HttpReply.json(exchange, 400, TmdsJson.credentialsError("InvalidIdInRequest",
                    prefix + "Credentials not found", 400));
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
