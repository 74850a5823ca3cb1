package io.stowage.agent.endpoints;

import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.RoleRefusedException;
import io.stowage.engine.local.TaskEndpoints;
import io.stowage.model.runtime.TaskRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credentials manager's rules on a clock the test moves: one id per task, refresh before expiry, a refused role
 * serves nothing unless the user chose their own credentials, a stopped task's id is forgotten. STS itself is
 * {@link TaskAndExecutionRolesTest}'s (moto); here a scripted assumer stands in so that time can be controlled.
 */
class CredentialsStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final MovableClock clock = new MovableClock(T0);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Scripted sts = new Scripted();
    private final CredentialsStore store = new CredentialsStore(sts, timer, clock, Duration.ofHours(1));
    private final List<TaskRole> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private TaskEndpoints.RoleRequest request(String id, String role, boolean fallback) {
        return new TaskEndpoints.RoleRequest(id, "arn:aws:ecs:us-east-1:123456789012:task/c/" + id, role, id, fallback);
    }

    @Test
    void eachTasksIdServesItsOwnRolesCredentialsAndAnUnknownIdNothing() {
        TaskRole a = store.serve(request("id-a", "arn:aws:iam::1:role/a", false), changes::add);
        store.serve(request("id-b", "arn:aws:iam::1:role/b", false), changes::add);
        assertThat(a.status()).isEqualTo(TaskRole.Status.ASSUMED);
        var foundA = (CredentialsStore.Lookup.Found) store.lookup("id-a");
        var foundB = (CredentialsStore.Lookup.Found) store.lookup("id-b");
        assertThat(foundA.credentials().roleArn()).isEqualTo("arn:aws:iam::1:role/a");
        assertThat(foundB.credentials().roleArn()).isEqualTo("arn:aws:iam::1:role/b");
        assertThat(foundA.credentials().accessKeyId()).isNotEqualTo(foundB.credentials().accessKeyId());
        assertThat(sts.sessions).containsExactly("id-a", "id-b");
        assertThat(store.lookup("id-c")).isInstanceOf(CredentialsStore.Lookup.Unknown.class);
        assertThat(store.lookup(null)).isInstanceOf(CredentialsStore.Lookup.Unknown.class);

        store.stop("id-a");
        assertThat(store.lookup("id-a")).isInstanceOf(CredentialsStore.Lookup.Unknown.class);
        assertThat(store.lookup("id-b")).isInstanceOf(CredentialsStore.Lookup.Found.class);
    }

    @Test
    void credentialsAreRefreshedWithAQuarterOfTheirLifeLeftAndNeverServedExpired() {
        assertThat(store.refreshAt(T0.plus(Duration.ofHours(1)))).isEqualTo(T0.plus(Duration.ofMinutes(45)));
        // Short-lived: five minutes before, when that leaves time; else a quarter.
        assertThat(store.refreshAt(T0.plus(Duration.ofMinutes(16)))).isEqualTo(T0.plus(Duration.ofMinutes(11)));
        assertThat(store.refreshAt(T0.plus(Duration.ofMinutes(8)))).isEqualTo(T0.plus(Duration.ofMinutes(6)));

        sts.lifetime = Duration.ofMinutes(15);
        store.serve(request("id-a", "arn:aws:iam::1:role/a", false), changes::add);
        clock.set(T0.plus(Duration.ofMinutes(16)));
        assertThat(store.lookup("id-a")).as("expired, and not yet refreshed").isInstanceOf(CredentialsStore.Lookup.Pending.class);
    }

    @Test
    void aRefusedRoleGetsNothingAndSaysWhatToChange() {
        sts.refuse = "STS refused to let me assume arn:aws:iam::1:role/a.";
        TaskRole role = store.serve(request("id-a", "arn:aws:iam::1:role/a", false), changes::add);
        assertThat(role.status()).isEqualTo(TaskRole.Status.REFUSED);
        assertThat(role.detail()).startsWith(sts.refuse).contains("\"taskRoleFallback\": \"userCredentials\"");
        assertThat(store.lookup("id-a")).isInstanceOf(CredentialsStore.Lookup.Pending.class);
    }

    @Test
    void theUsersFallbackServesTheirKeysUnderTheRoleWithAnExpirationTheSdksCanPlanBy() {
        sts.refuse = "refused.";
        TaskRole role = store.serve(request("id-a", "arn:aws:iam::1:role/a", true), changes::add);
        assertThat(role.status()).isEqualTo(TaskRole.Status.USER_CREDENTIALS);
        assertThat(role.detail()).contains("your own AWS credentials", "which ECS never does");
        var found = (CredentialsStore.Lookup.Found) store.lookup("id-a");
        assertThat(found.credentials().accessKeyId()).isEqualTo("AKIAUSER");
        assertThat(found.credentials().roleArn()).isEqualTo("arn:aws:iam::1:role/a");
        assertThat(found.credentials().expiration()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void servingIsReportedAtOnceAndThenAtMostEveryTenSeconds() {
        store.serve(request("id-a", "arn:aws:iam::1:role/a", false), changes::add);
        store.lookup("id-a");
        store.lookup("id-a");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).lastServedAt()).isEqualTo(T0);
        clock.set(T0.plus(CredentialsStore.SERVED_REPORT_INTERVAL));
        store.lookup("id-a");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).lastServedAt()).isEqualTo(T0.plus(CredentialsStore.SERVED_REPORT_INTERVAL));
    }

    /** STS as a script: numbered keys per call, or a refusal. */
    private final class Scripted implements RoleAssumer {
        final List<String> sessions = new ArrayList<>();
        Duration lifetime = Duration.ofHours(1);
        String refuse;

        @Override
        public synchronized RoleCredentials assume(String roleArn, String sessionName, Duration duration) {
            if (refuse != null) {
                throw new RoleRefusedException(refuse);
            }
            sessions.add(sessionName);
            return new RoleCredentials(roleArn, "ASIA" + sessions.size(), "secret" + sessions.size(), "token",
                    clock.instant().plus(lifetime));
        }

        @Override
        public Optional<RoleCredentials> userCredentials() {
            return Optional.of(new RoleCredentials(null, "AKIAUSER", "user-secret", null, null));
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant value) {
            now = value;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
