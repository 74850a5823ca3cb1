package io.stowage.engine.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.engine.local.SecretResolver;
import io.stowage.engine.local.TaskSetupException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Resolves a container's {@code secrets} (and {@code repositoryCredentials}) from AWS as the agent does for
 * the task's execution role: Secrets Manager ARNs, with the optional {@code json-key:version-stage:version-id}
 * suffix, and SSM Parameter Store names or ARNs (decrypted). Used by the local runner after the local secrets file.
 */
public final class AwsSecrets implements SecretResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EcsSettings settings;
    private final AwsCredentialsProvider credentials;

    public AwsSecrets(EcsSettings settings) {
        this(settings, EcrLogin.credentials(settings));
    }

    /** With other credentials than the settings' (an execution role's). */
    AwsSecrets(EcsSettings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    @Override
    public Optional<String> resolve(String valueFrom) {
        String[] parts = valueFrom.split(":", -1);
        try {
            if (parts.length >= 7 && "arn".equals(parts[0]) && "secretsmanager".equals(parts[2])) {
                return Optional.of(secretsManager(parts));
            }
            if (parts.length >= 6 && "arn".equals(parts[0]) && "ssm".equals(parts[2])) {
                String name = parts[5].substring("parameter".length());
                return Optional.of(parameter(parts[3], name.startsWith("/") ? name : "/" + name));
            }
            if (!valueFrom.startsWith("arn:")) {
                return Optional.of(parameter(null, valueFrom));
            }
        } catch (ResourceNotFoundException | ParameterNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            // The agent's words (ResourceInitializationError: unable to pull secrets or registry auth: ...).
            throw new TaskSetupException("ResourceInitializationError: unable to pull secrets or registry auth: "
                    + "unable to retrieve secret " + valueFrom + ": " + AwsErrors.describe(e), e);
        }
        return Optional.empty();
    }

    private String secretsManager(String[] parts) {
        String arn = String.join(":", Arrays.copyOfRange(parts, 0, 7));
        String key = parts.length > 7 ? parts[7] : "";
        String stage = parts.length > 8 ? parts[8] : "";
        String version = parts.length > 9 ? parts[9] : "";
        var builder = SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials).region(region(parts[3]));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        try (SecretsManagerClient client = builder.build()) {
            String value = client.getSecretValue(r -> {
                r.secretId(arn);
                if (!stage.isEmpty()) {
                    r.versionStage(stage);
                }
                if (!version.isEmpty()) {
                    r.versionId(version);
                }
            }).secretString();
            if (key.isEmpty()) {
                return value;
            }
            try {
                JsonNode node = JSON.readTree(value).get(key);
                if (node == null) {
                    throw new TaskSetupException("ResourceInitializationError: secret " + arn + " has no key " + key);
                }
                return node.isTextual() ? node.asText() : node.toString();
            } catch (IOException e) {
                throw new TaskSetupException("ResourceInitializationError: secret " + arn + " is not JSON");
            }
        }
    }

    private String parameter(String arnRegion, String name) {
        var builder = SsmClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(credentials).region(region(arnRegion));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        try (SsmClient ssm = builder.build()) {
            return ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
        }
    }

    private Region region(String fromArn) {
        if (fromArn != null && !fromArn.isEmpty()) {
            return Region.of(fromArn);
        }
        return Region.of(settings.region() != null ? settings.region() : "us-east-1");
    }
}
