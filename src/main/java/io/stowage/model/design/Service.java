package io.stowage.model.design;

import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.json.JsonObject;

import java.util.Objects;

/**
 * A service of a cluster: the CreateService input, kept verbatim so that every member survives and deploying
 * sends exactly what the design shows, plus the design's id for it.
 *
 * @param id     the design's id, unique within its cluster; the element id is {@code cluster:<c>/service:<id>}
 * @param spec   the CreateService input (serviceName, taskDefinition, desiredCount, launchType, ...)
 * @param extras members of the file's service entry this build does not know, kept for writing back
 */
public record Service(String id, ServiceSpec spec, JsonObject extras) implements Workload {
    public static final String REPLICA = "REPLICA";
    public static final String DAEMON = "DAEMON";

    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    /** A service whose id is its service name. */
    public static Service of(ServiceSpec spec) {
        return new Service(Objects.requireNonNull(spec.serviceName(), "serviceName"), spec, JsonObject.EMPTY);
    }

    public String serviceName() {
        return spec.serviceName();
    }

    /** The task definition it runs, or null when the spec names none. */
    public TaskDefinitionRef taskDefinition() {
        return TaskDefinitionRef.parse(spec.taskDefinition());
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE;
    }

    @Override
    public boolean statesLaunchType() {
        return spec.launchType() != null;
    }

    @Override
    public boolean usesCapacityProviders() {
        return !spec.capacityProviderStrategy().isEmpty();
    }

    @Override
    public io.stowage.model.ecs.NetworkConfiguration networkConfiguration() {
        return spec.networkConfiguration();
    }

    @Override
    public boolean statesPlacement() {
        return !spec.placementStrategy().isEmpty() || !spec.placementConstraints().isEmpty();
    }

    @Override
    public int tasksWanted(Cluster cluster) {
        return isDaemon() ? cluster.instances().size()
                : spec.desiredCount() == null ? 0 : Math.max(0, spec.desiredCount());
    }

    @Override
    public String label() {
        return "service " + (serviceName() == null ? id : serviceName());
    }

    @Override
    public String inputPath(int clusterIndex, int index) {
        return "clusters[" + clusterIndex + "].services[" + index + "].service";
    }

    /**
     * The desired count, or null when absent. The API Reference (CreateService.desiredCount) requires it for
     * REPLICA services and not for DAEMON services, which run one task per instance.
     */
    public Integer desiredCount() {
        return spec.desiredCount();
    }

    /** EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES; see {@link LaunchTypes#effective}. */
    public String launchType() {
        return LaunchTypes.effective(spec.launchType(), spec.capacityProviderStrategy());
    }

    /** Whether the scheduling strategy is DAEMON (one task per instance); REPLICA is the default. */
    public boolean isDaemon() {
        return DAEMON.equals(spec.schedulingStrategy());
    }

    public Service withId(String value) {
        return new Service(value, spec, extras);
    }

    public Service withSpec(ServiceSpec value) {
        return new Service(id, value, extras);
    }

    public Service withExtras(JsonObject value) {
        return new Service(id, spec, value);
    }
}
