package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names and the container list: family and container name syntax, containers without a name or image,
 * duplicate container names, at least one essential container, and the number of containers.
 * Sources: ECS API reference, RegisterTaskDefinition.family and ContainerDefinition.name ("Up to 255 letters
 * (uppercase and lowercase), numbers, underscores, and hyphens are allowed"), ContainerDefinition.essential
 * ("All tasks must have at least one essential container"; omitted means essential), ecs-semantics.md §3.3;
 * Amazon ECS service quotas, "Containers per task definition: 10"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html).
 */
final class NamesRule implements Rule {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    static final int MAX_CONTAINERS = 10;

    @Override
    public void check(RuleContext task, Findings out) {
        String family = Values.concrete(task.json(), "family");
        if (family != null && !NAME.matcher(family).matches()) {
            Values.malformed(out, JsonPath.ROOT.key("family"), family, "family " + Values.quote(family) + " is not a"
                    + " valid name; use up to 255 letters, numbers, underscores and hyphens" + suggestion(family) + ".",
                    "family-name");
        }
        if (Values.get(task.json(), "containerDefinitions") instanceof JsonArray array) {
            if (array.isEmpty()) {
                out.error(RuleContext.CONTAINERS, "containerDefinitions is empty; a task definition needs at least"
                        + " one container.", "container-count");
            } else if (array.size() > MAX_CONTAINERS) {
                out.error(RuleContext.CONTAINERS, "The task definition has " + array.size() + " containers; ECS"
                        + " allows at most " + MAX_CONTAINERS + " per task definition. Split it into several task"
                        + " definitions.", "container-count");
            }
        }
        Map<String, RuleContext.Container> seen = new HashMap<>();
        boolean anyEssential = false;
        for (RuleContext.Container container : task.containers()) {
            Json name = Values.get(container.json(), "name");
            if (name == null || name instanceof JsonString s && s.value().isBlank()) {
                out.error(container.at("name"), "Container " + container.label() + " has no name; ECS requires a"
                        + " name for every container.", "container-name-required");
            } else if (name instanceof JsonString s && !Values.hasPlaceholder(s.value())) {
                if (!NAME.matcher(s.value()).matches()) {
                    Values.malformed(out, container.at("name"), s.value(), "Container name "
                            + Values.quote(s.value()) + " is not valid; use up to 255 letters, numbers, underscores"
                            + " and hyphens" + suggestion(s.value()) + ".", "container-name");
                }
                RuleContext.Container first = seen.putIfAbsent(s.value(), container);
                if (first != null) {
                    out.error(container.at("name"), "Container name " + Values.quote(s.value()) + " is already used"
                            + " by " + first.path().text() + "; container names must be unique in a task"
                            + " definition.", "container-name-duplicate");
                }
            }
            Json image = Values.get(container.json(), "image");
            if (image == null || image instanceof JsonString s && s.value().isBlank()) {
                out.error(container.at("image"), "Container " + container.label() + " has no image; ECS requires"
                        + " an image for every container (e.g. " + Values.quote("nginx:1.27") + ").",
                        "container-image-required");
            }
            if (!Boolean.FALSE.equals(container.essential())) {
                anyEssential = true;
            }
        }
        if (!task.containers().isEmpty() && !anyEssential) {
            out.error(RuleContext.CONTAINERS, "No container is essential; every task needs at least one essential"
                    + " container. Set \"essential\": true on the main container (omitting it also means true).",
                    "essential-container");
        }
    }

    private static String suggestion(String name) {
        // Each run of other characters becomes one hyphen; one pass that stops at 255, whatever the name's length.
        String stripped = name.strip();
        StringBuilder out = new StringBuilder();
        boolean inRun = false;
        for (int i = 0; i < stripped.length() && out.length() < 255; i++) {
            char c = stripped.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                out.append(c);
                inRun = false;
            } else if (!inRun) {
                out.append('-');
                inRun = true;
            }
        }
        String fixed = out.toString();
        return fixed.isEmpty() || fixed.equals(name) ? "" : " (e.g. " + Values.quote(fixed) + ")";
    }
}
