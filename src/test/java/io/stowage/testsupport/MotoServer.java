package io.stowage.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A {@code moto_server} process on a free loopback port, for this JVM's tests. */
final class MotoServer {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    /** pyenv's shims directory is not always on the PATH a build runs with, though moto lives there. */
    static Optional<Path> executable() {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        Stream<String> pyenv = Stream.of(System.getProperty("user.home") + "/.pyenv/shims");
        return Stream.concat(path, pyenv)
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "moto_server"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static MotoServer start(Path executable) throws IOException {
        return start(executable, java.util.Map.of());
    }

    /** @param environment settings of moto's own, e.g. {@code MOTO_ECS_SERVICE_RUNNING} */
    static MotoServer start(Path executable, java.util.Map<String, String> environment) throws IOException {
        int port = freeLoopbackPort();
        Path log = Files.createTempFile("moto-server-", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        var server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-server-stop"));
        server.awaitAnswer(log);
        return server;
    }

    private void awaitAnswer(Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + ": " + tail(log));
            }
            if (answers(endpoint)) {
                return;
            }
            sleep(POLL_INTERVAL);
        }
        stop();
        throw new IOException("moto_server did not answer at " + endpoint + " within " + START_DEADLINE.toSeconds()
                + " s: " + tail(log));
    }

    static boolean answers(URI endpoint) {
        try {
            var request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forgets every resource the tests made before, so each test class starts from an empty account. */
    static void reset(URI endpoint) {
        var request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("POST " + request.uri() + " answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted resetting moto", e);
        }
    }

    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for moto_server", e);
        }
    }
}
