package io.stowage.engine.ecs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/** Builds ECS clients from {@link EcsSettings}. */
public final class EcsClients {

    private EcsClients() {
    }

    public static EcsClient create(EcsSettings settings) {
        // Named explicitly: the SDK's other HTTP clients are on the classpath too, and it refuses to guess.
        EcsClientBuilder builder = EcsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.profile() != null) {
            // Also makes the profile's region the default when no region is given.
            builder.overrideConfiguration(o -> o.defaultProfileName(settings.profile()));
        }
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        return builder.credentialsProvider(credentials(settings)).build();
    }

    static AwsCredentialsProvider credentials(EcsSettings settings) {
        if (settings.staticKeys() != null) {
            var keys = settings.staticKeys();
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        }
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        return DefaultCredentialsProvider.create();
    }
}
