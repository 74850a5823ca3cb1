package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.List;

/**
 * What the network mode allows: in awsvpc and host mode a hostPort equals its containerPort; none allows no port
 * mappings; awsvpc has no per-container hostname, DNS settings or extra hosts; and the network modes of EXTERNAL
 * (ECS Anywhere), Managed Instances and Windows. On Fargate, FargateRules owns host ports, DNS and extra hosts.
 * Sources: ECS API reference, RegisterTaskDefinition.networkMode, ContainerDefinition.portMappings / hostname /
 * extraHosts, PortMapping.hostPort; ecs-semantics.md §1.2-1.3 (Docker rejects ports, hostname, DNS and extra hosts
 * in container network mode); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html
 * ("The awsvpc network mode isn't supported"); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
 * (Windows on EC2: awsvpc or the default); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/managed-instance-networking.html
 * (a network mode must be specified: awsvpc or host).
 */
final class NetworkModeRules implements Rule {
    private static final JsonPath NETWORK_MODE = JsonPath.ROOT.key("networkMode");

    @Override
    public void check(RuleContext task, Findings out) {
        String mode = task.networkMode();
        launchTypes(task, mode, out);
        if (mode == null) {
            return;
        }
        for (RuleContext.Container container : task.containers()) {
            List<Json> mappings = Values.array(container.json(), "portMappings").items();
            if (mode.equals("none") && !mappings.isEmpty()) {
                out.error(container.at("portMappings"), "Network mode none allows no port mappings; remove the"
                        + " portMappings of " + container.label() + " or use another network mode.",
                        "port-mappings-network-none");
            }
            if ((mode.equals("awsvpc") || mode.equals("host")) && !task.fargate()) {
                for (int j = 0; j < mappings.size(); j++) {
                    if (mappings.get(j) instanceof JsonObject mapping) {
                        hostPort(mapping, mode, container.at("portMappings").index(j), out);
                    }
                }
            }
            if (mode.equals("awsvpc")) {
                awsvpc(task, container, out);
            }
        }
    }

    private void hostPort(JsonObject mapping, String mode, JsonPath path, Findings out) {
        Long host = Values.number(mapping, "hostPort");
        Long containerPort = Values.number(mapping, "containerPort");
        if (host == null || host == 0 || containerPort == null || host.equals(containerPort)
                || Values.isSet(mapping, "containerPortRange")) {
            return;
        }
        out.error(path.key("hostPort"), "hostPort " + host + " must equal containerPort " + containerPort + " in "
                + mode + " network mode; set it to " + containerPort + " or omit it.", "host-port-must-match");
    }

    private void awsvpc(RuleContext task, RuleContext.Container container, Findings out) {
        if (Values.hasContent(container.json(), "hostname")) {
            out.error(container.at("hostname"), "hostname is not supported in awsvpc network mode; remove it (the"
                    + " task's hostname comes from its network interface).", "awsvpc-unsupported");
        }
        if (task.fargate()) {
            return;
        }
        for (String key : List.of("dnsServers", "dnsSearchDomains", "extraHosts")) {
            if (Values.hasContent(container.json(), key)) {
                out.error(container.at(key), key + " is not supported in awsvpc network mode; remove it (DNS comes"
                        + " from the VPC's DHCP options).", "awsvpc-unsupported");
            }
        }
    }

    private void launchTypes(RuleContext task, String mode, Findings out) {
        if (task.external() && "awsvpc".equals(mode)) {
            out.error(NETWORK_MODE, "EXTERNAL (ECS Anywhere) instances do not support awsvpc network mode; use"
                    + " bridge, host or none.", "network-mode-launch-type");
        }
        if (task.managedInstances() && (!task.networkModeSet() || "bridge".equals(mode))) {
            out.error(NETWORK_MODE, "ECS Managed Instances need networkMode awsvpc or host, set explicitly; it is "
                    + (task.networkModeSet() ? "bridge" : "absent (bridge)") + ".", "network-mode-launch-type");
        }
        if (task.windows() && task.networkModeSet() && mode != null && !mode.equals("awsvpc")) {
            out.error(NETWORK_MODE, "Windows containers support only awsvpc or the default network mode, not "
                    + mode + "; set networkMode to awsvpc or remove it.", "network-mode-windows");
        }
    }
}
