package io.stowage.model.design;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a task definition as CreateService and RunTask take it: {@code family}, {@code family:revision}
 * or the full ARN {@code arn:aws:ecs:region:account:task-definition/family:revision} (API Reference,
 * CreateService.taskDefinition). Without a revision ECS uses the latest ACTIVE one.
 *
 * @param family   the family
 * @param revision the revision, or null for the latest
 */
public record TaskDefinitionRef(String family, Integer revision) {
    private static final Pattern ARN = Pattern.compile("arn:[^:]+:ecs:[^:]*:[^:]*:task-definition/(.+)");

    /** The reference in the text, or null when the text is null or blank. */
    public static TaskDefinitionRef parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String rest = text.strip();
        if (rest.startsWith("arn:")) {
            Matcher arn = ARN.matcher(rest);
            if (arn.matches()) {
                rest = arn.group(1);
            }
        }
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && isRevision(rest, colon + 1)) {
            return new TaskDefinitionRef(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1)));
        }
        return new TaskDefinitionRef(rest, null);
    }

    /** One to nine digits from {@code start} to the end (a design asks for this for every service, often). */
    private static boolean isRevision(String text, int start) {
        int length = text.length() - start;
        if (length < 1 || length > 9) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return revision == null ? family : family + ":" + revision;
    }
}
