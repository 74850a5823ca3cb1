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
 * A Docker daemon of a test's own, with its own socket, data, exec root and containerd namespace, no default
 * bridge and no iptables rules, so that a test can stop and restart it without touching the shared engine.
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
        var dockerd = new PrivateDockerd(dir);
        dockerd.launch();
        return dockerd;
    }

    public String host() {
        return "unix://" + dir.resolve("docker.sock");
    }

    private void launch() throws Exception {
        String binary = Files.isExecutable(Path.of("/usr/sbin/dockerd")) ? "/usr/sbin/dockerd" : "/usr/bin/dockerd";
        process = new ProcessBuilder(List.of(binary,
                "--host", host(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--containerd-namespace", "stowage-test",
                "--containerd-plugins-namespace", "stowage-test-plugins",
                "--bridge", "none", "--iptables=false", "--ip-masq=false",
                "--default-address-pool", "base=10.213.0.0/16,size=24"))
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
    public void close() throws InterruptedException {
        stop();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Best effort: it is under /tmp.
        }
    }
}
