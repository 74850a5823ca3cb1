package io.stowage.model.sim;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rolling update of services would do, found by simulating it before anything is deployed: for each
 * updated service whether its deployment completes, stalls (and why, in ECS's words) or trips the circuit
 * breaker. The design runs until it settles, then every update starts at once, as a deploy starts them, and
 * the clock plays on for {@link #HORIZON}. This is what {@code deploy} and the desktop's plan can warn with.
 *
 * @param serviceId   the design's service id
 * @param serviceName its service name
 * @param outcome     what became of the deployment
 * @param took        from the update to its completion or failure; null when it stalled
 * @param reason      why it stalled or failed, ECS's sentence where there is one; null when it completed
 */
public record RolloutForecast(String serviceId, String serviceName, Outcome outcome, Duration took, String reason) {
    /** How long a deployment may take before the forecast calls it stalled. */
    public static final Duration HORIZON = Duration.ofMinutes(30);
    /** How long the design runs before the updates start. */
    public static final Duration SETTLE = Duration.ofMinutes(5);

    public enum Outcome { COMPLETED, STALLED, FAILED, ROLLED_BACK }

    public boolean warns() {
        return outcome != Outcome.COMPLETED;
    }

    /** The one-line warning {@code deploy} prints, or null when it completed. */
    public String warning() {
        return switch (outcome) {
            case COMPLETED -> null;
            case STALLED -> "service " + serviceName + ": the rolling update would stall: " + reason;
            case FAILED -> "service " + serviceName + ": the deployment circuit breaker would fail the update: " + reason;
            case ROLLED_BACK -> "service " + serviceName + ": the deployment circuit breaker would fail the update and "
                    + "roll back: " + reason;
        };
    }

    /** Every service of the design updated to its own task definition as a new revision. */
    public static List<RolloutForecast> of(Design design, long seed) {
        Map<String, TaskDefinition> updates = new LinkedHashMap<>();
        for (Cluster c : design.clusters()) {
            for (Service s : c.services()) {
                design.taskDefinition(s.taskDefinitionFamily()).ifPresent(td -> updates.put(s.id(), td));
            }
        }
        return of(design, updates, Map.of(), seed);
    }

    /**
     * @param updates    per service id, the task definition its update registers as the next revision
     * @param behaviours per service id and container, what the new revision's containers do (the running
     *                   revision does what {@link ContainerBehaviour#DEFAULT} says)
     */
    public static List<RolloutForecast> of(Design design, Map<String, TaskDefinition> updates,
                                           Map<String, Map<String, ContainerBehaviour>> behaviours, long seed) {
        ClusterSimulation sim = new ClusterSimulation(design, seed);
        sim.runUntil(SETTLE);
        Duration start = sim.elapsed();
        int before = sim.events().size();
        for (Map.Entry<String, TaskDefinition> u : updates.entrySet()) {
            sim.deploy(u.getKey(), u.getValue(), behaviours.getOrDefault(u.getKey(), Map.of()));
        }
        Map<String, Duration> ended = new LinkedHashMap<>();
        sim.addListener(e -> {
            for (String id : updates.keySet()) {
                String name = sim.serviceState(id).serviceName();
                if (!ended.containsKey(id) && e.source().equals("service " + name)
                        && (e.message().endsWith("deployment completed.")
                        || e.message().endsWith("deployment failed: tasks failed to start."))) {
                    ended.put(id, e.at().minus(start));
                }
            }
        });
        sim.runUntil(start.plus(HORIZON));
        List<RolloutForecast> out = new ArrayList<>();
        for (String id : updates.keySet()) {
            ServiceState state = sim.serviceState(id);
            String name = state.serviceName();
            List<SimulationEvent> said = sim.events().subList(before, sim.events().size()).stream()
                    .filter(e -> e.source().equals("service " + name)).toList();
            boolean failed = said.stream().anyMatch(e -> e.message().endsWith("deployment failed: tasks failed to start."));
            boolean rolledBack = said.stream().anyMatch(e -> e.message().contains("rolling back to deployment"));
            if (failed) {
                out.add(new RolloutForecast(id, name, rolledBack ? Outcome.ROLLED_BACK : Outcome.FAILED, ended.get(id),
                        failureReason(said)));
            } else if (completedLast(state)) {
                out.add(new RolloutForecast(id, name, Outcome.COMPLETED, ended.get(id), null));
            } else {
                out.add(new RolloutForecast(id, name, Outcome.STALLED, null, stallReason(state, said)));
            }
        }
        return out;
    }

    private static boolean completedLast(ServiceState state) {
        return state.deployments().size() == 1 && "COMPLETED".equals(state.deployments().get(0).rolloutState());
    }

    private static String failureReason(List<SimulationEvent> said) {
        for (SimulationEvent e : said) {
            if (e.message().contains("is unable to consistently start tasks")) {
                return e.message();
            }
        }
        return "its new tasks stopped before they were healthy, as many times as the circuit breaker's threshold";
    }

    private static String stallReason(ServiceState state, List<SimulationEvent> said) {
        for (int i = said.size() - 1; i >= 0; i--) {
            String m = said.get(i).message();
            if (m.contains("was unable to place a task")) {
                return m;
            }
        }
        ServiceDeployment primary = state.deployments().isEmpty() ? null : state.deployments().get(0);
        return "after " + HORIZON.toMinutes() + " minutes its new deployment runs "
                + (primary == null ? 0 : primary.runningCount()) + " of " + state.desiredCount()
                + " tasks; minimumHealthyPercent and maximumPercent leave no room to replace the others";
    }
}
