package io.stowage.engine.local;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary credentials of an IAM role, as STS AssumeRole hands them out (or, by the user's choice, the user's own
 * credentials standing in for a role). Never printed: {@link #toString()} names the role and the key id only.
 *
 * @param roleArn         the role they are for
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret key
 * @param sessionToken    the session token, or null for long-lived keys
 * @param expiration      when they expire, or null when they do not
 */
public record RoleCredentials(String roleArn, String accessKeyId, String secretAccessKey, String sessionToken,
                              Instant expiration) {
    public RoleCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
        return "RoleCredentials[" + roleArn + ", " + accessKeyId + ", expires " + expiration + "]";
    }
}
