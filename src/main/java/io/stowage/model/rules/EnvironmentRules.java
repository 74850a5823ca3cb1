package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Environment variables and secrets as a container sees them: names are non-empty, contain no '=' and are best
 * portable shell names; each name is set once across environment and secrets; and secrets do not sit in plain
 * environment variables (they are stored in the task definition and shown by DescribeTaskDefinition).
 * Sources: ecs-semantics.md §1.1 (environment becomes "KEY=VALUE" strings of a map, so a duplicate keeps one
 * value and an '=' in a name splits wrongly); ECS API reference, ContainerDefinition.environment ("We don't
 * recommend that you use plaintext environment variables for sensitive information, such as credential data");
 * POSIX environment variable names (IEEE Std 1003.1, 8.1: letters, digits and underscore, not starting with a
 * digit); AWS access key formats (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html).
 */
final class EnvironmentRules implements Rule {
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String ID_LITERAL = "environment-literal-secret";

    @Override
    public void check(RuleContext task, Findings out) {
        for (RuleContext.Container container : task.containers()) {
            Map<String, JsonPath> names = new HashMap<>();
            List<Json> environment = Values.array(container.json(), "environment").items();
            for (int j = 0; j < environment.size(); j++) {
                if (environment.get(j) instanceof JsonObject variable) {
                    JsonPath path = container.at("environment").index(j);
                    String name = name(variable, path, "environment variable", names, out);
                    literalSecret(name, Values.string(variable, "value"), path.key("value"), out);
                }
            }
            List<Json> secrets = Values.array(container.json(), "secrets").items();
            for (int j = 0; j < secrets.size(); j++) {
                if (secrets.get(j) instanceof JsonObject secret) {
                    name(secret, container.at("secrets").index(j), "secret", names, out);
                }
            }
        }
    }

    private String name(JsonObject entry, JsonPath path, String kind, Map<String, JsonPath> names, Findings out) {
        Json raw = Values.get(entry, "name");
        String name = Values.concrete(entry, "name");
        if (raw == null || name != null && name.isEmpty()) {
            if (kind.equals("environment variable")) {
                out.error(path.key("name"), "This environment variable has no name; give it one, e.g. \"LOG_LEVEL\".",
                        "environment-name");
            }
            return null;
        }
        if (name == null) {
            return null;
        }
        if (name.contains("=")) {
            out.error(path.key("name"), "The " + kind + " name " + Values.quote(name) + " contains '=', which"
                    + " ends the name in KEY=VALUE; remove it.", "environment-name");
        } else if (!PORTABLE.matcher(name).matches()) {
            out.warning(path.key("name"), "The " + kind + " name " + Values.quote(name) + " is not a portable"
                    + " name; shells and many programs read only letters, digits and underscores, not starting"
                    + " with a digit (e.g. " + Values.quote(name.replaceAll("[^A-Za-z0-9_]", "_")) + ").",
                    "environment-name");
        }
        JsonPath first = names.putIfAbsent(name, path);
        if (first != null) {
            out.warning(path.key("name"), name + " is set more than once (also at " + first.text() + "); only one"
                    + " value reaches the container. Keep one.", "environment-duplicate");
        }
        return name;
    }

    private void literalSecret(String name, String value, JsonPath path, Findings out) {
        String reason = SecretValues.literalSecretReason(name, value);
        if (reason != null) {
            out.warning(path, "Environment variable " + (name == null ? "" : name + " ") + reason + "; plain"
                    + " environment values are stored in the task definition for anyone who can describe it. Move"
                    + " it to secrets (valueFrom a Secrets Manager or SSM Parameter Store ARN).", ID_LITERAL);
        }
    }
}
