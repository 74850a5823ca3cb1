package io.stowage.engine.ecs;

import io.stowage.engine.local.ExecutionRoles;
import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.RoleRefusedException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's access to AWS for a task's secrets and ECR images: its execution role, assumed through STS as the
 * task roles are ({@link RoleAssumer}: the run's credentials, profile and endpoint), for each task that needs it,
 * in a session named after the task, and again shortly before the credentials expire. They only ever reach the agent's own SDK calls, never a container. When
 * STS refuses the role, the user's own credentials stand in and the task is told so (a deviation); a task without an
 * execution role uses them too, where ECS would use the container instance's role. Nothing is asked of STS until a
 * task's secrets or images need AWS.
 */
public final class StsExecutionRoles implements ExecutionRoles {
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    /** A refused role is asked again after this long: the user may be fixing its trust policy. */
    private static final Duration ASK_AGAIN = Duration.ofMinutes(1);

    private final EcsSettings settings;
    private final AwsCredentialsProvider user;
    private final RoleAssumer roles;
    private final Clock clock;

    public StsExecutionRoles(EcsSettings settings, RoleAssumer roles) {
        this(settings, EcrLogin.credentials(settings), roles, Clock.systemUTC());
    }

    StsExecutionRoles(EcsSettings settings, AwsCredentialsProvider user, RoleAssumer roles, Clock clock) {
        this.settings = settings;
        this.user = user;
        this.roles = roles;
        this.clock = clock;
    }

    @Override
    public Access forTask(String executionRoleArn, String sessionName, Consumer<String> deviation) {
        AwsCredentialsProvider provider = executionRoleArn == null ? new UserStandIn(deviation)
                : new RoleOrUser(new RoleSession(executionRoleArn, sessionName), deviation);
        return new Access(new AwsSecrets(settings, provider), new EcrLogin(settings, provider));
    }

    /** Credentials as the SDK's clients want them. */
    static AwsCredentials sdk(RoleCredentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** A task's execution role credentials, assumed when first needed and again before they expire. */
    private final class RoleSession {
        private final String roleArn;
        private final String sessionName;
        private RoleCredentials current;
        private RoleRefusedException refused;
        private Instant askAgainAt;

        RoleSession(String roleArn, String sessionName) {
            this.roleArn = roleArn;
            this.sessionName = sessionName;
        }

        /** @throws RoleRefusedException when STS refuses it (remembered for a minute) */
        synchronized RoleCredentials credentials() {
            Instant now = clock.instant();
            if (current != null && (current.expiration() == null
                    || current.expiration().minus(REFRESH_BEFORE).isAfter(now))) {
                return current;
            }
            if (refused != null && askAgainAt.isAfter(now)) {
                throw refused;
            }
            try {
                current = roles.assume(roleArn, sessionName, LIFETIME);
                refused = null;
                return current;
            } catch (RoleRefusedException e) {
                if (current != null && current.expiration() != null && current.expiration().isAfter(now)) {
                    return current; // a refresh failed: what was assumed still serves until it expires
                }
                current = null;
                refused = e;
                askAgainAt = now.plus(ASK_AGAIN);
                throw e;
            }
        }
    }

    /** A task's execution role, or the user's own credentials (told once) when STS refuses it. */
    private final class RoleOrUser implements AwsCredentialsProvider {
        private final RoleSession session;
        private final Consumer<String> deviation;
        private final AtomicBoolean told = new AtomicBoolean();

        RoleOrUser(RoleSession session, Consumer<String> deviation) {
            this.session = session;
            this.deviation = deviation;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            try {
                return sdk(session.credentials());
            } catch (RoleRefusedException e) {
                if (told.compareAndSet(false, true)) {
                    deviation.accept("execution role " + session.roleArn + " could not be assumed, so the agent reads "
                            + "this task's secrets and pulls its images with your own AWS credentials: "
                            + e.getMessage());
                }
                return user.resolveCredentials();
            }
        }
    }

    /** The user's own credentials for a task without an execution role (told once, when first used). */
    private final class UserStandIn implements AwsCredentialsProvider {
        private final Consumer<String> deviation;
        private final AtomicBoolean told = new AtomicBoolean();

        UserStandIn(Consumer<String> deviation) {
            this.deviation = deviation;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            if (told.compareAndSet(false, true)) {
                deviation.accept("this task has no execution role, so the agent reads its secrets and pulls its "
                        + "images from AWS with your own AWS credentials, where ECS would use the container "
                        + "instance's role (and Fargate none: it needs an execution role)");
            }
            return user.resolveCredentials();
        }
    }
}
