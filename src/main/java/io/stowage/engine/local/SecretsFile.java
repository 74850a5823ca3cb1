package io.stowage.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secret values for a local run, kept in a file of their own and never in the design: a JSON object from each
 * {@code valueFrom} as the task definition writes it (Secrets Manager ARN, SSM parameter name or ARN) to its value.
 * A Secrets Manager reference with a JSON key ({@code arn:...:secret:name:key::}) reads that key of the value
 * stored under the secret's ARN, as ECS does.
 *
 * <pre>{"arn:aws:secretsmanager:us-east-1:123456789012:secret:db": "{\"password\":\"s3cret\"}",
 *  "/shop/api-key": "abc123"}</pre>
 */
public final class SecretsFile implements SecretResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> values;

    private SecretsFile(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** @throws IllegalArgumentException naming the file and what is wrong when it cannot be read */
    public static SecretsFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the secrets file: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object from valueFrom to secret value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> values.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return new SecretsFile(values);
    }

    public static SecretsFile of(Map<String, String> values) {
        return new SecretsFile(values);
    }

    @Override
    public Optional<String> resolve(String valueFrom) {
        if (valueFrom == null) {
            return Optional.empty();
        }
        if (values.containsKey(valueFrom)) {
            return Optional.of(values.get(valueFrom));
        }
        // arn:aws:secretsmanager:region:account:secret:name[-suffix]:json-key:version-stage:version-id
        String[] parts = valueFrom.split(":", -1);
        if (parts.length >= 8 && "secretsmanager".equals(parts[2]) && "secret".equals(parts[5])) {
            String base = String.join(":", java.util.Arrays.copyOfRange(parts, 0, 7));
            String key = parts[7];
            String whole = values.get(base);
            if (whole != null && !key.isEmpty()) {
                try {
                    JsonNode node = JSON.readTree(whole).get(key);
                    if (node != null) {
                        return Optional.of(node.isTextual() ? node.asText() : node.toString());
                    }
                } catch (IOException notJson) {
                    throw new TaskSetupException("ResourceInitializationError: secret " + base
                            + " is not JSON, so key " + key + " cannot be read from it");
                }
            } else if (whole != null) {
                return Optional.of(whole);
            }
        }
        return Optional.empty();
    }
}
