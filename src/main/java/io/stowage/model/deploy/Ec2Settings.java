package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How deploying launches a cluster's EC2 instances: the cluster's {@code ec2} member in the design file, e.g.
 * <pre>
 * "ec2": {"instanceProfile": "ecsInstanceRole", "subnets": {"us-east-1a": "subnet-0abc..."},
 *         "securityGroups": ["sg-0abc..."], "keyName": "ops", "imageId": "ami-0abc..."}
 * </pre>
 * Everything is optional: the instance profile defaults to {@code ecsInstanceRole} (the role the ECS console
 * creates), each zone's subnet to the account's default subnet there, the security groups to the VPC's default
 * group, and the image to the ECS-optimised AMI of the instance's architecture.
 *
 * @param instanceProfile the instance profile name (or ARN) the instances get
 * @param subnets         availability zone to subnet id
 * @param securityGroups  security group ids, or empty for the VPC's default
 * @param keyName         an EC2 key pair name, or null
 * @param imageId         a fixed AMI id, or null for the ECS-optimised AMI
 */
public record Ec2Settings(String instanceProfile, Map<String, String> subnets, List<String> securityGroups,
                          String keyName, String imageId) {
    public static final String KEY = "ec2";
    public static final String DEFAULT_INSTANCE_PROFILE = "ecsInstanceRole";

    public Ec2Settings {
        subnets = Collections.unmodifiableMap(new LinkedHashMap<>(subnets));
        securityGroups = List.copyOf(securityGroups);
    }

    /** The cluster's settings, with the defaults for what it leaves out. */
    public static Ec2Settings of(Cluster cluster) {
        JsonObject ec2 = JsonTrees.object(cluster.extras().get(KEY));
        String profile = JsonTrees.string(ec2, "instanceProfile");
        Map<String, String> subnets = new LinkedHashMap<>();
        JsonTrees.object(ec2.get("subnets")).members().forEach((zone, subnet) -> {
            if (subnet instanceof JsonString s) {
                subnets.put(zone, s.value());
            }
        });
        List<String> groups = new ArrayList<>();
        for (Json group : JsonTrees.array(ec2.get("securityGroups")).items()) {
            if (group instanceof JsonString s) {
                groups.add(s.value());
            }
        }
        return new Ec2Settings(profile == null || profile.isBlank() ? DEFAULT_INSTANCE_PROFILE : profile, subnets,
                groups, JsonTrees.string(ec2, "keyName"), JsonTrees.string(ec2, "imageId"));
    }

    /** The cluster with these settings as its {@code ec2} member. */
    public static Cluster applyTo(Cluster cluster, Ec2Settings settings) {
        JsonObject.Builder b = JsonObject.builder().put("instanceProfile", settings.instanceProfile());
        if (!settings.subnets().isEmpty()) {
            JsonObject.Builder subnets = JsonObject.builder();
            settings.subnets().forEach(subnets::put);
            b.put("subnets", subnets.build());
        }
        if (!settings.securityGroups().isEmpty()) {
            b.put("securityGroups", JsonArray.ofStrings(settings.securityGroups()));
        }
        if (settings.keyName() != null) {
            b.put("keyName", settings.keyName());
        }
        if (settings.imageId() != null) {
            b.put("imageId", settings.imageId());
        }
        return cluster.withExtras(cluster.extras().with(KEY, b.build()));
    }
}
