package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The AWS clients one ECS session uses, all built alike from {@link EcsSettings}: one HTTP client, the same
 * region, credentials and endpoint override (an emulator such as moto serves every service at one address),
 * the adaptive retry mode (exponential backoff with jitter, and a client-side rate limit once AWS throttles),
 * and the call counter. Clients are built on first use and closed together.
 *
 * <p>Calls that make something and that an answer lost on the way would make twice (RunTask, CreateService,
 * RegisterTaskDefinition, RunInstances) go through the one-attempt clients ({@link #ecsOnce()},
 * {@link #ec2Once()}) instead, and {@link ReadBeforeRetry} retries them only after looking for what the lost
 * attempt made.
 */
public final class AwsClients implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AwsClients.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private final EcsSettings settings;
    private final ApiCallCounter counter = new ApiCallCounter();
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(ATTEMPT_TIMEOUT).build();
    private final List<SdkAutoCloseable> built = new ArrayList<>();
    private EcsClient ecs;
    private EcsClient ecsOnce;
    private Ec2Client ec2;
    private Ec2Client ec2Once;
    private SsmClient ssm;
    private IamClient iam;
    private CloudWatchLogsClient logs;
    private StsClient sts;

    public AwsClients(EcsSettings settings) {
        this.settings = settings;
        LOG.debug("AWS clients for region {}, profile {}, endpoint {}", settings.region(), settings.profile(),
                settings.endpointOverride() != null ? settings.endpointOverride() : "the SDK's (AWS_ENDPOINT_URL or AWS)");
    }

    public EcsSettings settings() {
        return settings;
    }

    public ApiCallCounter counter() {
        return counter;
    }

    public synchronized EcsClient ecs() {
        if (ecs == null) {
            ecs = configure(EcsClient.builder());
        }
        return ecs;
    }

    /** ECS, each call made once: a failed attempt is the caller's to retry (after reading what it made). */
    synchronized EcsClient ecsOnce() {
        if (ecsOnce == null) {
            ecsOnce = configure(EcsClient.builder(), AwsRetryStrategy.doNotRetry());
        }
        return ecsOnce;
    }

    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            ec2 = configure(Ec2Client.builder());
        }
        return ec2;
    }

    /** EC2, each call made once (see {@link #ecsOnce()}). */
    synchronized Ec2Client ec2Once() {
        if (ec2Once == null) {
            ec2Once = configure(Ec2Client.builder(), AwsRetryStrategy.doNotRetry());
        }
        return ec2Once;
    }

    public synchronized SsmClient ssm() {
        if (ssm == null) {
            ssm = configure(SsmClient.builder());
        }
        return ssm;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            iam = configure(IamClient.builder());
        }
        return iam;
    }

    public synchronized CloudWatchLogsClient logs() {
        if (logs == null) {
            logs = configure(CloudWatchLogsClient.builder());
        }
        return logs;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder());
        }
        return sts;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C configure(
            B builder) {
        return configure(builder, null);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C configure(
            B builder, RetryStrategy retries) {
        builder.httpClient(http);
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        builder.overrideConfiguration(o -> {
            if (settings.profile() != null) {
                // Also makes the profile's region the default when no region is given.
                o.defaultProfileName(settings.profile());
            }
            if (retries == null) {
                o.retryStrategy(RetryMode.ADAPTIVE_V2);
            } else {
                o.retryStrategy(retries);
            }
            o.apiCallAttemptTimeout(ATTEMPT_TIMEOUT).addExecutionInterceptor(counter);
        });
        builder.credentialsProvider(credentials());
        C client = build(builder::build);
        built.add(client);
        return client;
    }

    private AwsCredentialsProvider credentials() {
        return EcsClients.credentials(settings);
    }

    /** Building fails only for want of a region; say how to give one. */
    private <C> C build(Supplier<C> build) {
        try {
            return build.get();
        } catch (SdkClientException e) {
            throw new EngineUnavailableException(AwsErrors.clientProblem(settings, "connecting", e), e);
        }
    }

    @Override
    public synchronized void close() {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
        http.close();
    }
}
