package io.stowage.model.rules;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.ecs.Member;
import io.stowage.model.ecs.Shape;
import io.stowage.model.ecs.ShapeKind;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNull;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks the whole tree against the ECS API shapes, as the AWS CLI and the ECS API do: JSON types, required
 * members (recursively), enum values, ranges, lengths and patterns; and points out what the CLI rejects or a
 * pipeline must substitute first: members the API does not have, explicit nulls, and template placeholders.
 * Source: the ECS API model (botocore data/ecs/2014-11-13/service-2.json, {@link EcsSchema#SOURCE}); the AWS
 * CLI's client-side parameter validation (botocore.validate.ParamValidator), which rejects unknown members and
 * null values.
 */
final class SchemaRules implements Rule {
    static final String TYPE = "schema-type";
    static final String REQUIRED = "schema-required";
    static final String ENUM = "schema-enum";
    static final String RANGE = "schema-range";
    static final String PATTERN = "schema-pattern";
    static final String UNKNOWN = "schema-unknown-member";
    static final String NULL = "schema-null";
    static final String PLACEHOLDER = "placeholder";

    /** Keys only DescribeTaskDefinition returns. */
    private static final Set<String> READ_ONLY = Set.of("taskDefinitionArn", "revision", "status",
            "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    @Override
    public void check(RuleContext task, Findings out) {
        for (TypeMismatch mismatch : ShapeTypeCheck.check(task.json(), EcsSchema.TASK_DEFINITION)) {
            out.error(new JsonPath(mismatch.path()), "Expected " + mismatch.expected() + " here, found "
                    + mismatch.found() + ".", TYPE);
        }
        walk(task.json(), EcsSchema.shape(EcsSchema.TASK_DEFINITION), JsonPath.ROOT, "task definition", false, out);
    }

    /**
     * @param label the member name messages use for this value
     * @param shellText whether the strings here are shell or command text, where "${X}" is the shell's and not
     *                  a template placeholder
     */
    private void walk(Json value, Shape shape, JsonPath path, String label, boolean shellText, Findings out) {
        switch (shape.kind()) {
            case STRUCTURE -> structure(value, shape, path, out);
            case LIST -> {
                if (!(value instanceof JsonArray array)) {
                    placeholder(value, path, shellText, out);
                    return;
                }
                count(array.size(), shape, path, label, out);
                Shape item = EcsSchema.shape(shape.itemShape());
                for (int i = 0; i < array.size(); i++) {
                    Json element = array.get(i);
                    if (element instanceof JsonNull) {
                        out.warning(path.index(i), "An item of " + label + " is null; the AWS CLI rejects null"
                                + " items. Remove it.", NULL);
                    } else {
                        walk(element, item, path.index(i), label, shellText, out);
                    }
                }
            }
            case MAP -> {
                if (!(value instanceof JsonObject object)) {
                    placeholder(value, path, shellText, out);
                    return;
                }
                Shape valueShape = EcsSchema.shape(shape.valueShape());
                object.members().forEach((key, element) -> {
                    if (element instanceof JsonNull) {
                        out.warning(path.key(key), label + " " + Values.quote(key) + " is null; the AWS CLI rejects"
                                + " null values. Give it a string value or remove it.", NULL);
                    } else {
                        walk(element, valueShape, path.key(key), key, false, out);
                    }
                });
            }
            default -> scalar(value, shape, path, label, shellText, out);
        }
    }

    private void structure(Json value, Shape shape, JsonPath path, Findings out) {
        if (!(value instanceof JsonObject object)) {
            placeholder(value, path, false, out);
            return;
        }
        for (Map.Entry<String, Json> entry : object.members().entrySet()) {
            String key = entry.getKey();
            Optional<Member> member = shape.member(key);
            if (member.isEmpty()) {
                unknown(shape, key, path, out);
                continue;
            }
            if (entry.getValue() instanceof JsonNull) {
                out.warning(path.key(key), key + " is null; the AWS CLI rejects null, and ECS treats it as absent."
                        + " Remove it.", NULL);
                continue;
            }
            boolean shell = shape.name().equals("ContainerDefinition") && (key.equals("command") || key.equals("entryPoint"))
                    || shape.name().equals("HealthCheck") && key.equals("command");
            walk(entry.getValue(), member.get().shape(), path.key(key), key, shell, out);
        }
        for (String required : shape.memberNames()) {
            if (shape.required().contains(required) && Values.get(object, required) == null) {
                out.error(path.key(required), required + " is required in " + article(shape.name())
                        + "; the ECS API rejects it without one.", REQUIRED);
            }
        }
    }

    private void unknown(Shape shape, String key, JsonPath path, Findings out) {
        if (path.isRoot() && READ_ONLY.contains(key)) {
            out.warning(path.key(key), key + " is only returned by DescribeTaskDefinition; it is kept, but the AWS"
                    + " CLI rejects it in RegisterTaskDefinition input. Remove it before registering.", UNKNOWN);
            return;
        }
        String suggestion = closest(shape, key);
        out.warning(path.key(key), "The ECS API has no member " + key + " here; it is kept, but the AWS CLI rejects"
                + " it." + (suggestion == null ? "" : " Did you mean " + suggestion + "?"), UNKNOWN);
    }

    private void count(int size, Shape shape, JsonPath path, String label, Findings out) {
        if (shape.max() != null && size > shape.max()) {
            out.error(path, label + " has " + size + " items; the ECS API allows at most " + shape.max() + ".", RANGE);
        }
        if (shape.min() != null && size < shape.min()) {
            out.error(path, label + " has " + size + " items; the ECS API needs at least " + shape.min() + ".", RANGE);
        }
    }

    private void scalar(Json value, Shape shape, JsonPath path, String label, boolean shellText, Findings out) {
        if (value instanceof JsonString s) {
            if (Values.placeholder(s.value()) != null) {
                placeholder(value, path, shellText, out);
                return;
            }
            if (shape.kind() == ShapeKind.STRING) {
                string(s.value(), shape, path, label, out);
            }
        } else if (value instanceof JsonNumber n && shape.kind() != ShapeKind.STRING) {
            if (shape.min() != null && n.value().compareTo(java.math.BigDecimal.valueOf(shape.min())) < 0
                    || shape.max() != null && n.value().compareTo(java.math.BigDecimal.valueOf(shape.max())) > 0) {
                out.error(path, label + " " + n + " is out of range; the ECS API accepts " + shape.min() + " to "
                        + shape.max() + ".", RANGE);
            }
        }
    }

    private void string(String text, Shape shape, JsonPath path, String label, Findings out) {
        if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
            String hint = shape.enumValues().stream().filter(v -> v.equalsIgnoreCase(text)).findFirst()
                    .map(v -> " Values are case-sensitive: write " + Values.quote(v) + ".").orElse("");
            out.error(path, label + " " + Values.quote(text) + " is not a value ECS accepts; use "
                    + Values.orList(shape.enumValues()) + "." + hint, ENUM);
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (shape.max() != null && length > shape.max() || shape.min() != null && length < shape.min()) {
            out.error(path, label + " has " + length + " characters; the ECS API accepts " + shape.min() + " to "
                    + shape.max() + ".", RANGE);
        } else if (shape.pattern() != null
                && !PATTERNS.computeIfAbsent(shape.pattern(), Pattern::compile).matcher(text).matches()) {
            out.error(path, label + " " + Values.quote(text) + " contains characters the ECS API does not accept"
                    + " (pattern " + shape.pattern() + ").", PATTERN);
        }
    }

    private void placeholder(Json value, JsonPath path, boolean shellText, Findings out) {
        if (shellText || !(value instanceof JsonString s)) {
            return;
        }
        String found = Values.placeholder(s.value());
        if (found != null) {
            out.warning(path, "Placeholder " + found + " kept verbatim; substitute it before registering.", PLACEHOLDER);
        }
    }

    /** A known member that the key likely misspells, or null. */
    private static String closest(Shape shape, String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : shape.memberNames()) {
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
            int distance = distance(name.toLowerCase(), key.toLowerCase());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = name;
            }
        }
        return key.length() > 3 && bestDistance <= 2 ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String article(String shapeName) {
        String name = shapeName.equals(EcsSchema.TASK_DEFINITION) ? "task definition" : shapeName;
        return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
