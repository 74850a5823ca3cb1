package io.stowage.agent.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes an answer as the agent's handlers do: JSON with {@code application/json}, or plain text. */
final class HttpReply {
    static final ObjectMapper JSON = new ObjectMapper();

    private HttpReply() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            status = 500;
            text = "{}";
        }
        send(exchange, status, "application/json", text);
    }

    /** A body that already is JSON (Docker's stats). */
    static void rawJson(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Go's ServeMux answer for a path nothing handles. */
    static void notFound(HttpExchange exchange) throws IOException {
        text(exchange, 404, "404 page not found\n");
    }
}
