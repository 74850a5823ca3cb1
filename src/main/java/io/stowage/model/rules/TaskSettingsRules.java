package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Task-level settings that refer to other parts: the App Mesh proxy names a container of an awsvpc task,
 * placement constraints are at most 10 memberOf expressions, tag keys are unique and not aws: prefixed, and
 * Elastic Inference requirements name a declared accelerator.
 * Sources: ECS API reference, ProxyConfiguration.containerName, RegisterTaskDefinition.placementConstraints ("a
 * maximum of 10 constraints"), .tags ("each tag key must be unique"; "Do not use aws:, AWS:, or any upper or
 * lowercase combination of such as a prefix"), InferenceAccelerator.deviceName ("must also be referenced in a
 * container definition as a ResourceRequirement"), ResourceRequirement.value; ecs-semantics.md §5.3 (memberOf
 * takes an expression); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html (no App
 * Mesh on external instances); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/application_architecture.html
 * and App Mesh's ECS guide (the proxy configuration requires awsvpc).
 */
final class TaskSettingsRules implements Rule {
    private static final JsonPath PROXY = JsonPath.ROOT.key("proxyConfiguration");

    @Override
    public void check(RuleContext task, Findings out) {
        proxy(task, out);
        placementConstraints(task, out);
        tags(task, out);
        accelerators(task, out);
    }

    private void proxy(RuleContext task, Findings out) {
        JsonObject proxy = Values.object(task.json(), "proxyConfiguration");
        if (proxy == null) {
            return;
        }
        String name = Values.concrete(proxy, "containerName");
        if (name != null && task.container(name) == null) {
            out.error(PROXY.key("containerName"), "proxyConfiguration.containerName " + Values.quote(name) + " is not a"
                    + " container of this task; name the Envoy proxy container.", "proxy-configuration");
        }
        String mode = task.networkMode();
        if (mode != null && !mode.equals("awsvpc")) {
            out.error(PROXY, "An App Mesh proxyConfiguration needs networkMode awsvpc; this task uses " + mode + ".",
                    "proxy-configuration");
        }
        if (task.external()) {
            out.error(PROXY, "App Mesh (proxyConfiguration) is not supported on EXTERNAL (ECS Anywhere) instances.",
                    "proxy-configuration");
        }
    }

    private void placementConstraints(RuleContext task, Findings out) {
        List<Json> constraints = Values.array(task.json(), "placementConstraints").items();
        JsonPath path = JsonPath.ROOT.key("placementConstraints");
        if (constraints.size() > 10) {
            out.error(path, "placementConstraints lists " + constraints.size() + " constraints; ECS allows at most 10"
                    + " per task, counting those given at run time.", "placement-constraints");
        }
        for (int i = 0; i < constraints.size(); i++) {
            if (constraints.get(i) instanceof JsonObject constraint
                    && "memberOf".equals(Values.string(constraint, "type"))
                    && !Values.hasContent(constraint, "expression")) {
                out.error(path.index(i).key("expression"), "A memberOf constraint needs an expression in the cluster"
                        + " query language, e.g. \"attribute:ecs.instance-type =~ t3.*\".", "placement-constraints");
            }
        }
    }

    private void tags(RuleContext task, Findings out) {
        List<Json> tags = Values.array(task.json(), "tags").items();
        Map<String, JsonPath> keys = new HashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            if (!(tags.get(i) instanceof JsonObject tag)) {
                continue;
            }
            String key = Values.concrete(tag, "key");
            if (key == null) {
                continue;
            }
            JsonPath path = JsonPath.ROOT.key("tags").index(i).key("key");
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                out.error(path, "Tag key " + Values.quote(key) + " uses the aws: prefix, which AWS reserves; rename it.",
                        "tags");
            }
            JsonPath first = keys.putIfAbsent(key, path);
            if (first != null) {
                out.error(path, "Tag key " + Values.quote(key) + " is used twice (also at " + first.text() + "); each"
                        + " tag key may appear once.", "tags");
            }
        }
    }

    private void accelerators(RuleContext task, Findings out) {
        Set<String> devices = new LinkedHashSet<>();
        for (Json item : Values.array(task.json(), "inferenceAccelerators").items()) {
            if (item instanceof JsonObject accelerator && Values.string(accelerator, "deviceName") != null) {
                devices.add(Values.string(accelerator, "deviceName"));
            }
        }
        for (RuleContext.Container container : task.containers()) {
            List<Json> requirements = Values.array(container.json(), "resourceRequirements").items();
            for (int j = 0; j < requirements.size(); j++) {
                if (!(requirements.get(j) instanceof JsonObject requirement)
                        || !"InferenceAccelerator".equals(Values.string(requirement, "type"))) {
                    continue;
                }
                String value = Values.concrete(requirement, "value");
                if (value != null && !devices.contains(value)) {
                    out.error(container.at("resourceRequirements").index(j).key("value"), "InferenceAccelerator "
                            + Values.quote(value) + " is not a deviceName of the task's inferenceAccelerators"
                            + (devices.isEmpty() ? "; declare it there." : "; use " + Values.orList(devices) + "."),
                            "resource-requirements");
                }
            }
        }
    }
}
