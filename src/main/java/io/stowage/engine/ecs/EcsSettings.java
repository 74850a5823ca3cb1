package io.stowage.engine.ecs;

import java.net.URI;

/**
 * Where and as whom to talk to ECS. A null member means "as the AWS SDK would decide by default"
 * (environment, shared config files, instance metadata).
 *
 * @param region           e.g. {@code us-east-1}, or null
 * @param profile          a profile of the shared AWS config files, or null
 * @param endpointOverride another ECS endpoint (a local emulator, a VPC endpoint), or null
 * @param staticKeys       fixed keys, for tests against an emulator; null to use the profile or the default chain
 */
public record EcsSettings(String region, String profile, URI endpointOverride, StaticKeys staticKeys) {

    public static EcsSettings defaults() {
        return new EcsSettings(null, null, null, null);
    }

    public record StaticKeys(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }
}
