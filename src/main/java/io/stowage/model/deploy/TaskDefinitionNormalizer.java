package io.stowage.model.deploy;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task definition in the form ECS keeps it, so that a design's RegisterTaskDefinition input and a
 * DescribeTaskDefinition output compare equal exactly when registering the one would give the other: what ECS
 * fills in (container {@code cpu} 0, {@code essential} true, port protocol tcp, health-check timings, the
 * awsvpc host port), what it adds that is not content (ARN, revision, status, registration times, tags), what
 * it drops (empty lists and objects, {@code false} flags), the forms it rewrites (task {@code cpu} "1 vCPU" is
 * "1024", {@code memory} "2GB" is "2048", numbers as strings) and lists whose order means nothing
 * (environment, secrets, ulimits, dependsOn, requiresCompatibilities). Key order never matters: JSON objects
 * compare without it.
 */
public final class TaskDefinitionNormalizer {
    /** Members only DescribeTaskDefinition returns, and tags, which are the resource's, not the content's. */
    static final Set<String> NOT_CONTENT = Set.of("taskDefinitionArn", "revision", "status", "requiresAttributes",
            "compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt", "tags");
    private static final Set<String> TRUE_BY_DEFAULT = Set.of("essential");
    private static final Pattern AMOUNT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    private TaskDefinitionNormalizer() {
    }

    /** The comparable form of a RegisterTaskDefinition input or a DescribeTaskDefinition {@code taskDefinition}. */
    public static JsonObject normalize(JsonObject taskDefinition) {
        JsonObject td = taskDefinition;
        for (String key : NOT_CONTENT) {
            td = td.without(key);
        }
        // RegisterTaskDefinition.networkMode [M]: "If no network mode is specified, the default is bridge."
        td = JsonTrees.withDefault(td, "networkMode", new JsonString("bridge"));
        String networkMode = JsonTrees.string(td, "networkMode");
        td = JsonTrees.replace(td, "cpu", v -> units(v, "vcpu", 1024));
        td = JsonTrees.replace(td, "memory", v -> units(v, "gb", 1024));
        td = JsonTrees.replace(td, "requiresCompatibilities", JsonTrees::sortedStrings);
        td = JsonTrees.replace(td, "taskRoleArn", TaskDefinitionNormalizer::roleName);
        td = JsonTrees.replace(td, "executionRoleArn", TaskDefinitionNormalizer::roleName);
        td = JsonTrees.replace(td, "containerDefinitions", v -> JsonTrees.mapObjects(v, c -> container(c, networkMode)));
        return (JsonObject) JsonTrees.prune(td, TRUE_BY_DEFAULT);
    }

    /** Whether registering {@code design} would give nothing new over {@code registered}. */
    public static boolean sameContent(JsonObject design, JsonObject registered) {
        return normalize(design).equals(normalize(registered));
    }

    /** Where two task definitions differ in content, e.g. {@code containerDefinitions[0].image}; at most {@code limit}. */
    public static List<String> differences(JsonObject design, JsonObject registered, int limit) {
        return JsonTrees.differences(normalize(design), normalize(registered), limit);
    }

    /**
     * A DescribeTaskDefinition output as a user would write the RegisterTaskDefinition input: without what is
     * not content and without the empty lists and zero cpu ECS adds, so an imported design reads like one written
     * by hand. Everything else is kept as ECS gave it.
     */
    public static JsonObject tidy(JsonObject described) {
        JsonObject td = described;
        for (String key : NOT_CONTENT) {
            if (!key.equals("tags")) {
                td = td.without(key);
            }
        }
        td = JsonTrees.replace(td, "containerDefinitions", v -> JsonTrees.mapObjects(v, c ->
                c.get("cpu") instanceof JsonNumber n && n.value().signum() == 0 ? c.without("cpu") : c));
        return (JsonObject) JsonTrees.prune(td, Set.of("essential", "readOnly", "readonlyRootFilesystem",
                "privileged", "interactive", "pseudoTerminal", "disableNetworking", "initProcessEnabled",
                "autoprovision", "enableFaultInjection"));
    }

    /**
     * RegisterTaskDefinition.taskRoleArn/executionRoleArn [M] take a role's name or its ARN; ECS stores the ARN.
     * Both compare as the name.
     */
    private static Json roleName(Json value) {
        return value instanceof JsonString s && s.value().startsWith("arn:") && s.value().contains(":role/")
                ? new JsonString(s.value().substring(s.value().lastIndexOf('/') + 1)) : value;
    }

    private static JsonObject container(JsonObject c, String networkMode) {
        c = JsonTrees.withDefault(c, "cpu", JsonNumber.of(0));
        c = JsonTrees.withDefault(c, "essential", JsonBool.TRUE);
        c = JsonTrees.replace(c, "portMappings", v -> JsonTrees.mapObjects(v, p -> portMapping(p, networkMode)));
        c = JsonTrees.replace(c, "environment", v -> JsonTrees.sortedBy(v, "name"));
        c = JsonTrees.replace(c, "secrets", v -> JsonTrees.sortedBy(v, "name"));
        c = JsonTrees.replace(c, "ulimits", v -> JsonTrees.sortedBy(v, "name"));
        c = JsonTrees.replace(c, "dependsOn", v -> JsonTrees.sortedBy(v, "containerName"));
        c = JsonTrees.replace(c, "systemControls", v -> JsonTrees.sortedBy(v, "namespace"));
        c = JsonTrees.replace(c, "healthCheck", v -> healthCheck(JsonTrees.object(v)));
        return c;
    }

    private static JsonObject portMapping(JsonObject p, String networkMode) {
        p = JsonTrees.withDefault(p, "protocol", new JsonString("tcp"));
        Integer containerPort = JsonTrees.integer(p, "containerPort");
        Integer hostPort = JsonTrees.integer(p, "hostPort");
        if (("awsvpc".equals(networkMode) || "host".equals(networkMode)) && hostPort == null && containerPort != null) {
            // PortMapping.hostPort [M]: with awsvpc or host, "the hostPort can either be left blank or set to the
            // same value as the containerPort"; ECS stores the containerPort.
            p = p.with("hostPort", JsonNumber.of(containerPort));
        } else if (hostPort != null && hostPort == 0) {
            // In bridge mode 0 and absent both ask for a dynamic host port.
            p = p.without("hostPort");
        }
        return p;
    }

    private static JsonObject healthCheck(JsonObject h) {
        // HealthCheck [M]: interval defaults to 30 s, timeout to 5 s, retries to 3; startPeriod is off (0).
        h = JsonTrees.withDefault(h, "interval", JsonNumber.of(30));
        h = JsonTrees.withDefault(h, "timeout", JsonNumber.of(5));
        h = JsonTrees.withDefault(h, "retries", JsonNumber.of(3));
        h = JsonTrees.withDefault(h, "startPeriod", JsonNumber.of(0));
        return h;
    }

    /**
     * Task {@code cpu} or {@code memory} as the string of whole units ECS stores: "1024", "1 vCPU", "1vcpu" and
     * 1024 are all "1024"; "2GB" and "2 GB" are "2048" (RegisterTaskDefinition.cpu/memory [M]). Text it cannot
     * read is kept, so a mistake still shows as a difference.
     */
    static Json units(Json value, String bigUnit, int factor) {
        String text;
        if (value instanceof JsonNumber n) {
            text = n.value().toPlainString();
        } else if (value instanceof JsonString s) {
            text = s.value();
        } else {
            return value;
        }
        Matcher m = AMOUNT.matcher(text);
        // Beyond 40 characters no amount is a task size, and a BigDecimal of a long digit run is costly to make.
        if (text.length() > 40 || !m.matches()) {
            return value;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (unit.equals(bigUnit)) {
            amount = amount.multiply(BigDecimal.valueOf(factor));
        } else if (!unit.isEmpty() && !unit.equals("mib") && !unit.equals("mb") && !unit.equals("units")) {
            return value;
        }
        return new JsonString(amount.setScale(0, RoundingMode.HALF_UP).toPlainString());
    }
}
