package io.stowage.model.rules;

import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Runs every task-definition rule and returns all findings at once, errors first, in document order. */
public final class TaskDefinitionValidator {
    private static final List<Rule> RULES = List.of(
            new SchemaRules(),
            new NamesRule(),
            new ContainerDependencyRules(),
            new LinkRules(),
            new NetworkModeRules(),
            new PortRules(),
            new HealthCheckRules(),
            new ResourceRules(),
            new FargateRules(),
            new VolumeRules(),
            new LoggingRules(),
            new ExecutionRoleRules(),
            new ArnRules(),
            new ImageReferenceRule(),
            new EnvironmentRules(),
            new LinuxParametersRules(),
            new ContainerSettingsRules(),
            new TaskSettingsRules(),
            new HostExposureRules(),
            new WindowsRules());

    private TaskDefinitionValidator() {
    }

    /** The rules, in the order they run. */
    public static List<Rule> rules() {
        return RULES;
    }

    public static List<Finding> validate(TaskDefinition taskDefinition) {
        return validate(taskDefinition, ValidationContext.STANDALONE);
    }

    public static List<Finding> validate(TaskDefinition taskDefinition, ValidationContext context) {
        RuleContext task = new RuleContext(taskDefinition, context);
        Findings findings = new Findings();
        for (Rule rule : RULES) {
            rule.check(task, findings);
        }
        List<Finding> unique = new ArrayList<>(new LinkedHashSet<>(findings.list()));
        Map<String, Integer> order = documentOrder(taskDefinition.json());
        unique.sort(Comparator.comparing((Finding f) -> !f.isError()).thenComparingInt(f -> rank(f.path(), order)));
        return List.copyOf(unique);
    }

    /** Every path of the document, numbered in the order a reader meets it. */
    private static Map<String, Integer> documentOrder(JsonObject root) {
        Map<String, Integer> order = new HashMap<>();
        number(root, JsonPath.ROOT, order);
        return order;
    }

    private static void number(Json value, JsonPath path, Map<String, Integer> order) {
        order.put(path.text(), order.size());
        if (value instanceof JsonObject object) {
            object.members().forEach((key, member) -> number(member, path.key(key), order));
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                number(array.get(i), path.index(i), order);
            }
        }
    }

    /** The position of the path, or just after its nearest present ancestor when the path itself is absent. */
    private static int rank(String path, Map<String, Integer> order) {
        String at = path;
        int extra = 0;
        while (!order.containsKey(at)) {
            at = parent(at);
            extra = 1;
        }
        return order.get(at) * 2 + extra;
    }

    private static String parent(String path) {
        if (path.endsWith("\"]")) {
            int open = path.lastIndexOf("[\"");
            return open <= 0 ? "" : path.substring(0, open);
        }
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
