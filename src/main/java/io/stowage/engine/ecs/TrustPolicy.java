package io.stowage.engine.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a role's trust policy lets call {@code sts:AssumeRole}: the service principals and the AWS principals of its
 * Allow statements. Read to tell a user whose AssumeRole was refused what the policy admits instead of them.
 *
 * @param services the service principals, e.g. {@code ecs-tasks.amazonaws.com}
 * @param aws      the AWS principals (ARNs, account ids, {@code *})
 */
record TrustPolicy(List<String> services, List<String> aws) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    /** The policy's principals, or empty when the document is not a policy. */
    static Optional<TrustPolicy> parse(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        List<String> services = new ArrayList<>();
        List<String> aws = new ArrayList<>();
        for (JsonNode statement : list(root.path("Statement"))) {
            if (!"Allow".equals(statement.path("Effect").asText()) || !allowsAssumeRole(statement.path("Action"))) {
                continue;
            }
            JsonNode principal = statement.path("Principal");
            if (principal.isTextual()) {
                aws.add(principal.asText()); // "Principal": "*"
                continue;
            }
            list(principal.path("Service")).forEach(s -> services.add(s.asText()));
            list(principal.path("AWS")).forEach(s -> aws.add(s.asText()));
        }
        return Optional.of(new TrustPolicy(List.copyOf(services), List.copyOf(aws)));
    }

    /** Whether only the ECS service may assume the role (what a task role's policy says for ECS alone). */
    boolean onlyEcs() {
        return aws.isEmpty() && services.contains(ECS_TASKS);
    }

    /** A sentence on whom the policy admits, for a refused caller; empty when it says nothing useful. */
    String admits() {
        if (onlyEcs()) {
            return "Its trust policy admits only the ECS service (" + ECS_TASKS + "), which assumes it on ECS.";
        }
        List<String> all = new ArrayList<>(aws);
        all.addAll(services);
        return all.isEmpty() ? "Its trust policy admits no one." : "Its trust policy admits " + String.join(", ", all)
                + ".";
    }

    private static boolean allowsAssumeRole(JsonNode action) {
        for (JsonNode a : list(action)) {
            String name = a.asText();
            if (name.equals("*") || name.equalsIgnoreCase("sts:AssumeRole") || name.equalsIgnoreCase("sts:*")) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node);
        }
        return out;
    }
}
