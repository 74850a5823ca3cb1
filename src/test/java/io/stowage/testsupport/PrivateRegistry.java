package io.stowage.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} on a free 127.0.0.1 port, with htpasswd authentication (a bcrypt line from
 * apache2-utils' {@code htpasswd -B}). Docker talks plain HTTP to registries on 127.0.0.0/8 without being told.
 */
public final class PrivateRegistry implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private PrivateRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips or fails the calling test when docker-registry or htpasswd is missing. */
    public static PrivateRegistry start(Path dir, String user, String password) throws Exception {
        Path registry = Path.of("/usr/bin/docker-registry");
        Path htpasswd = Path.of("/usr/bin/htpasswd");
        if (!Files.isExecutable(registry) || !Files.isExecutable(htpasswd)) {
            throw Engines.unavailable("no private registry: install docker-registry and apache2-utils");
        }
        Process hash = new ProcessBuilder(htpasswd.toString(), "-Bbn", user, password).start();
        String line = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        hash.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(dir.resolve("htpasswd"), line + "\n");
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                auth:
                  htpasswd:
                    realm: stowage-test
                    path: %s
                """.formatted(dir.resolve("data"), port, dir.resolve("htpasswd")));
        Process process = new ProcessBuilder(registry.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        var started = new PrivateRegistry(process, port);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return started;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        started.close();
        throw new AssertionError("docker-registry did not answer on 127.0.0.1:" + port + ": "
                + Files.readString(dir.resolve("registry.log")));
    }

    /** {@code 127.0.0.1:<port>} */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
