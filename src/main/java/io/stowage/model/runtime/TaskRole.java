package io.stowage.model.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A task's IAM role as the local agent holds it: which role, whether its credentials could be had, and when a
 * container last fetched them from the credentials endpoint. ECS's DescribeTasks has no such member (it shows
 * the role in {@code overrides.taskRoleArn}); the desktop and {@code stowage ps} show it so that a user sees
 * whether the role works before the application says so.
 *
 * @param roleArn      the task definition's {@code taskRoleArn}
 * @param status       what the agent could do with it
 * @param detail       why, in words a user can act on (a refused AssumeRole and what to change), or null
 * @param expiration   when the credentials being served expire (they are refreshed before), or null
 * @param lastServedAt when a container last fetched them, or null when none has
 */
public record TaskRole(String roleArn, Status status, String detail, Instant expiration, Instant lastServedAt) {

    public enum Status {
        /** Being assumed: the endpoint answers 503 CredentialsUninitialized meanwhile, as the agent does. */
        PENDING,
        /** Assumed through STS; the task gets that role's temporary credentials. */
        ASSUMED,
        /** AssumeRole was refused or failed; the task gets no credentials (see {@link #detail}). */
        REFUSED,
        /** AssumeRole was refused and the design asked for the user's own credentials instead: a deviation. */
        USER_CREDENTIALS,
        /** Nothing serves credentials in this run (no agent endpoints): the task gets no variable. */
        NOT_SERVED
    }

    public TaskRole {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(status, "status");
    }

    public static TaskRole pending(String roleArn) {
        return new TaskRole(roleArn, Status.PENDING, null, null, null);
    }

    /** Whether the task's containers can get credentials from the endpoint. */
    public boolean serving() {
        return status == Status.ASSUMED || status == Status.USER_CREDENTIALS;
    }

    public TaskRole served(Instant at) {
        return new TaskRole(roleArn, status, detail, expiration, at);
    }
}
