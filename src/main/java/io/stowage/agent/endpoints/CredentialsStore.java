package io.stowage.agent.endpoints;

import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.RoleRefusedException;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.model.runtime.TaskRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's credentials manager (ecs-agent {@code credentials/manager.go}): task-role credentials by their
 * unguessable id, one id per task. Each task's role is assumed through STS when the task is set up, refreshed
 * before it expires, and assumed again now and then when STS refused it (the user may fix the trust policy while
 * the task runs). A task whose role was refused gets nothing, unless the user chose their own credentials instead.
 */
final class CredentialsStore {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialsStore.class);
    /** How often a container fetching credentials is reported to the task's state (the first fetch at once). */
    static final Duration SERVED_REPORT_INTERVAL = Duration.ofSeconds(10);
    static final Duration RETRY_REFUSED = Duration.ofSeconds(30);

    private final RoleAssumer assumer;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    CredentialsStore(RoleAssumer assumer, ScheduledExecutorService timer, Clock clock, Duration lifetime) {
        this.assumer = assumer;
        this.timer = timer;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The answer to a credentials request. */
    sealed interface Lookup permits Lookup.Unknown, Lookup.Pending, Lookup.Found {
        record Unknown() implements Lookup {
        }

        /** The id is a task's, but it has no credentials (being assumed, or refused). */
        record Pending(String taskArn) implements Lookup {
        }

        record Found(String taskArn, RoleCredentials credentials) implements Lookup {
        }
    }

    private final class Entry {
        final TaskEndpoints.RoleRequest request;
        final Consumer<TaskRole> changes;
        volatile RoleCredentials credentials;
        volatile TaskRole role;
        volatile Instant reportedServedAt;
        volatile ScheduledFuture<?> next;
        volatile boolean gone;

        Entry(TaskEndpoints.RoleRequest request, Consumer<TaskRole> changes) {
            this.request = request;
            this.changes = changes;
            this.role = TaskRole.pending(request.roleArn());
        }
    }

    /** Assumes the task's role (blocking) and serves it under its id from now on. */
    TaskRole serve(TaskEndpoints.RoleRequest request, Consumer<TaskRole> changes) {
        Entry entry = new Entry(request, changes);
        entries.put(request.credentialsId(), entry);
        assume(entry, false);
        return entry.role;
    }

    void stop(String credentialsId) {
        Entry entry = entries.remove(credentialsId);
        if (entry != null) {
            entry.gone = true;
            ScheduledFuture<?> next = entry.next;
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    void stopAll() {
        entries.keySet().forEach(this::stop);
    }

    int size() {
        return entries.size();
    }

    Lookup lookup(String credentialsId) {
        Entry entry = credentialsId == null ? null : entries.get(credentialsId);
        if (entry == null) {
            return new Lookup.Unknown();
        }
        RoleCredentials credentials = entry.credentials;
        if (credentials == null || (credentials.expiration() != null && !credentials.expiration().isAfter(clock.instant()))) {
            return new Lookup.Pending(entry.request.taskArn());
        }
        served(entry);
        if (entry.role.status() == TaskRole.Status.USER_CREDENTIALS && credentials.expiration() == null) {
            // Long-lived keys: the SDKs want an expiration to plan their next fetch by.
            credentials = new RoleCredentials(credentials.roleArn(), credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken(), clock.instant().plus(lifetime));
        }
        return new Lookup.Found(entry.request.taskArn(), credentials);
    }

    private void served(Entry entry) {
        Instant now = clock.instant();
        Instant reported = entry.reportedServedAt;
        if (reported == null || Duration.between(reported, now).compareTo(SERVED_REPORT_INTERVAL) >= 0) {
            entry.reportedServedAt = now;
            entry.role = entry.role.served(now);
            entry.changes.accept(entry.role);
        }
    }

    private void assume(Entry entry, boolean report) {
        if (entry.gone) {
            return;
        }
        TaskEndpoints.RoleRequest r = entry.request;
        Instant servedAt = entry.role.lastServedAt();
        try {
            RoleCredentials credentials = assumer.assume(r.roleArn(), r.sessionName(), lifetime);
            entry.credentials = credentials;
            entry.role = new TaskRole(r.roleArn(), TaskRole.Status.ASSUMED, null, credentials.expiration(), servedAt);
            LOG.info("assumed {} for task {} until {}", r.roleArn(), r.taskArn(), credentials.expiration());
            schedule(entry, refreshAt(credentials.expiration()));
        } catch (RoleRefusedException | IllegalStateException e) {
            LOG.warn("could not assume {} for task {}: {}", r.roleArn(), r.taskArn(), e.getMessage());
            boolean stillValid = entry.credentials != null && entry.role.status() == TaskRole.Status.ASSUMED
                    && entry.credentials.expiration() != null && entry.credentials.expiration().isAfter(clock.instant());
            if (stillValid) {
                // A refresh failed: what was assumed serves until it expires; try again meanwhile.
                schedule(entry, clock.instant().plus(RETRY_REFUSED));
                return;
            }
            Optional<RoleCredentials> own = r.userFallback() ? assumer.userCredentials() : Optional.empty();
            if (own.isPresent()) {
                RoleCredentials user = own.get();
                entry.credentials = new RoleCredentials(r.roleArn(), user.accessKeyId(), user.secretAccessKey(),
                        user.sessionToken(), user.expiration());
                entry.role = new TaskRole(r.roleArn(), TaskRole.Status.USER_CREDENTIALS, e.getMessage()
                        + " The task gets your own AWS credentials instead (localRun.taskRoleFallback), which "
                        + "ECS never does.", user.expiration(), servedAt);
            } else {
                entry.credentials = null;
                entry.role = new TaskRole(r.roleArn(), TaskRole.Status.REFUSED, e.getMessage(), null, servedAt);
            }
            schedule(entry, clock.instant().plus(RETRY_REFUSED));
        }
        if (report) {
            entry.changes.accept(entry.role);
        }
    }

    /** Refreshed with a quarter of their life left, and at least five minutes before they expire when they can be. */
    Instant refreshAt(Instant expiration) {
        Instant now = clock.instant();
        if (expiration == null) {
            return now.plus(lifetime);
        }
        Duration left = Duration.between(now, expiration);
        Duration margin = left.dividedBy(4);
        if (margin.compareTo(Duration.ofMinutes(5)) < 0 && left.compareTo(Duration.ofMinutes(10)) > 0) {
            margin = Duration.ofMinutes(5);
        }
        return expiration.minus(margin);
    }

    private void schedule(Entry entry, Instant at) {
        if (entry.gone) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        entry.next = timer.schedule(() -> assume(entry, true), delay, TimeUnit.MILLISECONDS);
    }
}
