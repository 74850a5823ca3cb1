package io.stowage.model.deploy;

import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster as ECS and EC2 hold it.
 *
 * @param name                    the cluster name
 * @param status                  ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE
 * @param capacityProviders       the capacity providers associated with it
 * @param defaultProviderStrategy its default capacity provider strategy, as the API gives it
 * @param services                its services by name, each the Service of DescribeServices as JSON (the
 *                                design's services only, and those ECS still describes: ACTIVE or DRAINING)
 * @param instances               its registered container instances
 * @param ec2Instances            EC2 instances that Stowage launched for it (tagged), or that the design names by
 *                                id, in any state but terminated
 * @param tasks                   the tasks the design's standalone tasks may already have started
 */
public record ObservedCluster(String name, String status, List<String> capacityProviders,
                              JsonArray defaultProviderStrategy, Map<String, JsonObject> services,
                              List<ObservedInstance> instances, List<ObservedEc2Instance> ec2Instances,
                              List<ObservedTask> tasks) {
    public ObservedCluster {
        Objects.requireNonNull(name, "name");
        capacityProviders = List.copyOf(capacityProviders);
        defaultProviderStrategy = defaultProviderStrategy == null ? JsonArray.EMPTY : defaultProviderStrategy;
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        instances = List.copyOf(instances);
        ec2Instances = List.copyOf(ec2Instances);
        tasks = List.copyOf(tasks);
    }

    /** A cluster that exists with nothing in it. */
    public static ObservedCluster empty(String name) {
        return new ObservedCluster(name, "ACTIVE", List.of(), JsonArray.EMPTY, Map.of(), List.of(), List.of(),
                List.of());
    }

    /** The service of that name unless ECS reports it INACTIVE (deleted). */
    public Optional<JsonObject> service(String serviceName) {
        JsonObject service = services.get(serviceName);
        return service == null || "INACTIVE".equals(JsonTrees.string(service, "status")) ? Optional.empty()
                : Optional.of(service);
    }
}
