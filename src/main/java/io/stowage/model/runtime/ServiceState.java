package io.stowage.model.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What is known of a service (API Reference, Service): its counts and its latest events, newest first.
 *
 * @param cluster           the cluster name
 * @param serviceName       the service name
 * @param status            ACTIVE, DRAINING or INACTIVE
 * @param desiredCount      tasks it should run
 * @param runningCount      tasks RUNNING
 * @param pendingCount      tasks PENDING
 * @param taskDefinitionArn the task definition of its primary deployment
 * @param events            its latest events, newest first
 * @param deployments       its deployments, the PRIMARY one first (empty when the engine has none to report)
 */
public record ServiceState(String cluster, String serviceName, String status, int desiredCount, int runningCount,
                           int pendingCount, String taskDefinitionArn, List<ServiceEvent> events,
                           List<ServiceDeployment> deployments) {
    public ServiceState {
        Objects.requireNonNull(serviceName, "serviceName");
        events = events == null ? List.of() : List.copyOf(events);
        deployments = deployments == null ? List.of() : List.copyOf(deployments);
    }

    /** A service whose engine reports no deployments (the local runner). */
    public ServiceState(String cluster, String serviceName, String status, int desiredCount, int runningCount,
                        int pendingCount, String taskDefinitionArn, List<ServiceEvent> events) {
        this(cluster, serviceName, status, desiredCount, runningCount, pendingCount, taskDefinitionArn, events,
                List.of());
    }

    /** The key it is kept under in a {@link RuntimeSnapshot}: cluster and service. */
    public String key() {
        return cluster + "/" + serviceName;
    }
}
