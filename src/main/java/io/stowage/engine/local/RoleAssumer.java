package io.stowage.engine.local;

import java.time.Duration;
import java.util.Optional;

/**
 * Assumes IAM roles for the local agent, as ECS does for a task's roles: STS AssumeRole with the credentials,
 * profile, region and endpoint of the run. The local runner and the agent define it; the ECS engine implements it,
 * so that only {@code engine.ecs} touches the AWS SDK.
 */
public interface RoleAssumer {

    /**
     * Assumes {@code roleArn} for a session named {@code sessionName}. Blocking.
     *
     * @param duration how long the credentials should last (STS may give less)
     * @throws RoleRefusedException when STS refuses, with what the user can change
     */
    RoleCredentials assume(String roleArn, String sessionName, Duration duration);

    /** The user's own credentials, as the SDK's chain resolves them: only ever served by the user's choice. */
    Optional<RoleCredentials> userCredentials();
}
