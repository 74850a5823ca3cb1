package io.stowage.engine.ecs;

import io.stowage.engine.local.ExecutionRoles;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.RoleRefusedException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's access to AWS for a task's secrets and ECR images: its execution role, assumed through STS as the
 * task roles are ({@link StsRoles}) and refreshed before it expires. The role's credentials only ever reach the
 * agent's own calls, never a container. When STS refuses the role, the user's own credentials stand in, and the
 * task is told so (a deviation); a task without an execution role uses them as ECS would use the instance's role.
 */
public final class StsExecutionRoles implements ExecutionRoles {
    static final String SESSION = "stowage-local-agent";
    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    private static final Duration ASK_AGAIN = Duration.ofMinutes(1);

    private final EcsSettings settings;
    private final StsRoles roles;
    private final Clock clock;
    private final Map<String, Decision> decided = new ConcurrentHashMap<>();

    private record Decision(Access access, Instant until) {
    }

    public StsExecutionRoles(EcsSettings settings, StsRoles roles) {
        this(settings, roles, Clock.systemUTC());
    }

    StsExecutionRoles(EcsSettings settings, StsRoles roles, Clock clock) {
        this.settings = settings;
        this.roles = roles;
        this.clock = clock;
    }

    @Override
    public Access forRole(String executionRoleArn) {
        if (executionRoleArn == null) {
            return new Access(new AwsSecrets(settings), new EcrLogin(settings), null);
        }
        Decision known = decided.get(executionRoleArn);
        if (known != null && (known.until() == null || known.until().isAfter(clock.instant()))) {
            return known.access();
        }
        RoleProvider provider = new RoleProvider(executionRoleArn);
        Decision decision;
        try {
            provider.resolveCredentials();
            decision = new Decision(new Access(new AwsSecrets(settings, provider), new EcrLogin(settings, provider),
                    null), null);
        } catch (RoleRefusedException e) {
            decision = new Decision(new Access(new AwsSecrets(settings), new EcrLogin(settings),
                    "execution role " + executionRoleArn + " could not be assumed, so the agent reads this task's "
                            + "secrets and pulls its images with your own AWS credentials: " + e.getMessage()),
                    clock.instant().plus(ASK_AGAIN));
        }
        decided.put(executionRoleArn, decision);
        return decision.access();
    }

    /** The execution role's credentials for the SDK's clients, assumed again shortly before they expire. */
    private final class RoleProvider implements AwsCredentialsProvider {
        private final String roleArn;
        private RoleCredentials current;

        RoleProvider(String roleArn) {
            this.roleArn = roleArn;
        }

        @Override
        public synchronized AwsCredentials resolveCredentials() {
            if (current == null || (current.expiration() != null
                    && current.expiration().minus(REFRESH_BEFORE).isBefore(clock.instant()))) {
                current = roles.assume(roleArn, SESSION, Duration.ofHours(1));
            }
            return AwsSessionCredentials.create(current.accessKeyId(), current.secretAccessKey(), current.sessionToken());
        }
    }
}
