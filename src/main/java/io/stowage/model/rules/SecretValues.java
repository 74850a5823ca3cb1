package io.stowage.model.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which plain environment values are secrets: what the rule {@code environment-literal-secret} warns about, and
 * what the exports keep out of the files they write (CloudFormation takes them as NoEcho parameters).
 * Sources: ECS API reference, ContainerDefinition.environment ("We don't recommend that you use plaintext
 * environment variables for sensitive information, such as credential data"); AWS access key formats
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html).
 */
public final class SecretValues {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?:^|_)(?:PASSWORD|PASSWD|PASS|SECRET|SECRET_KEY|TOKEN|API_KEY|APIKEY|PRIVATE_KEY|ACCESS_KEY|"
                    + "CLIENT_SECRET|AUTH_KEY|CREDENTIALS?)(?:$|_)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_SECRET_SUFFIX = Pattern.compile(
            ".*_(?:ARN|FILE|PATH|URL|URI|ENDPOINT|NAME|ID|REGION|HEADER|LENGTH|TTL|EXPIRY|EXPIRATION|TIMEOUT|"
                    + "ENABLED|TYPE|SECONDS|MINUTES|HOURS|DAYS|LIMIT|MIN|MAX|SIZE|COUNT|PARAM|PARAMETER|KEY_ID)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?:AKIA|ASIA)[A-Z0-9]{16}");
    private static final Pattern SECRET_ACCESS_KEY = Pattern.compile("[A-Za-z0-9/+]{40}");

    private SecretValues() {
    }

    /**
     * Whether a variable of this name holds a secret ({@code DB_PASSWORD}, {@code API_TOKEN}; not
     * {@code DB_PASSWORD_FILE} or {@code TOKEN_URL}): a portable shell name with a secret's word in it.
     */
    public static boolean secretName(String name) {
        return name != null && PORTABLE.matcher(name).matches() && SECRET_NAME.matcher(name).find()
                && !NOT_A_SECRET_SUFFIX.matcher(name).matches();
    }

    /**
     * Why the literal value of the environment variable is a secret ({@code looks like an AWS access key ID},
     * {@code is named like a secret and holds a literal value}), or null when it is not one. A value holding a
     * template placeholder is not a literal.
     */
    public static String literalSecretReason(String name, String value) {
        if (value == null || value.isBlank() || Values.hasPlaceholder(value)) {
            return null;
        }
        if (ACCESS_KEY_ID.matcher(value).matches()) {
            return "looks like an AWS access key ID";
        }
        if (value.contains("PRIVATE KEY-----")) {
            return "holds a private key";
        }
        if (SECRET_ACCESS_KEY.matcher(value).matches() && value.chars().anyMatch(Character::isUpperCase)
                && value.chars().anyMatch(Character::isLowerCase) && value.chars().anyMatch(Character::isDigit)
                && name != null && name.toUpperCase(Locale.ROOT).contains("KEY")) {
            return "looks like an AWS secret access key";
        }
        if (name != null && SECRET_NAME.matcher(name).find() && !NOT_A_SECRET_SUFFIX.matcher(name).matches()
                && looksLikeSecretValue(value)) {
            return "is named like a secret and holds a literal value";
        }
        return null;
    }

    private static boolean looksLikeSecretValue(String value) {
        String v = value.strip();
        if (v.startsWith("arn:") || v.startsWith("/") || v.startsWith("http://") || v.startsWith("https://")) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return !(lower.equals("true") || lower.equals("false") || lower.equals("yes") || lower.equals("no")
                || lower.equals("none") || lower.equals("null") || lower.equals("disabled") || lower.equals("enabled")
                || v.matches("\\d{1,6}"));
    }
}
