package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.sim.RolloutForecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before a deploy: each service update the plan makes that starts a new deployment (a new task definition
 * revision, network, placement, load balancers...) is played on the simulation ({@link RolloutForecast}), from the
 * revision ECS runs now to the one the design asks for, with the design's deployment configuration, so that the
 * plan can warn when the rolling update would stall (with ECS's placement sentence) or trip the circuit breaker.
 * A warning does not block: ECS would accept the update, and the capacity may not be all the design shows.
 */
public final class RolloutCheck {
    /**
     * UpdateService members whose change alone starts no new deployment (UpdateService: the desired count, the
     * deployment configuration and the tag settings apply to the service as it is).
     */
    private static final Set<String> NO_NEW_DEPLOYMENT = Set.of("cluster", "service", "desiredCount",
            "deploymentConfiguration", "healthCheckGracePeriodSeconds", "enableECSManagedTags", "propagateTags",
            "enableExecuteCommand", "availabilityZoneRebalancing");
    /** The simulation's seed: the same plan always gives the same warnings. */
    private static final long SEED = 0;

    private RolloutCheck() {
    }

    /** Whether applying the change starts a new deployment of the service (a rolling update). */
    static boolean startsDeployment(PlannedChange change) {
        if (change.kind() != ChangeKind.UPDATE_SERVICE || change.action() != PlannedChange.Action.UPDATE
                || change.request() == null) {
            return false;
        }
        return change.request().keys().stream().anyMatch(k -> !NO_NEW_DEPLOYMENT.contains(k));
    }

    /**
     * The warnings for the plan's rolling updates, one line each ({@link RolloutForecast#warning}), none when every
     * update would complete.
     */
    static List<String> warnings(Design design, ObservedState observed, List<PlannedChange> changes) {
        Map<String, TaskDefinition> updates = new LinkedHashMap<>();
        Design running = design;
        for (Cluster cluster : design.clusters()) {
            for (Service service : cluster.services()) {
                String subject = "service " + cluster.name() + "/" + service.serviceName();
                boolean updated = changes.stream().anyMatch(c -> c.subject().equals(subject) && startsDeployment(c));
                String family = service.taskDefinitionFamily();
                Optional<TaskDefinition> designed = family == null ? Optional.empty() : design.taskDefinition(family);
                if (!updated || designed.isEmpty()) {
                    continue;
                }
                updates.put(service.id(), designed.get());
                // What runs now is ECS's latest revision of the family; the update moves to the design's.
                Optional<ObservedRevision> now = observed.latest(family);
                if (now.isPresent()) {
                    running = running.withTaskDefinition(new TaskDefinition(now.get().content()));
                }
            }
        }
        if (updates.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            for (RolloutForecast forecast : RolloutForecast.of(running, updates, Map.of(), SEED)) {
                if (forecast.warns()) {
                    out.add(forecast.warning());
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.add("the rolling update" + (updates.size() == 1 ? "" : "s") + " could not be simulated before"
                    + " deploying: " + e.getMessage());
        }
        return out;
    }
}
