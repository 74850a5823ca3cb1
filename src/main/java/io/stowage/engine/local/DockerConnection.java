package io.stowage.engine.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.stowage.engine.EngineUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/**
 * A client for one Docker engine, found the way the docker CLI finds it (DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, DOCKER_CONTEXT; the local socket otherwise).
 */
public final class DockerConnection implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DockerConnection.class);

    /** Bounds the wait for an engine that is not there; streams (logs, wait) have no response timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI host;
    private final DockerClient client;

    private DockerConnection(DockerClientConfig config) {
        this.host = config.getDockerHost();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
        LOG.debug("Docker engine at {}", host);
    }

    /**
     * The engine the docker CLI would use; where no DOCKER_HOST, docker context or {@code /var/run/docker.sock} is
     * there, Podman's Docker-compatible socket ({@code $XDG_RUNTIME_DIR/podman/podman.sock}, else the rootful
     * {@code /run/podman/podman.sock}) when one exists.
     */
    public static DockerConnection fromEnvironment() {
        var builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (System.getenv("DOCKER_HOST") == null && System.getenv("DOCKER_CONTEXT") == null
                && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            podmanSocket().ifPresent(socket -> builder.withDockerHost("unix://" + socket));
        }
        return new DockerConnection(builder.build());
    }

    private static java.util.Optional<java.nio.file.Path> podmanSocket() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        var candidates = new java.util.ArrayList<java.nio.file.Path>();
        if (runtime != null && !runtime.isBlank()) {
            candidates.add(java.nio.file.Path.of(runtime, "podman", "podman.sock"));
        }
        candidates.add(java.nio.file.Path.of("/run/podman/podman.sock"));
        return candidates.stream().filter(java.nio.file.Files::exists).findFirst();
    }

    /** @param dockerHost an engine address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375} */
    public static DockerConnection to(String dockerHost) {
        return new DockerConnection(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
    }

    public URI host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    /** @throws EngineUnavailableException naming the address when nothing answers there */
    public void ping() {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("no Docker engine answers at " + host + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
