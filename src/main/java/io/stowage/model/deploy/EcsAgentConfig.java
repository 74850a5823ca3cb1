package io.stowage.model.deploy;

import io.stowage.model.design.ContainerInstance;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS agent configuration that makes an instance join a cluster as the design describes it: the lines of
 * {@code /etc/ecs/ecs.config} (ecs-semantics §4.1, §6), and the user data or shell script that writes them.
 */
public final class EcsAgentConfig {
    /** The custom attribute that ties a registered container instance to the design instance it is. */
    public static final String INSTANCE_ATTRIBUTE = "stowage.instance";

    private EcsAgentConfig() {
    }

    /**
     * {@code ECS_CLUSTER}, {@code ECS_INSTANCE_ATTRIBUTES} (the design's custom attributes and
     * {@value #INSTANCE_ATTRIBUTE}), and the reserved ports when they are not the agent's defaults.
     */
    public static List<String> lines(String clusterName, ContainerInstance instance) {
        List<String> out = new ArrayList<>();
        out.add("ECS_CLUSTER=" + clusterName);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(INSTANCE_ATTRIBUTE, instance.id());
        attributes.putAll(instance.attributes());
        JsonObject.Builder json = JsonObject.builder();
        attributes.forEach(json::put);
        out.add("ECS_INSTANCE_ATTRIBUTES=" + JsonText.compact(json.build()));
        if (!instance.reservedPorts().equals(instance.defaultReservedPorts())) {
            out.add("ECS_RESERVED_PORTS=" + JsonText.compact(JsonArray.map(instance.reservedPorts(), JsonNumber::of)));
        }
        if (!instance.reservedUdpPorts().isEmpty()) {
            out.add("ECS_RESERVED_PORTS_UDP="
                    + JsonText.compact(JsonArray.map(instance.reservedUdpPorts(), JsonNumber::of)));
        }
        return out;
    }

    /** EC2 user data: a shell script on Linux, PowerShell for the ECS-optimised Windows AMI. */
    public static String userData(String clusterName, ContainerInstance instance) {
        if (ContainerInstance.WINDOWS.equals(instance.osType())) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put(INSTANCE_ATTRIBUTE, instance.id());
            attributes.putAll(instance.attributes());
            JsonObject.Builder json = JsonObject.builder();
            attributes.forEach(json::put);
            return "<powershell>\n"
                    + "Import-Module ECSTools\n"
                    + "[Environment]::SetEnvironmentVariable(\"ECS_INSTANCE_ATTRIBUTES\", '"
                    + JsonText.compact(json.build()).replace("'", "''") + "', \"Machine\")\n"
                    + "Initialize-ECSAgent -Cluster '" + clusterName.replace("'", "''") + "' -EnableTaskIAMRole\n"
                    + "</powershell>\n";
        }
        return "#!/bin/bash\n"
                + "cat >> /etc/ecs/ecs.config <<'STOWAGE'\n"
                + String.join("\n", lines(clusterName, instance)) + "\n"
                + "STOWAGE\n";
    }

    /**
     * Shell commands that make a running Linux instance's agent join the cluster: the agent keeps the cluster it
     * first registered with in its state file, so the file goes before the new configuration is written.
     */
    public static List<String> attachCommands(String clusterName, ContainerInstance instance) {
        // The settings the design owns go, whether or not it gives them now (default ports are the agent's own).
        String owned = "^ECS_CLUSTER=|^ECS_INSTANCE_ATTRIBUTES=|^ECS_RESERVED_PORTS=|^ECS_RESERVED_PORTS_UDP=";
        List<String> out = new ArrayList<>();
        out.add("systemctl stop ecs || true");
        out.add("rm -f /var/lib/ecs/data/agent.db /var/lib/ecs/data/ecs_agent_data.json");
        out.add("touch /etc/ecs/ecs.config && grep -Ev '" + owned + "' /etc/ecs/ecs.config > /etc/ecs/ecs.config.new || true");
        out.add("cat >> /etc/ecs/ecs.config.new <<'STOWAGE'\n" + String.join("\n", lines(clusterName, instance))
                + "\nSTOWAGE");
        out.add("mv /etc/ecs/ecs.config.new /etc/ecs/ecs.config");
        out.add("systemctl start --no-block ecs");
        return out;
    }

    /**
     * The public SSM parameter that names the current ECS-optimised AMI for the instance (Developer Guide,
     * retrieve-ecs-optimized_AMI): Amazon Linux 2023 for x86_64 and arm64, Amazon Linux 2 for GPU instances,
     * Windows Server 2022 for Windows.
     */
    public static String amiParameter(ContainerInstance instance) {
        if (ContainerInstance.WINDOWS.equals(instance.osType())) {
            return "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id";
        }
        if (instance.registeredGpus() > 0) {
            return "/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id";
        }
        if ("arm64".equals(instance.cpuArchitecture())) {
            return "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id";
        }
        return "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
    }
}
