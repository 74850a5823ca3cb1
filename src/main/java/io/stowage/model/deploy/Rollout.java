package io.stowage.model.deploy;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;

/**
 * Where a service's rollout stands, read from DescribeServices output (model JSON): ECS's own verdict when it gives
 * one (the PRIMARY deployment's {@code rolloutState} COMPLETED or FAILED, with its {@code rolloutStateReason}),
 * else steady state (one deployment, running = desired), and failed once as many tasks failed to start as ECS's
 * deployment circuit breaker tolerates (half the desired count, at least 3, at most 200).
 */
public final class Rollout {
    public enum Outcome { COMPLETED, FAILED, IN_PROGRESS }

    /** @param words what ECS says, or what was counted, as the user reads it */
    public record Verdict(Outcome outcome, String words) {
    }

    private Rollout() {
    }

    /** ECS's deployment circuit breaker: 0.5 x desired count, clamped to [3, 200]. */
    public static int failureThreshold(int desiredCount) {
        return Math.max(3, Math.min(200, (int) Math.ceil(desiredCount * 0.5)));
    }

    public static Verdict judge(JsonObject service) {
        String status = JsonTrees.string(service, "status");
        if (status != null && !"ACTIVE".equals(status)) {
            return new Verdict(Outcome.FAILED, "the service is " + status);
        }
        JsonObject primary = null;
        int deployments = 0;
        for (Json d : JsonTrees.array(service.get("deployments")).items()) {
            deployments++;
            if ("PRIMARY".equals(JsonTrees.string(JsonTrees.object(d), "status"))) {
                primary = JsonTrees.object(d);
            }
        }
        if (primary == null) {
            return counts(service, deployments, number(service, "desiredCount"), number(service, "runningCount"),
                    number(service, "pendingCount"), 0, null);
        }
        String state = JsonTrees.string(primary, "rolloutState");
        String reason = JsonTrees.string(primary, "rolloutStateReason");
        String id = JsonTrees.string(primary, "id");
        if ("FAILED".equals(state)) {
            return new Verdict(Outcome.FAILED, "deployment " + id + " FAILED" + (reason == null ? "" : ": " + reason));
        }
        if ("COMPLETED".equals(state)) {
            return new Verdict(Outcome.COMPLETED, "deployment " + id + " COMPLETED" + (reason == null ? "" : ": " + reason));
        }
        int desired = number(primary, "desiredCount");
        int failed = number(primary, "failedTasks");
        if (failed >= failureThreshold(desired)) {
            return new Verdict(Outcome.FAILED, "deployment " + id + ": " + failed + " task(s) failed to start, as many as"
                    + " ECS's deployment circuit breaker tolerates for " + desired + " desired (" + failureThreshold(desired)
                    + ")" + (reason == null ? "" : "; ECS says: " + reason));
        }
        if (state == null) {
            return counts(service, deployments, desired, number(primary, "runningCount"), number(primary, "pendingCount"),
                    failed, id);
        }
        return new Verdict(Outcome.IN_PROGRESS, progress(id, desired, number(primary, "runningCount"),
                number(primary, "pendingCount"), failed) + (reason == null ? "" : "; " + reason));
    }

    private static Verdict counts(JsonObject service, int deployments, int desired, int running, int pending, int failed,
                                  String id) {
        if (deployments <= 1 && running == desired) {
            return new Verdict(Outcome.COMPLETED, "steady state: " + running + " of " + desired + " running");
        }
        return new Verdict(Outcome.IN_PROGRESS, progress(id, desired, running, pending, failed));
    }

    private static String progress(String id, int desired, int running, int pending, int failed) {
        return (id == null ? "" : "deployment " + id + ": ") + running + " of " + desired + " running, " + pending
                + " pending" + (failed > 0 ? ", " + failed + " failed to start" : "");
    }

    private static int number(JsonObject object, String key) {
        return object.get(key) instanceof JsonNumber n && n.intValueOrNull() != null ? n.intValueOrNull() : 0;
    }
}
