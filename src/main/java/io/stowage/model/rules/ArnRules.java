package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.List;
import java.util.regex.Pattern;

/**
 * ARN formats: the task role (an IAM role ARN or role name), the execution role (an IAM role ARN), secret
 * sources (a Secrets Manager secret ARN, an SSM parameter ARN, or an SSM parameter name), private registry
 * credentials (a Secrets Manager secret ARN or name), environment files (S3 object ARNs of .env files, at most 10)
 * and credential specs.
 * Sources: ECS API reference, RegisterTaskDefinition.taskRoleArn ("The short name or full Amazon Resource Name
 * (ARN) of the IAM role"), .executionRoleArn ("The Amazon Resource Name (ARN) of the task execution role"),
 * Secret.valueFrom ("either the full ARN of the Secrets Manager secret or the full ARN of the parameter in the SSM
 * Parameter Store ... If the SSM Parameter Store parameter exists in the same Region ... either the full ARN or
 * name"), RepositoryCredentials.credentialsParameter ("either the full ARN or the name of the secret"),
 * ContainerDefinition.environmentFiles ("up to ten environment files. The file must have a .env file extension"),
 * EnvironmentFile.value, ContainerDefinition.credentialSpecs ("The maximum number of ARNs is 1";
 * credentialspec: / credentialspecdomainless: prefixes); IAM names:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html (role names of up to 64
 * characters from letters, digits and +=,.@_-); ARN format:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html.
 */
final class ArnRules implements Rule {
    private static final String PARTITION = "aws(?:-[a-z]+){0,2}";
    private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d{1,2}";
    private static final String ACCOUNT = "\\d{12}";
    private static final String ROLE_NAME = "[\\w+=,.@-]{1,64}";
    static final Pattern ROLE_ARN = Pattern.compile("arn:" + PARTITION + ":iam::" + ACCOUNT + ":role/(?:[\\w+=,.@-]+/)*"
            + ROLE_NAME);
    private static final Pattern ROLE_SHORT = Pattern.compile(ROLE_NAME);
    private static final Pattern SECRET_ARN = Pattern.compile("arn:" + PARTITION + ":secretsmanager:" + REGION + ":"
            + ACCOUNT + ":secret:[\\w/+=.@-]+(?::[^:]*){0,3}");
    private static final Pattern PARAMETER_ARN = Pattern.compile("arn:" + PARTITION + ":ssm:" + REGION + ":" + ACCOUNT
            + ":parameter/[\\w.\\-/]+");
    private static final Pattern PARAMETER_NAME = Pattern.compile("/?[\\w.\\-]+(?:/[\\w.\\-]+)*");
    private static final Pattern SECRET_NAME = Pattern.compile("[\\w/+=.@-]{1,512}");
    private static final Pattern S3_OBJECT_ARN = Pattern.compile("arn:" + PARTITION + ":s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+");
    private static final int MAX_ENVIRONMENT_FILES = 10;
    /**
     * ARNs are at most 2048 characters (IAM and SSM quotas). Longer text is matched by no pattern here, and is not
     * given to one: a repeated group over a long value overflows the stack of Java's regex matcher.
     */
    static final int MAX_ARN_LENGTH = 2048;

    private static boolean matches(Pattern pattern, String text) {
        return text.length() <= MAX_ARN_LENGTH && pattern.matcher(text).matches();
    }

    @Override
    public void check(RuleContext task, Findings out) {
        roles(task, out);
        for (RuleContext.Container container : task.containers()) {
            JsonObject json = container.json();
            secrets(Values.array(json, "secrets").items(), container.at("secrets"), out);
            JsonObject log = Values.object(json, "logConfiguration");
            secrets(Values.array(log, "secretOptions").items(), container.at("logConfiguration").key("secretOptions"),
                    out);
            String credentials = Values.concrete(Values.object(json, "repositoryCredentials"), "credentialsParameter");
            if (credentials != null && !matches(SECRET_ARN, credentials)
                    && (credentials.startsWith("arn:") || !matches(SECRET_NAME, credentials))) {
                Values.malformed(out, container.at("repositoryCredentials").key("credentialsParameter"), credentials,
                        "credentialsParameter " + Values.quote(credentials) + " must be a Secrets Manager secret ARN"
                        + " (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or, in the same region, the"
                        + " secret's name.", "repository-credentials-arn");
            }
            environmentFiles(container, out);
            credentialSpecs(container, out);
        }
    }

    private void roles(RuleContext task, Findings out) {
        for (String key : java.util.List.of("taskRoleArn", "executionRoleArn")) {
            String role = Values.concrete(task.json(), key);
            if (role == null) {
                continue;
            }
            JsonPath path = JsonPath.ROOT.key(key);
            boolean isTaskRole = key.equals("taskRoleArn");
            if (role.isBlank()) {
                out.warning(path, key + " is empty; remove it or give an IAM role ARN.", "role-arn");
            } else if (matches(ROLE_ARN, role) || isTaskRole && matches(ROLE_SHORT, role)) {
                continue;
            } else if (!role.startsWith("arn:") && matches(ROLE_SHORT, role)) {
                out.warning(path, key + " " + Values.quote(role) + " is a role name; ECS documents a full role ARN"
                        + " here: arn:aws:iam::<12-digit account>:role/" + role + ".", "role-arn");
            } else {
                Values.malformed(out, path, role, key + " " + Values.quote(role) + " is not an IAM role"
                        + (isTaskRole ? "" : " ARN") + ": " + roleProblem(role) + " Use arn:aws:iam::<12-digit"
                        + " account>:role/<name>" + (isTaskRole ? " or the role's name." : "."), "role-arn");
            }
        }
    }

    /** Which part of an IAM role ARN is wrong, as a sentence. */
    static String roleProblem(String arn) {
        String[] parts = arn.split(":", 6);
        if (!arn.startsWith("arn:") || parts.length < 6) {
            return "it is neither a role name nor an ARN of the form arn:partition:iam::account:role/name.";
        }
        if (!parts[1].matches(PARTITION)) {
            return "the partition " + Values.quote(parts[1]) + " is not aws, aws-cn or aws-us-gov.";
        }
        if (!parts[2].equals("iam")) {
            return "it is " + (parts[2].isEmpty() ? "an ARN without a service" : "an ARN of " + parts[2]) + ", not"
                    + " of iam.";
        }
        if (!parts[3].isEmpty()) {
            return "IAM ARNs have no region, but it has " + Values.quote(parts[3]) + ".";
        }
        if (!parts[4].matches(ACCOUNT)) {
            return "the account ID " + Values.quote(parts[4]) + " must be 12 digits.";
        }
        if (!parts[5].startsWith("role/")) {
            return "it names " + Values.quote(parts[5]) + ", not role/<name>.";
        }
        return "the role name " + Values.quote(parts[5].substring(5)) + " may contain only letters, digits and"
                + " +=,.@_- (up to 64 characters, after an optional path).";
    }

    private void secrets(List<Json> items, JsonPath path, Findings out) {
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject secret)) {
                continue;
            }
            String value = Values.concrete(secret, "valueFrom");
            if (value == null || matches(SECRET_ARN, value) || matches(PARAMETER_ARN, value)
                    || !value.startsWith("arn:") && matches(PARAMETER_NAME, value)) {
                continue;
            }
            String hint = value.startsWith("arn:") && value.contains(":secretsmanager:")
                    ? " A Secrets Manager ARN reads arn:aws:secretsmanager:<region>:<12-digit account>:secret:<name>."
                    : value.startsWith("arn:") && value.contains(":ssm:")
                    ? " An SSM parameter ARN reads arn:aws:ssm:<region>:<12-digit account>:parameter/<name>."
                    : "";
            Values.malformed(out, path.index(j).key("valueFrom"), value, "valueFrom " + Values.quote(value)
                    + " is neither a Secrets Manager secret ARN, an SSM parameter ARN, nor an SSM parameter name."
                    + hint, "secret-value-from");
        }
    }

    private void environmentFiles(RuleContext.Container container, Findings out) {
        List<Json> files = Values.array(container.json(), "environmentFiles").items();
        if (files.size() > MAX_ENVIRONMENT_FILES) {
            out.error(container.at("environmentFiles"), "Container " + container.label() + " lists " + files.size()
                    + " environment files; ECS allows at most " + MAX_ENVIRONMENT_FILES + ".", "environment-file");
        }
        for (int j = 0; j < files.size(); j++) {
            if (!(files.get(j) instanceof JsonObject file)) {
                continue;
            }
            String value = Values.concrete(file, "value");
            JsonPath path = container.at("environmentFiles").index(j).key("value");
            if (value == null) {
                continue;
            }
            if (!matches(S3_OBJECT_ARN, value)) {
                Values.malformed(out, path, value, "Environment file " + Values.quote(value) + " must be an S3 object"
                        + " ARN, e.g. arn:aws:s3:::my-bucket/app.env.", "environment-file");
            } else if (!value.endsWith(".env")) {
                out.warning(path, "Environment file " + Values.quote(value) + " should have the .env extension ECS"
                        + " documents for environment files.", "environment-file");
            }
        }
    }

    private void credentialSpecs(RuleContext.Container container, Findings out) {
        List<Json> specs = Values.array(container.json(), "credentialSpecs").items();
        if (specs.size() > 1) {
            out.error(container.at("credentialSpecs"), "credentialSpecs holds " + specs.size() + " entries; ECS"
                    + " accepts one.", "credential-spec");
        }
        for (int j = 0; j < specs.size(); j++) {
            if (specs.get(j) instanceof JsonString s && !Values.hasPlaceholder(s.value())
                    && !s.value().startsWith("credentialspec:") && !s.value().startsWith("credentialspecdomainless:")) {
                out.error(container.at("credentialSpecs").index(j), "Credential spec " + Values.quote(s.value())
                        + " must start with credentialspec: or credentialspecdomainless: followed by an SSM or S3"
                        + " ARN.", "credential-spec");
            }
        }
    }
}
