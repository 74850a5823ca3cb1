package io.stowage.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stowage.format.SecretsFileFormat;
import io.stowage.format.UnreadableFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
    private final List<String> warnings;

    private SecretsFile(Map<String, String> values, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @throws IllegalArgumentException naming the file, line and column and what was expected when it cannot be
     *                                  read (never the text found there, which may be a secret)
     */
    public static SecretsFile read(Path file) {
        try {
            SecretsFileFormat.Contents contents = SecretsFileFormat.read(file);
            return new SecretsFile(contents.values(), contents.warnings());
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public static SecretsFile of(Map<String, String> values) {
        return new SecretsFile(values, List.of());
    }

    /** What the user should hear before the run: a file others may read. */
    @Override
    public List<String> warnings() {
        return warnings;
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
