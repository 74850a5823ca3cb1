package io.stowage.testsupport;

import io.stowage.engine.ecs.EcsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A {@code moto_server} of one test class's own, for tests that change how it behaves for everyone who talks to it:
 * {@link #requireAuthentication()} makes it check every request's signature and IAM policies (the caller's, and a
 * role's trust policy on AssumeRole), as AWS does, which the shared server must not do to the other classes.
 */
public final class PrivateMoto implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** Moto's default account; its IAM ARNs carry it. */
    public static final String ACCOUNT = "123456789012";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final MotoServer server;

    private PrivateMoto(MotoServer server) {
        this.server = server;
    }

    /** Skips or fails the calling test when moto_server is missing. */
    public static PrivateMoto start() {
        return start(java.util.Map.of());
    }

    /** A server with moto's own settings in its environment, e.g. {@code MOTO_ECS_SERVICE_RUNNING=1}. */
    public static PrivateMoto start(java.util.Map<String, String> environment) {
        var executable = MotoServer.executable();
        if (executable.isEmpty()) {
            throw Engines.unavailable("no moto_server on the PATH or in ~/.pyenv/shims (pip install 'moto[server]')");
        }
        try {
            return new PrivateMoto(MotoServer.start(executable.get(), environment));
        } catch (IOException e) {
            throw Engines.unavailable("moto_server did not start: " + e.getMessage());
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Any keys, for setting the account up before {@link #requireAuthentication()}. */
    public StaticCredentialsProvider setupCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /** Stowage's settings for this server, as the holder of these keys. */
    public EcsSettings settings(String accessKeyId, String secretAccessKey) {
        return new EcsSettings(REGION, null, endpoint(), new EcsSettings.StaticKeys(accessKeyId, secretAccessKey));
    }

    /** From now on every request must be signed with keys moto's IAM knows and be allowed by their policies. */
    public void requireAuthentication() {
        var request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset-auth"))
                .POST(HttpRequest.BodyPublishers.ofString("0")).timeout(Duration.ofSeconds(10)).build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("POST " + request.uri() + " answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
