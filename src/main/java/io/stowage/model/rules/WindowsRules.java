package io.stowage.model.rules;

import io.stowage.model.json.JsonPath;

import java.util.List;

/**
 * Parameters Windows containers do not support, checked when runtimePlatform.operatingSystemFamily is a Windows
 * family (the network mode is checked by NetworkModeRules, ulimits on Fargate by FargateRules).
 * Sources: ECS API reference, "This parameter is not supported for Windows containers" on
 * ContainerDefinition.links, user, disableNetworking, privileged, readonlyRootFilesystem, dnsServers,
 * dnsSearchDomains, extraHosts, ulimits, linuxParameters, and RegisterTaskDefinition.pidMode and .ipcMode.
 */
final class WindowsRules implements Rule {
    private static final List<String> CONTAINER = List.of("links", "user", "disableNetworking", "privileged",
            "readonlyRootFilesystem", "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits", "linuxParameters");
    /** What FargateRules already reports as an error on Fargate. */
    private static final List<String> FARGATE_REPORTS = List.of("links", "disableNetworking", "privileged",
            "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits");

    @Override
    public void check(RuleContext task, Findings out) {
        if (!task.windows()) {
            return;
        }
        for (String key : List.of("pidMode", "ipcMode")) {
            if (Values.isSet(task.json(), key) && !task.fargate()) {
                out.error(JsonPath.ROOT.key(key), key + " is not supported for Windows containers; remove it.",
                        "windows-unsupported");
            }
        }
        for (RuleContext.Container container : task.containers()) {
            for (String key : CONTAINER) {
                if (Values.hasContent(container.json(), key)) {
                    if (task.fargate() && FARGATE_REPORTS.contains(key)) {
                        continue;
                    }
                    out.warning(container.at(key), key + " is not supported for Windows containers; ECS ignores or"
                            + " rejects it. Remove it.", "windows-unsupported");
                }
            }
        }
    }
}
