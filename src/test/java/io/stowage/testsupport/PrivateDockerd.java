package io.stowage.testsupport;

import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.local.DockerConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker daemon of a test's own, with its own socket, data, exec root and containerd namespace, in a network
 * namespace of its own (made with {@code unshare --net}), so that a test can stop and restart it without touching
 * the shared engine: a second daemon on the host's network would claim, or with {@code --bridge none} delete, the
 * host's docker0 interface, which the shared engine's default network lives on.
 */
public final class PrivateDockerd implements AutoCloseable {
    private final Path dir;
    private Process process;

    private PrivateDockerd(Path dir) {
        this.dir = dir;
    }

    /** Skips or fails the calling test when dockerd is not installed. */
    public static PrivateDockerd start(Path dir) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/dockerd")) && !Files.isExecutable(Path.of("/usr/bin/dockerd"))) {
            throw Engines.unavailable("no dockerd to start a private engine with; install docker.io");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            throw Engines.unavailable("no unshare to give a private engine its own network; install util-linux");
        }
        var dockerd = new PrivateDockerd(dir);
        dockerd.launch();
        return dockerd;
    }

    public String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    private void launch() throws Exception {
        String binary = Files.isExecutable(Path.of("/usr/sbin/dockerd")) ? "/usr/sbin/dockerd" : "/usr/bin/dockerd";
        String daemon = String.join(" ", binary,
                "--host", host(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--containerd-namespace", "stowage-test",
                "--containerd-plugins-namespace", "stowage-test-plugins");
        // exec: the daemon replaces the shell, so that stopping the process stops the daemon.
        process = new ProcessBuilder(List.of("/usr/bin/unshare", "--net", "sh", "-c",
                "ip link set lo up && exec " + daemon))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile()))
                .start();
        Instant deadline = Instant.now().plusSeconds(60);
        try (var connection = DockerConnection.to(host())) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("private dockerd exited: " + log());
                }
                try {
                    connection.ping();
                    return;
                } catch (EngineUnavailableException notYet) {
                    Thread.sleep(200);
                }
            }
        }
        throw new AssertionError("private dockerd did not answer within 60 s: " + log());
    }

    /** Stops the daemon (its containers stop with it) and starts it again on the same sockets and data. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the daemon and removes its directory. */
    @Override
    public void close() throws Exception {
        stop();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: it is under /tmp.
        }
    }
}
