package io.stowage.model.deploy;

import io.stowage.model.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running cluster as ECS describes it, in the API's JSON shapes, for building a design from it.
 *
 * @param clusterName        the cluster's name
 * @param services           its ACTIVE services (DescribeServices {@code services[]})
 * @param latestRevisions    the latest ACTIVE revision of each family its services and tasks run, by family
 *                           (DescribeTaskDefinition {@code taskDefinition})
 * @param containerInstances its container instances (DescribeContainerInstances {@code containerInstances[]})
 * @param tasks              its running tasks (DescribeTasks {@code tasks[]})
 * @param launchedInstances  EC2 instances a deploy launched for it (tagged {@code stowage:cluster}), pending or
 *                           running, whose agent has not registered them yet (DescribeInstances {@code Instance})
 */
public record ImportSource(String clusterName, List<JsonObject> services, Map<String, JsonObject> latestRevisions,
                           List<JsonObject> containerInstances, List<JsonObject> tasks,
                           List<JsonObject> launchedInstances) {
    public ImportSource(String clusterName, List<JsonObject> services, Map<String, JsonObject> latestRevisions,
                        List<JsonObject> containerInstances, List<JsonObject> tasks) {
        this(clusterName, services, latestRevisions, containerInstances, tasks, List.of());
    }

    public ImportSource {
        launchedInstances = List.copyOf(launchedInstances);
        Objects.requireNonNull(clusterName, "clusterName");
        services = List.copyOf(services);
        latestRevisions = Collections.unmodifiableMap(new LinkedHashMap<>(latestRevisions));
        containerInstances = List.copyOf(containerInstances);
        tasks = List.copyOf(tasks);
    }
}
