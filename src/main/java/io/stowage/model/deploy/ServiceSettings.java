package io.stowage.model.deploy;

import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Compares a designed service (the CreateService input) with the service ECS describes, setting by setting.
 *
 * <p>A setting the design states is compared with what ECS has; a setting it leaves out is compared with ECS's
 * default where that default is documented (so removing a placement strategy from the design removes it from
 * the service), and otherwise left to ECS (its choice of security groups or platform version is not a
 * difference). Values are compared in normalised form: empty lists and objects and {@code false} flags are
 * absent, and documented defaults are filled in on both sides.
 */
public final class ServiceSettings {
    /** UpdateService members, in the order a plan lists them. */
    private static final List<Setting> SETTINGS = List.of(
            new Setting("desiredCount", "desiredCount", null, true, UnaryOperator.identity()),
            new Setting("launchType", "launchType", null, false, UnaryOperator.identity()),
            new Setting("capacityProviderStrategy", "capacityProviderStrategy", null, true,
                    ServiceSettings::capacityProviders),
            new Setting("platformVersion", "platformVersion", null, true, UnaryOperator.identity()),
            new Setting("placementConstraints", "placementConstraints", JsonArray.EMPTY, true, UnaryOperator.identity()),
            new Setting("placementStrategy", "placementStrategy", JsonArray.EMPTY, true, ServiceSettings::strategies),
            new Setting("networkConfiguration", "networkConfiguration", null, true, UnaryOperator.identity()),
            new Setting("deploymentConfiguration", "deploymentConfiguration", null, true, UnaryOperator.identity()),
            new Setting("healthCheckGracePeriodSeconds", "healthCheckGracePeriodSeconds", JsonNumber.of(0), true,
                    UnaryOperator.identity()),
            new Setting("loadBalancers", "loadBalancers", JsonArray.EMPTY, true, UnaryOperator.identity()),
            new Setting("serviceRegistries", "serviceRegistries", JsonArray.EMPTY, true, UnaryOperator.identity()),
            new Setting("enableExecuteCommand", "enableExecuteCommand", JsonBool.FALSE, true, UnaryOperator.identity()),
            new Setting("enableECSManagedTags", "enableECSManagedTags", JsonBool.FALSE, true, UnaryOperator.identity()),
            new Setting("propagateTags", "propagateTags", new JsonString("NONE"), true, UnaryOperator.identity()),
            new Setting("availabilityZoneRebalancing", "availabilityZoneRebalancing", null, true,
                    UnaryOperator.identity()),
            new Setting("serviceConnectConfiguration", "serviceConnectConfiguration", null, true,
                    UnaryOperator.identity()),
            new Setting("volumeConfigurations", "volumeConfigurations", null, true, UnaryOperator.identity()),
            new Setting("vpcLatticeConfigurations", "vpcLatticeConfigurations", null, true, UnaryOperator.identity()),
            new Setting("schedulingStrategy", "schedulingStrategy", new JsonString("REPLICA"), false,
                    UnaryOperator.identity()),
            new Setting("deploymentController", "deploymentController",
                    JsonObject.builder().put("type", "ECS").build(), false, UnaryOperator.identity()));

    /** Members of DeploymentConfiguration whose absence means a default Stowage knows; others ECS may add. */
    private static final Set<String> DEPLOYMENT_KNOWN = Set.of("maximumPercent", "minimumHealthyPercent",
            "deploymentCircuitBreaker", "alarms", "strategy");

    private ServiceSettings() {
    }

    /**
     * Every setting the service differs in, the task definition first.
     *
     * @param designed              the CreateService input of the design
     * @param current               the Service of DescribeServices, as JSON
     * @param designedTaskDefinition the revision the service must run, {@code family:revision}, or
     *                              {@code family} alone for "the revision this deploy registers"
     */
    public static List<SettingChange> differences(JsonObject designed, JsonObject current, String designedTaskDefinition) {
        List<SettingChange> out = new ArrayList<>();
        TaskDefinitionRef want = TaskDefinitionRef.parse(designedTaskDefinition);
        TaskDefinitionRef have = TaskDefinitionRef.parse(JsonTrees.string(current, "taskDefinition"));
        if (want != null && !want.equals(have)) {
            out.add(new SettingChange("taskDefinition", new JsonString(want.revision() == null
                    ? want.family() + ":(new)" : want.toString()), have == null ? null : new JsonString(have.toString()), true));
        }
        boolean daemon = "DAEMON".equals(JsonTrees.string(designed, "schedulingStrategy"));
        for (Setting setting : SETTINGS) {
            if (daemon && setting.name.equals("desiredCount")) {
                continue;
            }
            Json want1 = designed.get(setting.name);
            Json have1 = current.get(setting.currentName);
            if (setting.name.equals("launchType") && want1 == null) {
                continue;
            }
            Json a = normalized(setting, want1, designed, daemon);
            Json b = normalized(setting, have1, designed, daemon);
            if (setting.defaultValue == null && isAbsent(a)
                    && !setting.name.equals("deploymentConfiguration")) {
                continue;
            }
            if (setting.name.equals("networkConfiguration")) {
                b = leaveToEcs(a, b);
            } else if (setting.name.equals("deploymentConfiguration")) {
                b = restrict(b, a, DEPLOYMENT_KNOWN);
            }
            if (!Objects.equals(a, b)) {
                out.add(new SettingChange(setting.name, a, b, setting.updatable));
            }
        }
        return out;
    }

    private static Json normalized(Setting setting, Json value, JsonObject designed, boolean daemon) {
        Json v = value == null ? setting.defaultValue : value;
        if (setting.name.equals("deploymentConfiguration")) {
            v = deploymentConfiguration(JsonTrees.object(v), daemon);
        } else if (setting.name.equals("networkConfiguration")) {
            v = networkConfiguration(JsonTrees.object(v));
        } else if (setting.name.equals("platformVersion") && v == null
                && "FARGATE".equals(JsonTrees.string(designed, "launchType"))) {
            v = new JsonString("LATEST");
        }
        v = v == null ? null : setting.normalizer.apply(JsonTrees.prune(v, Set.of()));
        return isAbsent(v) ? (setting.defaultValue == null ? null : JsonTrees.prune(setting.defaultValue, Set.of()))
                : v;
    }

    private static boolean isAbsent(Json v) {
        return v == null || v instanceof JsonObject o && o.isEmpty() || v instanceof JsonArray a && a.isEmpty()
                || v == JsonBool.FALSE;
    }

    /**
     * DeploymentConfiguration [M]: maximumPercent defaults to 200 and minimumHealthyPercent to 100 for REPLICA
     * services, 100 and 0 for DAEMON; the circuit breaker and alarms are off; the strategy is ROLLING.
     */
    private static Json deploymentConfiguration(JsonObject c, boolean daemon) {
        c = JsonTrees.withDefault(c, "maximumPercent", JsonNumber.of(daemon ? 100 : 200));
        c = JsonTrees.withDefault(c, "minimumHealthyPercent", JsonNumber.of(daemon ? 0 : 100));
        c = JsonTrees.withDefault(c, "strategy", new JsonString("ROLLING"));
        c = JsonTrees.replace(c, "alarms", a -> JsonTrees.replace(JsonTrees.object(a), "alarmNames",
                JsonTrees::sortedStrings));
        return c;
    }

    /** AwsVpcConfiguration [M]: assignPublicIp defaults to DISABLED; subnets and security groups are sets. */
    private static Json networkConfiguration(JsonObject n) {
        return JsonTrees.replace(n, "awsvpcConfiguration", a -> {
            JsonObject v = JsonTrees.withDefault(JsonTrees.object(a), "assignPublicIp", new JsonString("DISABLED"));
            v = JsonTrees.replace(v, "subnets", JsonTrees::sortedStrings);
            return JsonTrees.replace(v, "securityGroups", JsonTrees::sortedStrings);
        });
    }

    /**
     * Without security groups in the design, ECS uses the VPC's default group, and without subnets the deploy
     * created the service in the default VPC's: neither is a difference.
     */
    private static Json leaveToEcs(Json designed, Json current) {
        JsonObject want = JsonTrees.object(JsonTrees.object(designed).get("awsvpcConfiguration"));
        JsonObject have = JsonTrees.object(JsonTrees.object(current).get("awsvpcConfiguration"));
        JsonObject kept = have;
        if (!want.has("securityGroups")) {
            kept = kept.without("securityGroups");
        }
        if (!want.has("subnets")) {
            kept = kept.without("subnets");
        }
        return kept == have ? current : JsonTrees.object(current).with("awsvpcConfiguration", kept);
    }

    /** ECS's value with only the members the design states or whose default is known, for objects ECS extends. */
    private static Json restrict(Json current, Json designed, Set<String> known) {
        if (!(current instanceof JsonObject have)) {
            return current;
        }
        Set<String> keep = new LinkedHashSet<>(known);
        keep.addAll(JsonTrees.object(designed).keys());
        JsonObject out = have;
        for (String key : have.keys()) {
            if (!keep.contains(key)) {
                out = out.without(key);
            }
        }
        return out;
    }

    /** CapacityProviderStrategyItem [M]: base and weight default to 0. */
    private static Json capacityProviders(Json value) {
        return JsonTrees.mapObjects(value, item -> JsonTrees.withDefault(
                JsonTrees.withDefault(item, "base", JsonNumber.of(0)), "weight", JsonNumber.of(0)));
    }

    /** PlacementStrategy [M]: spread's {@code host} is {@code instanceId}. */
    private static Json strategies(Json value) {
        return JsonTrees.mapObjects(value, s -> "host".equals(JsonTrees.string(s, "field"))
                ? s.with("field", new JsonString("instanceId")) : s);
    }

    /**
     * The UpdateService input that makes the service what the design says: the cluster, the service, and each
     * updatable setting that differs, with the design's own value (an empty list where the design removed one).
     */
    public static JsonObject updateRequest(String cluster, String serviceName, JsonObject designed,
                                           List<SettingChange> changes) {
        JsonObject.Builder out = JsonObject.builder().put("cluster", cluster).put("service", serviceName);
        Set<String> names = new LinkedHashSet<>();
        for (SettingChange change : changes) {
            if (change.updatable()) {
                names.add(change.name());
            }
        }
        for (String name : names) {
            if (name.equals("taskDefinition")) {
                out.put(name, designed.get("taskDefinition"));
                continue;
            }
            Json value = designed.get(name);
            Setting setting = SETTINGS.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
            if (value == null && name.equals("deploymentConfiguration")) {
                boolean daemon = "DAEMON".equals(JsonTrees.string(designed, "schedulingStrategy"));
                value = JsonObject.builder().put("maximumPercent", daemon ? 100 : 200)
                        .put("minimumHealthyPercent", daemon ? 0 : 100).build();
            }
            out.put(name, value != null ? value : setting.defaultValue != null ? setting.defaultValue
                    : JsonObject.EMPTY);
        }
        if (names.contains("capacityProviderStrategy")) {
            // UpdateService.capacityProviderStrategy [M]: a change of strategy takes a new deployment.
            out.put("forceNewDeployment", true);
        }
        return out.build();
    }

    private record Setting(String name, String currentName, Json defaultValue, boolean updatable,
                           UnaryOperator<Json> normalizer) {
    }
}
