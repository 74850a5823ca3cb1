package io.stowage.model.deploy;

import io.stowage.model.json.JsonObject;

import java.util.List;
import java.util.Objects;

/**
 * One line of a plan: what will be created or updated, what is already as designed, or what cannot be done.
 *
 * @param kind     what kind of change it is
 * @param action   create, update, unchanged, blocked, or delete (deploy --prune)
 * @param cluster  the cluster name it concerns, or null for a task definition
 * @param subject  what it concerns, e.g. {@code service web} or {@code task definition api}
 * @param summary  one line a user reads, e.g. {@code update service demo/web: desiredCount 2 -> 3}
 * @param details  further lines (differences, assumptions), possibly none
 * @param request  the API input to send (CreateCluster, RegisterTaskDefinition, CreateService, UpdateService,
 *                 RunTask, PutAttributes, PutClusterCapacityProviders), or null
 * @param launch   the instance to launch or attach, for those kinds; else null
 */
public record PlannedChange(ChangeKind kind, Action action, String cluster, String subject, String summary,
                            List<String> details, JsonObject request, Ec2Launch launch) {
    public enum Action {
        CREATE("+"), UPDATE("~"), UNCHANGED("="), BLOCKED("!"), DELETE("-");

        private final String sign;

        Action(String sign) {
            this.sign = sign;
        }

        /** The sign a plan line starts with. */
        public String sign() {
            return sign;
        }
    }

    public PlannedChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
    }

    /** Whether applying it calls the API. */
    public boolean isChange() {
        return action == Action.CREATE || action == Action.UPDATE || action == Action.DELETE;
    }

    @Override
    public String toString() {
        return action.sign() + " " + summary;
    }
}
