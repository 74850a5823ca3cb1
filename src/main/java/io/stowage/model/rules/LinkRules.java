package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.List;

/**
 * Container links: only in bridge network mode, in the form {@code name[:alias]}, naming another container of
 * the task. (On Fargate, FargateRules reports links instead: Fargate supports none.)
 * Sources: ECS API reference, ContainerDefinition.links ("only supported if the network mode of a task
 * definition is bridge"; names of up to 255 letters, numbers, underscores and hyphens); ecs-semantics.md §1.1
 * (links row: more than one ':' is "Invalid link format", a missing target is an error).
 */
final class LinkRules implements Rule {
    @Override
    public void check(RuleContext task, Findings out) {
        String mode = task.networkMode();
        for (RuleContext.Container container : task.containers()) {
            List<Json> links = Values.array(container.json(), "links").items();
            if (links.isEmpty()) {
                continue;
            }
            if (!task.fargate() && mode != null && !mode.equals("bridge")) {
                out.error(container.at("links"), "links only work in bridge network mode, and this task uses "
                        + mode + "; remove the links (containers of an " + mode + " task reach each other on"
                        + " localhost" + (mode.equals("none") ? ", without external networking" : "") + ").",
                        "links-network-mode");
            }
            for (int j = 0; j < links.size(); j++) {
                if (links.get(j) instanceof JsonString s && !Values.hasPlaceholder(s.value())) {
                    link(task, container, s.value(), container.at("links").index(j), out);
                }
            }
        }
    }

    private void link(RuleContext task, RuleContext.Container container, String link, JsonPath path, Findings out) {
        String[] parts = link.split(":", -1);
        if (parts.length > 2 || !NamesRule.NAME.matcher(parts[0]).matches()
                || parts.length == 2 && !NamesRule.NAME.matcher(parts[1]).matches()) {
            out.error(path, "Link " + Values.quote(link) + " is not in the form name or name:alias (letters,"
                    + " numbers, underscores and hyphens).", "link-format");
            return;
        }
        if (parts[0].equals(container.name())) {
            out.error(path, "Container " + container.label() + " links to itself; link another container of the"
                    + " task.", "link-target");
        } else if (task.container(parts[0]) == null) {
            out.error(path, "Link " + Values.quote(link) + " names no container of this task; use one of "
                    + ContainerDependencyRules.names(task, container) + ".", "link-target");
        }
    }
}
