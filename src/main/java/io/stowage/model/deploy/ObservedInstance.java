package io.stowage.model.deploy;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A container instance registered with a cluster.
 *
 * @param containerInstanceArn its ARN
 * @param ec2InstanceId        its EC2 instance id
 * @param status               ACTIVE, DRAINING, REGISTERING...
 * @param agentConnected       whether its agent is connected
 * @param attributes           all its attributes, name to value (a name without value maps to "")
 */
public record ObservedInstance(String containerInstanceArn, String ec2InstanceId, String status,
                               boolean agentConnected, Map<String, String> attributes) {
    public ObservedInstance {
        Objects.requireNonNull(containerInstanceArn, "containerInstanceArn");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** The design instance id it was launched or attached for, from its {@code stowage.instance} attribute. */
    public String designId() {
        return attributes.get(EcsAgentConfig.INSTANCE_ATTRIBUTE);
    }

    /** From a ContainerInstance of DescribeContainerInstances, as JSON. */
    public static ObservedInstance fromDescribed(JsonObject described) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Json item : JsonTrees.array(described.get("attributes")).items()) {
            JsonObject attribute = JsonTrees.object(item);
            String name = JsonTrees.string(attribute, "name");
            if (name != null) {
                String value = JsonTrees.string(attribute, "value");
                attributes.put(name, value == null ? "" : value);
            }
        }
        return new ObservedInstance(JsonTrees.string(described, "containerInstanceArn"),
                JsonTrees.string(described, "ec2InstanceId"), JsonTrees.string(described, "status"),
                described.get("agentConnected") == io.stowage.model.json.JsonBool.TRUE, attributes);
    }
}
