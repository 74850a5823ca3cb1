package io.stowage.model.agent;

import io.stowage.model.ecs.ContainerRestartPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's restart rule (restart_tracker.go ShouldRestart), case by case. */
class RestartTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static RestartTracker tracker(Integer period, Integer... ignored) {
        return RestartTracker.of(ContainerRestartPolicy.EMPTY.withEnabled(true).withRestartAttemptPeriod(period)
                .withIgnoredExitCodes(ignored.length == 0 ? null : List.of(ignored)));
    }

    @Test
    void aMissingOrDisabledPolicyNeverRestarts() {
        assertThat(RestartTracker.of(null).whyNot(1, T0, false, T0.plusSeconds(9999)))
                .contains("restart policy is not enabled");
        assertThat(RestartTracker.of(ContainerRestartPolicy.EMPTY.withEnabled(false)).enabled()).isFalse();
    }

    @Test
    void theFirstRestartWaitsUntilTheContainerHasRunThePeriodAndLaterOnesCountFromTheLastRestart() {
        RestartTracker t = tracker(60);
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(59))).contains("attempt reset period has not elapsed");
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(60))).isEmpty();
        t.recordRestart(T0.plusSeconds(60));
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(100))).isPresent();
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void theDefaultPeriodIsFiveMinutes() {
        RestartTracker t = tracker(null);
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(299))).isPresent();
        assertThat(t.whyNot(1, T0, false, T0.plusSeconds(300))).isEmpty();
    }

    @Test
    void ignoredOrUnknownExitCodesAndAStoppingContainerAreNotRestarted() {
        RestartTracker t = tracker(60, 0, 2);
        Instant late = T0.plusSeconds(600);
        assertThat(t.whyNot(0, T0, false, late)).contains("exit code 0 should be ignored");
        assertThat(t.whyNot(null, T0, false, late)).contains("exit code is nil");
        assertThat(t.whyNot(1, T0, true, late)).contains("container's desired status is stopped");
        assertThat(t.whyNot(1, T0, false, late)).isEmpty();
    }
}
