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
    }

    public static DockerConnection fromEnvironment() {
        return new DockerConnection(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
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
