package io.stowage.model.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a rollout stands, from DescribeServices output shaped as ECS returns it. */
class RolloutTest {
    private static Rollout.Verdict judge(String deployment) {
        return Rollout.judge(JsonLiterals.object("""
                {"serviceName": "web", "status": "ACTIVE", "desiredCount": 4, "runningCount": 1, "pendingCount": 3,
                 "deployments": [%s]}""".formatted(deployment)));
    }

    @Test
    void ecsOwnVerdictIsTakenInItsWords() {
        assertThat(judge("""
                {"id": "ecs-svc/1", "status": "PRIMARY", "rolloutState": "FAILED", "desiredCount": 4,
                 "rolloutStateReason": "ECS deployment circuit breaker: tasks failed to start."}""")).isEqualTo(
                new Rollout.Verdict(Rollout.Outcome.FAILED,
                        "deployment ecs-svc/1 FAILED: ECS deployment circuit breaker: tasks failed to start."));
        assertThat(judge("""
                {"id": "ecs-svc/2", "status": "PRIMARY", "rolloutState": "COMPLETED", "desiredCount": 4,
                 "rolloutStateReason": "ECS deployment ecs-svc/2 completed."}""").outcome())
                .isEqualTo(Rollout.Outcome.COMPLETED);
    }

    @Test
    void tasksFailingToStartFailItAtTheCircuitBreakersThreshold() {
        String twoFailed = """
                {"id": "ecs-svc/3", "status": "PRIMARY", "rolloutState": "IN_PROGRESS", "desiredCount": 4,
                 "runningCount": 1, "pendingCount": 3, "failedTasks": 2}""";
        assertThat(judge(twoFailed).outcome()).isEqualTo(Rollout.Outcome.IN_PROGRESS);
        assertThat(judge(twoFailed).words()).isEqualTo("deployment ecs-svc/3: 1 of 4 running, 3 pending, 2 failed to start");
        assertThat(judge(twoFailed.replace("\"failedTasks\": 2", "\"failedTasks\": 3")).outcome())
                .isEqualTo(Rollout.Outcome.FAILED);
        assertThat(Rollout.failureThreshold(1)).isEqualTo(3);
        assertThat(Rollout.failureThreshold(20)).isEqualTo(10);
        assertThat(Rollout.failureThreshold(1000)).isEqualTo(200);
    }

    @Test
    void withoutARolloutStateSteadyStateIsOneDeploymentRunningTheDesiredCount() {
        assertThat(judge("""
                {"id": "ecs-svc/4", "status": "PRIMARY", "desiredCount": 4, "runningCount": 4, "pendingCount": 0}""")
                .words()).isEqualTo("steady state: 4 of 4 running");
        assertThat(Rollout.judge(JsonLiterals.object("""
                {"status": "DRAINING", "deployments": []}""")).outcome()).isEqualTo(Rollout.Outcome.FAILED);
    }
}
