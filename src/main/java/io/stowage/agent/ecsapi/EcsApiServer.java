package io.stowage.agent.ecsapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The agent's ECS endpoint: the ECS API (AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Operation>}) on an ephemeral port of the loopback, over
 * the runs the agent holds, so that the AWS CLI and the SDKs ({@code --endpoint-url http://127.0.0.1:PORT}) see a
 * local run as a region. Any SigV4 signature (any credentials) is accepted: only this machine can reach it.
 */
public final class EcsApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EcsApiServer.class);
    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Larger bodies are refused (RegisterTaskDefinition's inputs are far smaller). */
    static final int MAX_BODY = 4 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService workers;
    private final EcsApi api;

    private EcsApiServer(HttpServer server, ExecutorService workers, EcsApi api) {
        this.server = server;
        this.workers = workers;
        this.api = api;
    }

    /** Starts serving {@code runs} (read at every request) on an ephemeral loopback port. */
    public static EcsApiServer start(Supplier<? extends Collection<? extends HeldRun>> runs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stowage-ecs-api");
            t.setDaemon(true);
            return t;
        });
        EcsApiServer out = new EcsApiServer(server, workers, new EcsApi(runs));
        server.setExecutor(workers);
        server.createContext("/", out::handle);
        server.start();
        return out;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What to give {@code --endpoint-url}: {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                reply(exchange, 403, requestId, error("AccessDeniedException",
                        "The Stowage local ECS endpoint answers this machine only."));
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null
                    || !target.startsWith(TARGET_PREFIX)) {
                reply(exchange, 400, requestId, error("UnknownOperationException", "The Stowage local ECS endpoint "
                        + "speaks the ECS API only: POST / with X-Amz-Target: " + TARGET_PREFIX + "<Operation> (got "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                        + (target == null ? " without X-Amz-Target" : " for " + target) + ")."));
                return;
            }
            String operation = target.substring(TARGET_PREFIX.length());
            JsonNode input;
            try {
                byte[] body = read(exchange.getRequestBody());
                input = body.length == 0 ? EcsApi.JSON.createObjectNode() : EcsApi.JSON.readTree(body);
            } catch (JsonProcessingException e) {
                reply(exchange, 400, requestId, error("SerializationException",
                        "The request body is not JSON: " + e.getOriginalMessage()));
                return;
            }
            try {
                reply(exchange, 200, requestId, api.call(operation, input));
            } catch (EcsApiException e) {
                reply(exchange, 400, requestId, error(e.type(), e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("ECS endpoint: {} failed", operation, e);
                reply(exchange, 500, requestId, error("ServerException",
                        "The Stowage agent failed to answer " + operation + ": " + e));
            }
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new IOException("request body over " + MAX_BODY + " bytes");
        }
        return body;
    }

    static ObjectNode error(String type, String message) {
        ObjectNode out = EcsApi.JSON.createObjectNode();
        out.put("__type", type);
        out.put("message", message);
        return out;
    }

    private static void reply(HttpExchange exchange, int code, String requestId, ObjectNode body) throws IOException {
        byte[] bytes = EcsApi.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (code != 200) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
        }
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
