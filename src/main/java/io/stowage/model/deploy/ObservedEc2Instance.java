package io.stowage.model.deploy;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.Objects;

/**
 * An EC2 instance that a design's instance may be.
 *
 * @param instanceId its EC2 id
 * @param designId   the design instance it was launched for (its {@code stowage:instance} tag), or null
 * @param cluster    the cluster it was launched for (its {@code stowage:cluster} tag), or null
 * @param state      pending, running, stopping, stopped, shutting-down
 */
public record ObservedEc2Instance(String instanceId, String designId, String cluster, String state) {
    public ObservedEc2Instance {
        Objects.requireNonNull(instanceId, "instanceId");
    }

    /** Whether it is, or is on its way to be, running. */
    public boolean isUp() {
        return "pending".equals(state) || "running".equals(state);
    }

    /** From an Instance of EC2 DescribeInstances, as JSON. */
    public static ObservedEc2Instance fromDescribed(JsonObject described) {
        String designId = null;
        String cluster = null;
        for (Json item : JsonTrees.array(described.get("tags")).items()) {
            JsonObject tag = JsonTrees.object(item);
            if (Ec2Launch.INSTANCE_TAG.equals(JsonTrees.string(tag, "key"))) {
                designId = JsonTrees.string(tag, "value");
            } else if (Ec2Launch.CLUSTER_TAG.equals(JsonTrees.string(tag, "key"))) {
                cluster = JsonTrees.string(tag, "value");
            }
        }
        return new ObservedEc2Instance(JsonTrees.string(described, "instanceId"), designId, cluster,
                JsonTrees.string(JsonTrees.object(described.get("state")), "name"));
    }
}
