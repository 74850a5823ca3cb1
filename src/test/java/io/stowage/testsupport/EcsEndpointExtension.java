package io.stowage.testsupport;

import io.stowage.engine.ecs.EcsSettings;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.URI;

/**
 * Gives a test class an ECS endpoint that no one here wrote: the one in {@code STOWAGE_ECS_ENDPOINT}, or a
 * {@code moto_server} started once per JVM on a free loopback port and stopped when the JVM exits. Its state
 * is reset before each test class. Skips the tests when there is none, or fails them when engines are
 * {@linkplain Engines#required() required}. Use as {@code @ExtendWith} and take an {@link EcsSettings}
 * parameter, or as a {@code static @RegisterExtension} field and call {@link #settings()}.
 */
public final class EcsEndpointExtension
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    public static final String ENDPOINT_VARIABLE = "STOWAGE_ECS_ENDPOINT";
    public static final String REGION = "us-east-1";
    /** Dummy keys: moto checks nothing, and tests must never pick up real ones from the environment. */
    public static final EcsSettings.StaticKeys KEYS = new EcsSettings.StaticKeys("testing", "testing");

    private static URI sharedEndpoint;
    private static String unavailableReason;

    /**
     * Skips each test with the reason before anything of its class runs for it (a TestFX {@code @Start} runs before
     * {@link #beforeEach}). When engines are required, the test runs, and {@link #beforeEach} fails it.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || Engines.required() || endpointAnswers()) {
            return ConditionEvaluationResult.enabled("an ECS endpoint answers, or engines are required");
        }
        return ConditionEvaluationResult.disabled(unavailableReason);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (endpointAnswers() || Engines.required()) {
            MotoServer.reset(endpoint());
        }
    }

    /** Skips test by test, not the class at once, so that the reports count and explain each skip. */
    @Override
    public void beforeEach(ExtensionContext context) {
        endpoint();
    }

    /** Skips or fails the calling test when there is no endpoint. */
    public URI endpoint() {
        return sharedEndpoint();
    }

    /** Forgets everything made so far, for a test that needs an empty account. */
    public void reset() {
        MotoServer.reset(endpoint());
    }

    public String region() {
        return REGION;
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEYS.accessKeyId(), KEYS.secretAccessKey()));
    }

    /** Settings that point Stowage's own client factory at this endpoint. */
    public EcsSettings settings() {
        return new EcsSettings(REGION, null, endpoint(), KEYS);
    }

    private static synchronized boolean endpointAnswers() {
        if (sharedEndpoint == null && unavailableReason == null) {
            String given = System.getenv(ENDPOINT_VARIABLE);
            if (given != null && !given.isBlank()) {
                useGiven(URI.create(given.strip()));
            } else {
                startMoto();
            }
            if (unavailableReason != null) {
                Engines.report(unavailableReason);
            }
        }
        return sharedEndpoint != null;
    }

    private static synchronized URI sharedEndpoint() {
        if (!endpointAnswers()) {
            throw Engines.unavailable(unavailableReason);
        }
        return sharedEndpoint;
    }

    private static void useGiven(URI endpoint) {
        if (MotoServer.answers(endpoint)) {
            sharedEndpoint = endpoint;
        } else {
            unavailableReason = "no ECS endpoint: nothing answers GET /moto-api/ at "
                    + ENDPOINT_VARIABLE + "=" + endpoint;
        }
    }

    private static void startMoto() {
        var executable = MotoServer.executable();
        if (executable.isEmpty()) {
            unavailableReason = "no ECS endpoint: " + ENDPOINT_VARIABLE + " is unset, and moto_server is"
                    + " neither on the PATH nor in ~/.pyenv/shims (pip install 'moto[server]')";
            return;
        }
        try {
            sharedEndpoint = MotoServer.start(executable.get()).endpoint();
        } catch (IOException e) {
            unavailableReason = "no ECS endpoint: " + e.getMessage();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EcsSettings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return settings();
    }
}
