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

    /**
     * One pass of a rolling update, as the simulation and the local run's scheduler take it: 2 tasks at min 50 / max
     * 100 stop one old healthy task, then start one new as it has stopped; at min 100 / max 200 they start two new
     * ones first and stop old ones only as the new turn healthy.
     */
    @ParameterizedTest(name = "desired {0}, min {1}, max {2}: healthy {5} ({6} old), {3} new, {4} alive")
    @CsvSource({
            "2, 50, 100, 0, 2, 2, 2, 1, 0",
            "2, 50, 100, 0, 1, 1, 1, 0, 1",
            "2, 50, 100, 1, 2, 2, 1, 1, 0",
            "2, 100, 200, 0, 2, 2, 2, 0, 2",
            "2, 100, 200, 2, 4, 3, 2, 1, 0",
            "2, 100, 200, 2, 4, 4, 2, 2, 0",
            "4, 0, 100, 0, 4, 4, 4, 4, 0"})
    void rollingStep(int desired, int min, int max, int newTasks, int alive, int healthy, int healthyOld,
                     int stop, int start) {
        assertThat(DeploymentRules.healthyOldToStop(desired, min, healthy, healthyOld)).isEqualTo(stop);
        assertThat(DeploymentRules.newToStart(desired, max, newTasks, alive)).isEqualTo(start);
    }
}
