package io.stowage.engine.ecs;

import io.stowage.engine.local.RoleAssumer;
import io.stowage.engine.local.RoleCredentials;
import io.stowage.engine.local.RoleRefusedException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Assumes IAM roles with STS AssumeRole, as ECS does for a task's roles, with the run's AWS settings: the SDK's
 * default credentials chain (or the run's profile or keys), its region, and its endpoint ({@code AWS_ENDPOINT_URL}
 * and {@code AWS_ENDPOINT_URL_STS} are honoured by the SDK). ECS assumes task roles as the service principal
 * {@code ecs-tasks.amazonaws.com}; a local run can only assume them as the user, so when STS refuses, the reason
 * says which principal the role's trust policy would have to admit.
 */
public final class StsRoles implements RoleAssumer, AutoCloseable {
    private static final int MIN_SECONDS = 900;

    private final EcsSettings settings;
    private final StsClient sts;
    private volatile String caller;

    public StsRoles(EcsSettings settings) {
        this.settings = settings;
        var builder = StsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(EcsClients.credentials(settings)).region(region(settings));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        if (settings.profile() != null) {
            builder.overrideConfiguration(o -> o.defaultProfileName(settings.profile()));
        }
        this.sts = builder.build();
    }

    static Region region(EcsSettings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException none) {
            return Region.US_EAST_1; // STS answers in every region; its global endpoint is us-east-1's
        }
    }

    @Override
    public RoleCredentials assume(String roleArn, String sessionName, Duration duration) {
        int seconds = (int) Math.max(MIN_SECONDS, Math.min(43_200, duration.toSeconds()));
        try {
            Credentials c = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)
                    .durationSeconds(seconds)).credentials();
            return new RoleCredentials(roleArn, c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
        } catch (StsException e) {
            throw new RoleRefusedException(refusal(roleArn, e), e);
        } catch (SdkException e) {
            throw new RoleRefusedException("STS could not be asked for role " + roleArn + ": " + e.getMessage(), e);
        }
    }

    private String refusal(String roleArn, StsException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String who = callerArn().orElse("your AWS identity");
        if (!"AccessDenied".equals(code)) {
            return "STS refused role " + roleArn + " (" + code + ": " + message + ")";
        }
        String trust = trustPolicy(roleArn).map(p -> p.contains("ecs-tasks.amazonaws.com") && !p.contains("\"AWS\"")
                ? " Its trust policy admits only the ECS service (ecs-tasks.amazonaws.com), which assumes it on ECS."
                : "").orElse("");
        return "STS refused to let " + who + " assume " + roleArn + " (" + message + ")." + trust
                + " A local run assumes the task role as you: add a statement to the role's trust policy that allows "
                + "sts:AssumeRole for {\"AWS\": \"" + who + "\"}, or set \"localRun\": {\"taskRoleFallback\": "
                + "\"userCredentials\"} in the design to give the task your own credentials instead.";
    }

    /** The role's trust policy, when the user may read it (iam:GetRole). */
    private Optional<String> trustPolicy(String roleArn) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        var builder = IamClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(EcsClients.credentials(settings)).region(Region.AWS_GLOBAL);
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        try (IamClient iam = builder.build()) {
            String document = iam.getRole(r -> r.roleName(name)).role().assumeRolePolicyDocument();
            return Optional.ofNullable(document).map(d -> URLDecoder.decode(d, StandardCharsets.UTF_8));
        } catch (SdkException | IllegalArgumentException cannotRead) {
            return Optional.empty();
        }
    }

    /** Who the run's credentials are (sts:GetCallerIdentity, which is never denied). */
    public Optional<String> callerArn() {
        if (caller == null) {
            try {
                caller = sts.getCallerIdentity().arn();
            } catch (SdkException unknown) {
                return Optional.empty();
            }
        }
        return Optional.of(caller);
    }

    @Override
    public Optional<RoleCredentials> userCredentials() {
        try {
            AwsCredentials c = EcsClients.credentials(settings).resolveCredentials();
            String token = c instanceof AwsSessionCredentials s ? s.sessionToken() : null;
            return Optional.of(new RoleCredentials(null, c.accessKeyId(), c.secretAccessKey(), token,
                    c.expirationTime().orElse(null)));
        } catch (SdkException none) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        sts.close();
    }
}
