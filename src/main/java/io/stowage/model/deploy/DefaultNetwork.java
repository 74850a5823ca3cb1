package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ECS console picks for an awsvpc service or task whose design names no subnets: the default VPC's
 * default subnets (in the availability zones the cluster's design names, else all of them) and, when no
 * security group is named either, the default VPC's group {@code default}. The plan says where each came from.
 */
final class DefaultNetwork {
    /**
     * @param request the request with its network configuration filled in
     * @param details plan lines saying what was picked and from where
     * @param problem why nothing could be picked (no default VPC), or null
     */
    record Filled(JsonObject request, List<String> details, String problem) {
    }

    private DefaultNetwork() {
    }

    static Filled fill(JsonObject request, String networkMode, Cluster cluster, Ec2Facts facts) {
        if (!"awsvpc".equals(networkMode)) {
            return new Filled(request, List.of(), null);
        }
        JsonObject network = JsonTrees.object(request.get("networkConfiguration"));
        JsonObject vpc = JsonTrees.object(network.get("awsvpcConfiguration"));
        if (!JsonTrees.array(vpc.get("subnets")).isEmpty()) {
            return new Filled(request, List.of(), null);
        }
        if (facts.defaultVpc() == null || facts.defaultSubnets().isEmpty()) {
            return new Filled(request, List.of(), "the design names no subnets for its awsvpc network and the region "
                    + "has no default VPC to take them from; name them in networkConfiguration.awsvpcConfiguration.subnets");
        }
        Map<String, String> subnets = subnets(cluster, facts);
        List<String> details = new ArrayList<>();
        details.add("subnets: default VPC " + facts.defaultVpc() + " (" + subnets.size() + " subnet"
                + (subnets.size() == 1 ? "" : "s") + ": " + String.join(", ", subnets.values()) + " in "
                + String.join(", ", subnets.keySet()) + ")");
        vpc = vpc.with("subnets", JsonArray.ofStrings(List.copyOf(subnets.values())));
        if (JsonTrees.array(vpc.get("securityGroups")).isEmpty()) {
            if (facts.defaultSecurityGroup() == null) {
                return new Filled(request, List.of(), "the default VPC " + facts.defaultVpc() + " has no security group"
                        + " named default; name one in networkConfiguration.awsvpcConfiguration.securityGroups");
            }
            vpc = vpc.with("securityGroups", JsonArray.ofStrings(List.of(facts.defaultSecurityGroup())));
            details.add("security groups: " + facts.defaultSecurityGroup() + " (the default VPC's group default)");
        }
        return new Filled(request.with("networkConfiguration", network.with("awsvpcConfiguration", vpc)), details, null);
    }

    /** The default subnets of the zones the cluster names, or of every zone when it names none of the region's. */
    private static Map<String, String> subnets(Cluster cluster, Ec2Facts facts) {
        Set<String> named = new LinkedHashSet<>();
        cluster.instances().stream().map(ContainerInstance::availabilityZone).forEach(named::add);
        cluster.fargateCapacity().ifPresent(f -> named.addAll(f.availabilityZones()));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> zone : facts.defaultSubnets().entrySet()) {
            if (named.contains(zone.getKey())) {
                out.put(zone.getKey(), zone.getValue());
            }
        }
        return out.isEmpty() ? new LinkedHashMap<>(new java.util.TreeMap<>(facts.defaultSubnets())) : out;
    }
}
