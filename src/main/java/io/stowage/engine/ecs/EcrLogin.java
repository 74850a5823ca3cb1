package io.stowage.engine.ecs;

import io.stowage.engine.local.RegistryCredentials;
import io.stowage.engine.local.RegistryLogin;
import io.stowage.engine.local.TaskSetupException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs the local runner in to Amazon ECR registries with GetAuthorizationToken, as the agent does for ECR images
 * (its {@code ecr-auth} capability): the token decodes to {@code AWS:<password>}. The region and registry id come
 * from the registry host, {@code <account>.dkr.ecr.<region>.amazonaws.com}.
 */
public final class EcrLogin implements RegistryLogin {
    private static final Pattern ECR_HOST =
            Pattern.compile("([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    private final EcsSettings settings;
    private final Map<String, RegistryCredentials> cache = new ConcurrentHashMap<>();
    private final AwsCredentialsProvider credentials;

    public EcrLogin(EcsSettings settings) {
        this(settings, EcrLogin.credentials(settings));
    }

    /** With other credentials than the settings' (an execution role's). */
    EcrLogin(EcsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    @Override
    public Optional<RegistryCredentials> credentialsFor(String registry) {
        Matcher m = ECR_HOST.matcher(registry);
        if (!m.matches()) {
            return Optional.empty();
        }
        RegistryCredentials cached = cache.get(registry);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (EcrClient ecr = client(m.group(2))) {
            var data = ecr.getAuthorizationToken(r -> r.registryIds(m.group(1))).authorizationData();
            if (data.isEmpty()) {
                throw new IllegalStateException("ECR GetAuthorizationToken for " + registry + " returned no token");
            }
            String decoded = new String(Base64.getDecoder().decode(data.get(0).authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            RegistryCredentials credentials = new RegistryCredentials(registry, decoded.substring(0, colon),
                    decoded.substring(colon + 1));
            cache.put(registry, credentials);
            return Optional.of(credentials);
        } catch (SdkException e) {
            throw new TaskSetupException("CannotPullContainerError: ECR login to " + registry + " failed: "
                    + AwsErrors.describe(e), e);
        }
    }

    /**
     * Creates the ECR repository when it is missing, as a push to ECR needs (ECR does not create repositories on
     * push): DescribeRepositories, then CreateRepository with ECR's defaults (mutable tags, AES256 encryption).
     */
    @Override
    public String ensureRepository(String registry, String repository) {
        Matcher m = ECR_HOST.matcher(registry);
        if (!m.matches()) {
            return null;
        }
        try (EcrClient ecr = client(m.group(2))) {
            try {
                ecr.describeRepositories(r -> r.registryId(m.group(1)).repositoryNames(repository));
                return null;
            } catch (RepositoryNotFoundException missing) {
                String uri = ecr.createRepository(r -> r.registryId(m.group(1)).repositoryName(repository))
                        .repository().repositoryUri();
                return "created ECR repository " + repository + " (" + uri + ")";
            }
        } catch (SdkException e) {
            throw new TaskSetupException("ECR repository " + repository + " in " + registry
                    + " cannot be read or created: " + AwsErrors.describe(e), e);
        }
    }

    /** A client for the registry's region, or the configured one where an endpoint stands in for AWS. */
    private EcrClient client(String registryRegion) {
        String region = settings.region() != null && settings.endpointOverride() != null ? settings.region()
                : registryRegion;
        var builder = EcrClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region)).credentialsProvider(this.credentials);
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        return builder.build();
    }

    static AwsCredentialsProvider credentials(EcsSettings settings) {
        if (settings.staticKeys() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.staticKeys().accessKeyId(),
                    settings.staticKeys().secretAccessKey()));
        }
        if (settings.profile() != null) {
            return ProfileCredentialsProvider.create(settings.profile());
        }
        return DefaultCredentialsProvider.create();
    }
}
