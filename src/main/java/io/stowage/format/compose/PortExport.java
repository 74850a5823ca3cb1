package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A container's port mappings as compose ports. */
final class PortExport {
    private PortExport() {
    }

    /**
     * Bridge and host ports as ECS maps them; with several replicas a fixed host port becomes a range, one port per
     * replica, because one Docker host plays all the instances. awsvpc tasks own an address on ECS, so locally their
     * ports get ephemeral host ports.
     */
    static void ports(JsonObject container, String path, ContainerExport.Task task, Map<String, Object> out,
                              ConversionReport report) {
        List<String> ports = new ArrayList<>();
        String mode = ContainerExport.text(task.taskDefinition().get("networkMode"));
        boolean awsvpc = "awsvpc".equals(mode);
        List<Json> mappings = ContainerExport.items(container.get("portMappings"));
        for (int i = 0; i < mappings.size(); i++) {
            if (!(mappings.get(i) instanceof JsonObject mapping)) {
                continue;
            }
            String protocol = "udp".equals(ContainerExport.text(mapping.get("protocol"))) ? "/udp" : "";
            Long containerPort = ContainerExport.number(mapping.get("containerPort"));
            String range = ContainerExport.text(mapping.get("containerPortRange"));
            Long hostPort = ContainerExport.number(mapping.get("hostPort"));
            String target = containerPort != null ? String.valueOf(containerPort) : range;
            if (target == null) {
                continue;
            }
            if ("host".equals(mode)) {
                continue;
            }
            if (awsvpc || hostPort == null || hostPort == 0 || containerPort == null) {
                ports.add(target + protocol);
            } else if (task.replicas() > 1) {
                ports.add(hostPort + "-" + (hostPort + task.replicas() - 1) + ":" + target + protocol);
                report.add(ConversionReport.Kind.APPROXIMATED, path + ".portMappings[" + i + "].hostPort",
                        task.replicas() + " replicas share one Docker host, so host port " + hostPort
                                + " became the range " + hostPort + "-" + (hostPort + task.replicas() - 1));
            } else {
                ports.add(hostPort + ":" + target + protocol);
            }
        }
        if (awsvpc && !mappings.isEmpty()) {
            report.add(ConversionReport.Kind.APPROXIMATED, path + ".portMappings", "an awsvpc task has an address of "
                    + "its own on ECS; locally its ports are published on ephemeral host ports (docker compose port)");
        }
        if (!ports.isEmpty()) {
            out.put("ports", ports);
        }
    }
}
