package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.stowage.engine.EngineUnavailableException;
import io.stowage.engine.local.DockerConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;
import java.util.Map;

/**
 * Gives a test class the Docker engine named by DOCKER_HOST (or the local socket), with
 * {@link BusyboxImage} present. Skips its tests when no engine answers, or fails them when engines are
 * {@linkplain Engines#required() required}. After the class, removes every container, network and volume
 * labelled {@value #TEST_LABEL}. Use as {@code @ExtendWith} and take a {@link DockerClient} parameter, or as a
 * {@code static @RegisterExtension} field and call {@link #client()}.
 */
public final class DockerEngineExtension
        implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    public static final String TEST_LABEL = "io.stowage.test";
    /** Put these on every container, network and volume a test creates, so that it is found and removed. */
    public static final Map<String, String> LABELS = Map.of(TEST_LABEL, "true");

    private static DockerConnection connection;
    private static String unavailableReason;

    /**
     * Skips each test with the reason before anything of its class runs for it, so that a class whose set-up needs
     * the engine (a TestFX {@code @Start}, which runs before {@link #beforeEach}) is skipped, not failed. When
     * engines are required, the test runs, and {@link #beforeEach} fails it.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || Engines.required() || engineAnswers()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers, or engines are required");
        }
        return ConditionEvaluationResult.disabled(unavailableReason);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (engineAnswers() || Engines.required()) {
            BusyboxImage.ensure(client());
        }
    }

    /** Skips test by test, not the class at once, so that the reports count and explain each skip. */
    @Override
    public void beforeEach(ExtensionContext context) {
        client();
    }

    /** The shared client; skips or fails the calling test when there is no engine. */
    public DockerClient client() {
        return sharedConnection().client();
    }

    private static synchronized boolean engineAnswers() {
        if (connection == null && unavailableReason == null) {
            var candidate = DockerConnection.fromEnvironment();
            try {
                candidate.ping();
                connection = candidate;
            } catch (EngineUnavailableException e) {
                // Remembered so that each later test class skips at once instead of waiting on the address again.
                unavailableReason = e.getMessage();
                candidate.close();
                Engines.report(unavailableReason);
            }
        }
        return connection != null;
    }

    private static synchronized DockerConnection sharedConnection() {
        if (!engineAnswers()) {
            throw Engines.unavailable(unavailableReason);
        }
        return connection;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (connection != null) {
            removeTestResources(connection.client());
        }
    }

    static void removeTestResources(DockerClient docker) {
        var containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(LABELS).exec();
        for (var container : containers) {
            try {
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException | ConflictException alreadyGoing) {
                // Removed by the test itself, or an auto-remove is under way.
            }
        }
        var labelFilter = List.of(TEST_LABEL + "=true");
        for (var network : docker.listNetworksCmd().withFilter("label", labelFilter).exec()) {
            ignoringGone(() -> docker.removeNetworkCmd(network.getId()).exec());
        }
        for (var volume : docker.listVolumesCmd().withFilter("label", labelFilter).exec().getVolumes()) {
            ignoringGone(() -> docker.removeVolumeCmd(volume.getName()).exec());
        }
    }

    private static void ignoringGone(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException alreadyGone) {
            // Removed by the test itself.
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DockerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return client();
    }
}
