package io.stowage.model.placement;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.PlacementStrategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which tasks a service stops first when its desired count drops (ecs-semantics §5.2; Amazon ECS Developer
 * Guide, task-placement-strategies.html): under {@code binpack} the task on the instance that would have the
 * most of the resource left afterwards; under {@code spread} one from the value (e.g. availability zone) with the
 * most of the service's tasks, keeping the balance, and within it at random (seeded); {@code random} at random.
 * The strategies apply in order, as for placement; a service without strategies uses the service default
 * (spread over availability zones, then instances). Fargate tasks spread over their zones.
 */
public final class ScaleIn {
    private ScaleIn() {
    }

    /**
     * The tasks to stop, first first, to bring the service from the tasks placed in {@code result} down to
     * {@code desiredCount}. Empty when nothing needs stopping or the service is not in the design.
     */
    public static List<Placement> order(Design design, PlacementResult result, String clusterId, String serviceId,
                                        int desiredCount, long seed) {
        Cluster cluster = design.cluster(clusterId).orElse(null);
        Service service = cluster == null ? null : cluster.service(serviceId).orElse(null);
        if (service == null) {
            return List.of();
        }
        List<Placement> running = new ArrayList<>(result.placementsOf(clusterId, TaskRef.Kind.SERVICE, serviceId));
        TaskRequirements needs = design.taskDefinition(service.taskDefinitionFamily()).map(TaskRequirements::of)
                .orElse(null);
        Map<String, int[]> remaining = new HashMap<>(); // instance -> {cpu, memory} left
        Map<String, String> zones = new HashMap<>();
        for (InstanceUsage usage : result.instances()) {
            if (usage.clusterId().equals(clusterId)) {
                remaining.put(usage.instanceId(), new int[]{usage.remainingCpu(), usage.remainingMemoryMiB()});
                zones.put(usage.instanceId(), usage.availabilityZone());
            }
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        cluster.instances().forEach(i -> attributes.put(i.id(), InstanceAttributes.of(i).asMap()));
        List<PlacementStrategy> strategies = service.spec().placementStrategy();
        if (strategies.isEmpty()) {
            strategies = List.of(
                    PlacementStrategy.EMPTY.withType("spread").withField("attribute:" + InstanceAttributes.AVAILABILITY_ZONE),
                    PlacementStrategy.EMPTY.withType("spread").withField("instanceId"));
        }
        Random random = new Random(seed);
        List<Placement> out = new ArrayList<>();
        while (running.size() > Math.max(0, desiredCount)) {
            List<Placement> candidates = new ArrayList<>(running);
            boolean picked = false;
            for (PlacementStrategy strategy : strategies) {
                if (candidates.size() <= 1) {
                    break;
                }
                String type = strategy.type() == null ? "" : strategy.type();
                String field = strategy.field() == null ? "" : strategy.field();
                if (type.equals("random")) {
                    candidates = List.of(candidates.get(random.nextInt(candidates.size())));
                    picked = true;
                    break;
                }
                Map<Placement, Long> score = new HashMap<>();
                if (type.equals("binpack")) {
                    int which = field.equalsIgnoreCase("cpu") ? 0 : 1;
                    int freed = needs == null ? 0 : (which == 0 ? needs.cpu() : needs.memoryMiB());
                    for (Placement p : candidates) {
                        int[] left = p.instanceId() == null ? null : remaining.get(p.instanceId());
                        score.put(p, left == null ? 0L : (long) left[which] + freed);
                    }
                } else if (type.equals("spread")) {
                    Map<String, Long> perValue = new HashMap<>();
                    for (Placement p : running) {
                        perValue.merge(valueOf(p, field, attributes), 1L, Long::sum);
                    }
                    for (Placement p : candidates) {
                        score.put(p, perValue.get(valueOf(p, field, attributes)));
                    }
                } else {
                    continue;
                }
                long best = score.values().stream().mapToLong(Long::longValue).max().orElse(0);
                candidates = candidates.stream().filter(p -> score.get(p) == best).toList();
            }
            Placement victim = picked || candidates.size() == 1 ? candidates.get(0)
                    : candidates.get(random.nextInt(candidates.size()));
            running.remove(victim);
            out.add(victim);
            int[] left = victim.instanceId() == null ? null : remaining.get(victim.instanceId());
            if (left != null && needs != null) {
                left[0] += needs.cpu();
                left[1] += needs.memoryMiB();
            }
        }
        return out;
    }

    private static String valueOf(Placement p, String field, Map<String, Map<String, String>> attributes) {
        if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
            return p.instanceId() == null ? "fargate:" + p.availabilityZone() : p.instanceId();
        }
        if (field.startsWith("attribute:")) {
            String name = field.substring("attribute:".length());
            if (p.instanceId() == null) {
                return name.equals(InstanceAttributes.AVAILABILITY_ZONE) ? String.valueOf(p.availabilityZone()) : "";
            }
            Map<String, String> attrs = attributes.getOrDefault(p.instanceId(), Map.of());
            return String.valueOf(attrs.get(name));
        }
        return "";
    }
}
