package io.stowage.format.cloudformation;

import io.stowage.format.YamlText;
import io.stowage.format.ConversionReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM roles the task definitions refer to, made by the stack so that it stands alone: an execution role
 * with AmazonECSTaskExecutionRolePolicy (and read access to the secrets its tasks use), and task roles that
 * ECS tasks may assume, to which the application's policies are to be added.
 */
final class Roles {
    private final Template template;
    private final ConversionReport report;
    private final Map<String, String> byReference = new LinkedHashMap<>();
    private final Map<String, List<Object>> secretsOf = new LinkedHashMap<>();

    Roles(Template template, ConversionReport report) {
        this.template = template;
        this.report = report;
    }

    static Map<String, Object> trust(String service) {
        return YamlText.ordered("Version", "2012-10-17", "Statement", List.of(YamlText.ordered("Effect", "Allow",
                "Principal", YamlText.ordered("Service", service), "Action", "sts:AssumeRole")));
    }

    /** The logical id of the role standing for the design's reference (an ARN or a placeholder). */
    String role(String reference, boolean execution, String path) {
        String key = (execution ? "execution:" : "task:") + reference;
        String existing = byReference.get(key);
        if (existing != null) {
            return existing;
        }
        String name = reference.contains(":role/") ? reference.substring(reference.lastIndexOf('/') + 1) : "";
        String id = template.uniqueId(name.isEmpty() ? (execution ? "TaskExecution" : "Task") : name,
                name.toLowerCase().endsWith("role") ? "" : "Role");
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("AssumeRolePolicyDocument", trust("ecs-tasks.amazonaws.com"));
        if (execution) {
            role.put("ManagedPolicyArns", List.of(Template.managedPolicy("service-role/AmazonECSTaskExecutionRolePolicy")));
        }
        template.resource(id, "AWS::IAM::Role", role);
        byReference.put(key, id);
        report.add(ConversionReport.Kind.APPROXIMATED, path, "the stack makes the role " + id + " for " + reference
                + (execution ? ", with AmazonECSTaskExecutionRolePolicy" : "; add the policies the application needs"));
        return id;
    }

    /** Lets an execution role read a secret or parameter its tasks use. */
    void readsSecret(String roleId, Object secret) {
        secretsOf.computeIfAbsent(roleId, r -> new ArrayList<>());
        if (!secretsOf.get(roleId).contains(secret)) {
            secretsOf.get(roleId).add(secret);
        }
    }

    /** Adds the secret-reading policies, once every task definition is known. */
    @SuppressWarnings("unchecked")
    void finish() {
        secretsOf.forEach((roleId, secrets) -> {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) template.resources.get(roleId))
                    .get("Properties");
            properties.put("Policies", List.of(YamlText.ordered("PolicyName", "ReadTaskSecrets", "PolicyDocument", YamlText.ordered(
                    "Version", "2012-10-17", "Statement", List.of(YamlText.ordered("Effect", "Allow",
                            "Action", List.of("secretsmanager:GetSecretValue", "ssm:GetParameters"),
                            "Resource", secrets))))));
        });
    }
}
