package io.stowage.model.sim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentRulesTest {

    /** API Reference, ServiceDeploymentCircuitBreaker.threshold: 0.5 × desired, at least 3, at most 200. */
    @ParameterizedTest(name = "desired {0} -> threshold {1}")
    @CsvSource({"1, 3", "4, 3", "6, 3", "7, 4", "10, 5", "25, 13", "100, 50", "400, 200", "1000, 200"})
    void circuitBreakerThreshold(int desired, int threshold) {
        assertThat(DeploymentRules.circuitBreakerThreshold(desired)).isEqualTo(threshold);
    }

    /**
     * Developer Guide, deployment-type-ecs.html: a service of 4 tasks with minimumHealthyPercent 50 may stop two
     * old tasks before starting new ones; with 100 it stops none first; maximumPercent 200 lets it run up to 8.
     */
    @ParameterizedTest(name = "desired {0}, min {1}, max {2}")
    @CsvSource({
            "4, 50, 200, 8, 2, 2, 4",
            "4, 100, 200, 8, 4, 0, 4",
            "4, 100, 100, 4, 4, 0, 0",
            "4, 0, 100, 4, 0, 4, 4",
            "3, 50, 150, 4, 2, 1, 2"})
    void rollingUpdateBounds(int desired, int min, int max, int maxTasks, int minHealthy, int mayStop, int mayStart) {
        assertThat(DeploymentRules.maximumTasks(desired, max)).isEqualTo(maxTasks);
        assertThat(DeploymentRules.minimumHealthyTasks(desired, min)).isEqualTo(minHealthy);
        assertThat(DeploymentRules.firstStep(desired, min, max)).containsExactly(mayStop, mayStart);
    }

    @ParameterizedTest(name = "daemon {0}")
    @CsvSource({"false, 100, 200", "true, 0, 100"})
    void defaultsPerSchedulingStrategy(boolean daemon, int min, int max) {
        assertThat(DeploymentRules.defaultMinimumHealthyPercent(daemon)).isEqualTo(min);
        assertThat(DeploymentRules.defaultMaximumPercent(daemon)).isEqualTo(max);
    }
}
