package io.stowage.model.placement;

/**
 * A task placed.
 *
 * @param task             which task
 * @param group            its task group, e.g. {@code service:web} or {@code family:api}
 * @param instanceId       the container instance, or null on Fargate
 * @param availabilityZone the instance's zone, or the Fargate zone (null when the Fargate capacity lists none)
 */
public record Placement(TaskRef task, String group, String instanceId, String availabilityZone) {
    public boolean fargate() {
        return instanceId == null;
    }
}
