package io.stowage.format.compose;

import io.stowage.model.ecs.EcsSchema;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy.placement} and {@code deploy.update_config} as an ECS service's placement constraints and
 * strategies and its deployment configuration: swarm constraints on node labels and platform become cluster
 * query expressions, spread preferences spread strategies, update order and failure action percentages and the
 * circuit breaker.
 */
final class PlacementSettings {
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*([A-Za-z0-9_.\\-]+)\\s*(==|!=)\\s*(.+?)\\s*");

    private PlacementSettings() {
    }

    static void placement(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonObject placement)) {
            return;
        }
        List<Json> constraints = new ArrayList<>();
        List<String> texts = ComposeValues.strings(placement.get("constraints"));
        for (int i = 0; i < texts.size(); i++) {
            String expression = expression(texts.get(i));
            if (expression == null) {
                ctx.notMapped(path + ".constraints[" + i + "]", "\"" + texts.get(i) + "\" has no ECS placement "
                        + "counterpart (ECS matches instance attributes: node.labels, node.platform.os and .arch map)");
            } else {
                constraints.add(JsonObject.builder().put("type", "memberOf").put("expression", expression).build());
            }
        }
        Long perNode = ComposeValues.integer(placement.get("max_replicas_per_node"));
        if (perNode != null && perNode == 1) {
            constraints.add(JsonObject.builder().put("type", "distinctInstance").build());
        } else if (placement.has("max_replicas_per_node")) {
            ctx.notMapped(path + ".max_replicas_per_node", "ECS can keep tasks on distinct instances (1) but not "
                    + "cap them at " + ComposeValues.text(placement.get("max_replicas_per_node")));
        }
        if (!constraints.isEmpty()) {
            draft.setService("placementConstraints", JsonArray.of(constraints));
        }
        List<Json> strategies = new ArrayList<>();
        if (placement.get("preferences") instanceof JsonArray preferences) {
            for (int i = 0; i < preferences.size(); i++) {
                String spread = preferences.get(i) instanceof JsonObject p ? ComposeValues.text(p.get("spread")) : null;
                if (spread != null && spread.startsWith("node.labels.")) {
                    strategies.add(JsonObject.builder().put("type", "spread")
                            .put("field", "attribute:" + spread.substring("node.labels.".length())).build());
                } else {
                    ctx.notMapped(path + ".preferences[" + i + "]", "ECS spreads over instance attributes "
                            + "(node.labels.NAME maps)");
                }
            }
        }
        if (!strategies.isEmpty()) {
            draft.setService("placementStrategy", JsonArray.of(strategies));
        }
        for (String key : placement.keys()) {
            if (!key.equals("constraints") && !key.equals("preferences") && !key.equals("max_replicas_per_node")) {
                ctx.notMapped(path + "." + key, "not a placement setting ECS knows");
            }
        }
    }

    /** A swarm constraint as an ECS cluster query expression, or null when ECS has no counterpart. */
    static String expression(String constraint) {
        Matcher m = CONSTRAINT.matcher(constraint);
        if (!m.matches()) {
            return null;
        }
        String field = m.group(1);
        String operator = m.group(2);
        String value = m.group(3).replaceAll("^['\"]|['\"]$", "");
        if (field.startsWith("node.labels.") || field.startsWith("engine.labels.")) {
            return "attribute:" + field.substring(field.indexOf(".labels.") + 8) + " " + operator + " " + value;
        }
        if (field.equals("node.platform.os")) {
            return "attribute:ecs.os-type " + operator + " " + value.toLowerCase(Locale.ROOT);
        }
        if (field.equals("node.platform.arch")) {
            String arch = switch (value.toLowerCase(Locale.ROOT)) {
                case "x86_64", "amd64" -> "x86_64";
                case "aarch64", "arm64" -> "arm64";
                default -> value;
            };
            return "attribute:ecs.cpu-architecture " + operator + " " + arch;
        }
        return null;
    }

    static void updates(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonObject update)) {
            return;
        }
        for (String key : update.keys()) {
            String where = path + "." + key;
            switch (key) {
                case "order" -> {
                    boolean startFirst = "start-first".equals(ComposeValues.text(update.get(key)));
                    deployment(draft, "maximumPercent", JsonNumber.of(startFirst ? 200 : 100));
                    deployment(draft, "minimumHealthyPercent", JsonNumber.of(startFirst ? 100 : 0));
                    ctx.approximated(where, "ECS deploys by percentages: maximumPercent " + (startFirst ? 200 : 100)
                            + ", minimumHealthyPercent " + (startFirst ? 100 : 0));
                }
                case "failure_action" -> {
                    String action = ComposeValues.text(update.get(key));
                    if ("rollback".equals(action)) {
                        deployment(draft, "deploymentCircuitBreaker", JsonObject.builder()
                                .put("enable", true).put("rollback", true).build());
                    } else {
                        ctx.notMapped(where, "ECS stops a failing deployment with its circuit breaker (rollback maps); "
                                + action + " does not");
                    }
                }
                case "x-aws-min_percent", "x-aws-max_percent" -> percent(key, update.get(key), where, draft, ctx);
                default -> ctx.notMapped(where, "ECS has no " + key + " for deployments; it deploys by percentages");
            }
        }
    }

    static void percent(String key, Json value, String path, ServiceDraft draft, ImportContext ctx) {
        Long percent = ComposeValues.integer(value);
        if (percent == null || percent < 0) {
            ctx.notMapped(path, "expected a percentage");
            return;
        }
        deployment(draft, key.endsWith("min_percent") ? "minimumHealthyPercent" : "maximumPercent", JsonNumber.of(percent));
    }

    private static void deployment(ServiceDraft draft, String member, Json value) {
        JsonObject current = draft.spec.json().get("deploymentConfiguration") instanceof JsonObject o ? o : JsonObject.EMPTY;
        draft.setService("deploymentConfiguration", current.with(member, value,
                EcsSchema.shape("DeploymentConfiguration").memberNames()));
    }
}
