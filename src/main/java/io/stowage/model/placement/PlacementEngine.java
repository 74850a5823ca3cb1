package io.stowage.model.placement;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.HostPort;
import io.stowage.model.design.LaunchTypes;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.PlacementConstraint;
import io.stowage.model.ecs.PlacementStrategy;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The ECS scheduler, simulated on a design's container instances (ecs-semantics §5). Pure and deterministic:
 * the same design and seed give the same placement; the seed drives {@code random} strategies only.
 *
 * <p>Per cluster it places the daemon services (one task per instance that is connected, has the attributes and
 * meets the constraints), then the replica services ({@code desiredCount} tasks), then the standalone tasks
 * ({@code count}), each in design order. For each task every instance goes through the pipeline: agent connected,
 * CPU, memory, static host ports (the agent's reserved ports and those of tasks already placed), required
 * attributes, constraints ({@code memberOf} of the task definition and the request, {@code distinctInstance});
 * then the strategies, in order, narrow the instances that passed: {@code binpack} keeps those with the least of
 * the resource left, {@code spread} those whose value of the field has the fewest tasks of the group,
 * {@code random} picks one with the seeded generator. Of those left the first in design order wins. With no
 * strategy a service spreads over {@code attribute:ecs.availability-zone} then {@code instanceId}; RunTask is
 * random. Each placement reserves its resources, so later tasks see them.
 *
 * <p>Fargate tasks (effective launch type FARGATE) use no instance: they spread over the availability zones of
 * the cluster's Fargate capacity, the zone with the fewest tasks of the group first.
 */
public final class PlacementEngine {
    private static final byte[] NO_STEPS = new byte[0];
    private static final String MISSING_VALUE = "\u0000";

    private final Design design;
    private final Random random;
    private final Map<String, TaskRequirements> requirements = new HashMap<>();
    private final List<Placement> placements = new ArrayList<>();
    private final List<PlacementFailure> failures = new ArrayList<>();
    private final List<InstanceUsage> usages = new ArrayList<>();
    private final Map<TaskRef, Explanation> explanations = new LinkedHashMap<>();

    private PlacementEngine(Design design, long seed) {
        this.design = design;
        this.random = new Random(seed);
    }

    /** Places every service and standalone task of the design. */
    public static PlacementResult place(Design design, long seed) {
        PlacementEngine engine = new PlacementEngine(design, seed);
        for (Cluster cluster : design.clusters()) {
            engine.placeCluster(cluster);
        }
        return new PlacementResult(engine.placements, engine.failures, engine.usages, engine.explanations);
    }

    // ------------------------------------------------------------------ state

    private static final class Node implements QueryContext {
        final int index;
        final ContainerInstance instance;
        final InstanceAttributes attributes;
        final String registeredAt;
        int cpu;
        int memory;
        final Set<Integer> tcp = new HashSet<>();
        final Set<Integer> udp = new HashSet<>();
        final Map<String, Integer> groups = new LinkedHashMap<>();
        final List<TaskRef> tasks = new ArrayList<>();
        final List<HostPort> taskPorts = new ArrayList<>();

        Node(int index, ContainerInstance instance) {
            this.index = index;
            this.instance = instance;
            this.attributes = InstanceAttributes.of(instance);
            Json at = instance.extras().get("registeredAt");
            this.registeredAt = at instanceof JsonString s ? s.value() : null;
            tcp.addAll(instance.reservedPorts());
            udp.addAll(instance.reservedUdpPorts());
        }

        public boolean hasAttribute(String name) {
            return attributes.has(name);
        }

        public String attribute(String name) {
            return attributes.value(name);
        }

        public boolean agentConnected() {
            return instance.agentConnected();
        }

        public String agentVersion() {
            return instance.agentVersion();
        }

        public String ec2InstanceId() {
            return instance.id();
        }

        public String registeredAt() {
            return registeredAt;
        }

        public int runningTasksCount() {
            return tasks.size();
        }

        public Set<String> taskGroups() {
            return groups.keySet();
        }
    }

    /** Tasks of one group: per instance, and per value of each attribute a spread has asked about. */
    private static final class Group {
        final int[] perInstance;
        final Map<String, Map<String, Integer>> perValue = new HashMap<>();
        final Map<String, Integer> perFargateZone = new HashMap<>();

        Group(int instances) {
            perInstance = new int[instances];
        }
    }

    /** What one service or standalone task asks of the scheduler. */
    private record Request(TaskRef.Kind kind, String source, String eventSubject, String group,
                           TaskRequirements requirements, List<ClusterQuery> constraints, boolean distinctInstance,
                           List<PlacementStrategy> strategies) {
    }

    private List<Node> nodes;
    private List<String> instanceIds;
    private Map<String, Group> groups;
    private Map<String, String[]> attributeColumns;
    private Cluster cluster;

    private void placeCluster(Cluster c) {
        initCluster(c);
        List<Service> ordered = new ArrayList<>();
        c.services().stream().filter(Service::isDaemon).forEach(ordered::add);
        c.services().stream().filter(s -> !s.isDaemon()).forEach(ordered::add);
        for (Service service : ordered) {
            placeService(service);
        }
        for (StandaloneTask task : c.tasks()) {
            placeStandalone(task);
        }
        finishCluster(c);
    }

    private void initCluster(Cluster c) {
        cluster = c;
        nodes = new ArrayList<>();
        for (ContainerInstance instance : c.instances()) {
            nodes.add(new Node(nodes.size(), instance));
        }
        instanceIds = nodes.stream().map(n -> n.instance.id()).toList();
        groups = new HashMap<>();
        attributeColumns = new HashMap<>();
    }

    private void finishCluster(Cluster c) {
        for (Node node : nodes) {
            List<HostPort> ports = new ArrayList<>();
            node.instance.reservedPorts().forEach(p -> ports.add(new HostPort("tcp", p)));
            node.instance.reservedUdpPorts().forEach(p -> ports.add(new HostPort("udp", p)));
            ports.addAll(node.taskPorts);
            List<HostPort> sorted = ports.stream().distinct().sorted(Comparator.comparing(HostPort::protocol)
                    .thenComparingInt(HostPort::port)).toList();
            usages.add(new InstanceUsage(c.id(), node.instance.id(), node.instance.availabilityZone(),
                    node.instance.registeredCpu(), node.cpu, node.instance.registeredMemoryMiB(), node.memory,
                    sorted, node.tasks));
        }
    }

    /**
     * Places {@code count} more tasks of one service or standalone task of a running cluster, on top of the tasks
     * that run there now: {@code live} are placements made earlier, whose resources, static host ports and group
     * counts are held before the new tasks are placed. The new tasks are numbered from {@code firstNumber}. The
     * result holds the new placements and failures, and every instance's usage including the live tasks. This is
     * what replacing a stopped service task, scaling up, or running a task again takes.
     */
    public static PlacementResult placeMore(Design design, long seed, String clusterId, List<Placement> live,
                                            TaskRef.Kind kind, String source, int count, int firstNumber) {
        return placeMore(design, seed, clusterId, live, ref -> null, kind, source, count, firstNumber);
    }

    /**
     * As {@link #placeMore(Design, long, String, List, TaskRef.Kind, String, int, int)}, where a live task may run
     * another revision than the design's task definition of its family (a rolling deployment replaces one with
     * the other): {@code liveDefinitions} gives the task definition a live task holds resources and ports for, or
     * null for the design's.
     */
    public static PlacementResult placeMore(Design design, long seed, String clusterId, List<Placement> live,
                                            java.util.function.Function<TaskRef, TaskDefinition> liveDefinitions,
                                            TaskRef.Kind kind, String source, int count, int firstNumber) {
        PlacementEngine engine = new PlacementEngine(design, seed);
        engine.liveDefinitions = liveDefinitions;
        Cluster c = design.cluster(clusterId).orElseThrow(() ->
                new IllegalArgumentException("no cluster " + clusterId + " in the design"));
        engine.initCluster(c);
        for (Placement p : live) {
            engine.hold(c, p);
        }
        engine.numberOffset = firstNumber - 1;
        engine.countOverride = count;
        if (kind == TaskRef.Kind.SERVICE) {
            c.service(source).ifPresent(engine::placeService);
        } else {
            c.task(source).ifPresent(engine::placeStandalone);
        }
        engine.finishCluster(c);
        return new PlacementResult(engine.placements, engine.failures, engine.usages, engine.explanations);
    }

    private int numberOffset;
    private Integer countOverride;
    private java.util.function.Function<TaskRef, TaskDefinition> liveDefinitions = ref -> null;
    private final Map<TaskDefinition, TaskRequirements> liveRequirements = new java.util.IdentityHashMap<>();

    private void hold(Cluster c, Placement p) {
        String family = p.task().kind() == TaskRef.Kind.SERVICE
                ? c.service(p.task().source()).map(Service::taskDefinitionFamily).orElse(null)
                : c.task(p.task().source()).map(StandaloneTask::taskDefinitionFamily).orElse(null);
        Group g = groups.computeIfAbsent(p.group(), x -> new Group(nodes.size()));
        if (p.fargate()) {
            if (p.availabilityZone() != null) {
                g.perFargateZone.merge(p.availabilityZone(), 1, Integer::sum);
            }
            return;
        }
        TaskDefinition own = liveDefinitions.apply(p.task());
        TaskDefinition td = own != null ? own : family == null ? null : design.taskDefinition(family).orElse(null);
        Node node = nodes.stream().filter(n -> n.instance.id().equals(p.instanceId())).findFirst().orElse(null);
        if (td == null || node == null) {
            return;
        }
        TaskRequirements needs = own != null ? liveRequirements.computeIfAbsent(own, TaskRequirements::of)
                : requirements.computeIfAbsent(family, f -> TaskRequirements.of(td));
        node.cpu += needs.cpu();
        node.memory += needs.memoryMiB();
        for (HostPort port : needs.hostPorts()) {
            ("udp".equals(port.protocol()) ? node.udp : node.tcp).add(port.port());
            node.taskPorts.add(port);
        }
        node.groups.merge(p.group(), 1, Integer::sum);
        node.tasks.add(p.task());
        g.perInstance[node.index]++;
    }

    private void placeService(Service service) {
        String name = service.serviceName() == null ? service.id() : service.serviceName();
        String subject = "service " + name;
        boolean daemon = service.isDaemon();
        int count = countOverride != null ? countOverride
                : daemon ? nodes.size() : (service.desiredCount() == null ? 0 : service.desiredCount());
        List<PlacementStrategy> strategies = service.spec().placementStrategy();
        if (strategies.isEmpty()) {
            strategies = List.of(strategy("spread", "attribute:" + InstanceAttributes.AVAILABILITY_ZONE),
                    strategy("spread", "instanceId"));
        }
        place(TaskRef.Kind.SERVICE, service.id(), subject, "service:" + name, service.taskDefinitionFamily(),
                service.launchType(), service.spec().placementConstraints(), strategies, count, daemon);
    }

    private void placeStandalone(StandaloneTask task) {
        String family = task.taskDefinitionFamily();
        String group = task.run().group() != null && !task.run().group().isBlank() ? task.run().group()
                : "family:" + family;
        List<PlacementStrategy> strategies = task.run().placementStrategy();
        if (strategies.isEmpty()) {
            strategies = List.of(strategy("random", null));
        }
        place(TaskRef.Kind.TASK, task.id(), "task " + task.id(), group, family, task.launchType(),
                task.run().placementConstraints(), strategies, countOverride != null ? countOverride : task.count(), false);
    }

    private static PlacementStrategy strategy(String type, String field) {
        PlacementStrategy s = PlacementStrategy.EMPTY.withType(type);
        return field == null ? s : s.withField(field);
    }

    private void place(TaskRef.Kind kind, String source, String subject, String group, String family,
                       String launchType, List<PlacementConstraint> requestConstraints,
                       List<PlacementStrategy> strategies, int count, boolean daemon) {
        TaskDefinition td = design.taskDefinition(family).orElse(null);
        if (td == null) {
            for (int n = 1; n <= count; n++) {
                fail(new TaskRef(cluster.id(), kind, source, n + numberOffset), PlacementFailure.MISSING, null, subject
                        + " was unable to place a task because its task definition "
                        + (family == null ? "is not named" : family + " is not in the design") + ".");
            }
            return;
        }
        if (LaunchTypes.FARGATE.equals(launchType)) {
            placeFargate(kind, source, group, daemon ? 0 : count);
            return;
        }
        TaskRequirements needs = requirements.computeIfAbsent(family, f -> TaskRequirements.of(td));
        List<ClusterQuery> constraints = new ArrayList<>();
        boolean distinct = false;
        List<String> expressions = new ArrayList<>(needs.constraints());
        for (PlacementConstraint constraint : requestConstraints) {
            if ("distinctInstance".equals(constraint.type())) {
                distinct = true;
            } else if ("memberOf".equals(constraint.type()) && constraint.expression() != null) {
                expressions.add(constraint.expression());
            }
        }
        for (String expression : expressions) {
            try {
                constraints.add(ClusterQuery.parse(expression));
            } catch (ClusterQueryException e) {
                for (int n = 1; n <= count; n++) {
                    fail(new TaskRef(cluster.id(), kind, source, n + numberOffset), PlacementFailure.INVALID_PARAMETER, null,
                            subject + " has a placement constraint ECS rejects: " + e.getMessage());
                }
                return;
            }
        }
        Request request = new Request(kind, source, subject, group, needs, constraints, distinct, strategies);
        Group g = groups.computeIfAbsent(group, x -> new Group(nodes.size()));
        // The attribute check and constraints that do not depend on tasks hold for the whole request.
        boolean[] attributesOk = new boolean[nodes.size()];
        boolean[] staticOk = new boolean[nodes.size()];
        List<ClusterQuery> dynamic = constraints.stream().filter(ClusterQuery::dependsOnTasks).toList();
        List<ClusterQuery> fixed = constraints.stream().filter(q -> !q.dependsOnTasks()).toList();
        for (Node node : nodes) {
            boolean ok = true;
            for (RequiredAttribute required : needs.requiredAttributes()) {
                if (!required.satisfiedBy(node.attributes)) {
                    ok = false;
                    break;
                }
            }
            attributesOk[node.index] = ok;
            boolean fixedOk = true;
            for (ClusterQuery q : fixed) {
                if (!q.test(node)) {
                    fixedOk = false;
                    break;
                }
            }
            staticOk[node.index] = fixedOk;
        }
        if (daemon) {
            placeDaemon(request, g, attributesOk, staticOk, dynamic);
            return;
        }
        if (nodes.isEmpty()) {
            for (int n = 1; n <= count; n++) {
                fail(new TaskRef(cluster.id(), kind, source, n + numberOffset), PlacementFailure.MISSING, null, subject
                        + " was unable to place a task because no container instance met all of its requirements."
                        + " Reason: No Container Instances were found in your cluster.");
            }
            return;
        }
        int[] candidates = new int[nodes.size()];
        for (int n = 1; n <= count; n++) {
            TaskRef ref = new TaskRef(cluster.id(), kind, source, n + numberOffset);
            byte[] steps = new byte[nodes.size()];
            int size = 0;
            int closest = -1;
            int closestStep = -1;
            for (Node node : nodes) {
                Step step = check(node, request, g, attributesOk, staticOk, dynamic);
                steps[node.index] = (byte) step.ordinal();
                if (step == Step.STRATEGY) {
                    candidates[size++] = node.index;
                } else if (step.ordinal() > closestStep) {
                    closestStep = step.ordinal();
                    closest = node.index;
                }
            }
            if (size == 0) {
                explanations.put(ref, new Explanation(ref, instanceIds, steps));
                failFor(ref, request, nodes.get(closest), Step.values()[closestStep]);
                continue;
            }
            int chosen = choose(candidates, size, request, g);
            steps[chosen] = (byte) Step.SELECTED.ordinal();
            explanations.put(ref, new Explanation(ref, instanceIds, steps));
            assign(ref, request, g, nodes.get(chosen));
        }
    }

    private void placeDaemon(Request request, Group g, boolean[] attributesOk, boolean[] staticOk,
                             List<ClusterQuery> dynamic) {
        int n = 0;
        for (Node node : nodes) {
            Step step = check(node, request, g, attributesOk, staticOk, dynamic);
            if (step == Step.AGENT || step == Step.ATTRIBUTE || step == Step.CONSTRAINT) {
                continue; // a daemon runs only on the instances that meet its constraints
            }
            TaskRef ref = new TaskRef(cluster.id(), request.kind(), request.source(), ++n + numberOffset);
            if (step == Step.STRATEGY) {
                explanations.put(ref, new Explanation(ref, List.of(node.instance.id()),
                        new byte[]{(byte) Step.SELECTED.ordinal()}));
                assign(ref, request, g, node);
            } else {
                explanations.put(ref, new Explanation(ref, List.of(node.instance.id()),
                        new byte[]{(byte) step.ordinal()}));
                failFor(ref, request, node, step);
            }
        }
    }

    /** The first step the node fails, or {@link Step#STRATEGY} when it passes every filter. */
    private Step check(Node node, Request request, Group g, boolean[] attributesOk, boolean[] staticOk,
                       List<ClusterQuery> dynamic) {
        TaskRequirements needs = request.requirements();
        if (!node.instance.agentConnected()) {
            return Step.AGENT;
        }
        if (node.instance.registeredCpu() - node.cpu < needs.cpu()) {
            return Step.CPU;
        }
        if (node.instance.registeredMemoryMiB() - node.memory < needs.memoryMiB()) {
            return Step.MEMORY;
        }
        for (HostPort port : needs.hostPorts()) {
            if (("udp".equals(port.protocol()) ? node.udp : node.tcp).contains(port.port())) {
                return Step.PORTS;
            }
        }
        if (!attributesOk[node.index]) {
            return Step.ATTRIBUTE;
        }
        if (!staticOk[node.index]) {
            return Step.CONSTRAINT;
        }
        if (request.distinctInstance() && g.perInstance[node.index] > 0) {
            return Step.CONSTRAINT;
        }
        for (ClusterQuery q : dynamic) {
            if (!q.test(node)) {
                return Step.CONSTRAINT;
            }
        }
        return Step.STRATEGY;
    }

    private int choose(int[] candidates, int size, Request request, Group g) {
        int[] current = candidates;
        int n = size;
        for (PlacementStrategy strategy : request.strategies()) {
            if (n <= 1) {
                break;
            }
            String type = strategy.type() == null ? "" : strategy.type();
            String field = strategy.field() == null ? "" : strategy.field();
            if (type.equals("random")) {
                return current[random.nextInt(n)];
            }
            long[] score = new long[n];
            if (type.equals("binpack")) {
                boolean cpu = field.equalsIgnoreCase("cpu");
                for (int i = 0; i < n; i++) {
                    Node node = nodes.get(current[i]);
                    score[i] = cpu ? node.instance.registeredCpu() - node.cpu
                            : node.instance.registeredMemoryMiB() - node.memory;
                }
            } else if (type.equals("spread")) {
                if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
                    for (int i = 0; i < n; i++) {
                        score[i] = g.perInstance[current[i]];
                    }
                } else if (field.startsWith("attribute:")) {
                    String attribute = field.substring("attribute:".length());
                    String[] column = column(attribute);
                    Map<String, Integer> counts = valueCounts(g, attribute, column);
                    for (int i = 0; i < n; i++) {
                        score[i] = counts.getOrDefault(column[current[i]], 0);
                    }
                } else {
                    continue;
                }
            } else {
                continue;
            }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                best = Math.min(best, score[i]);
            }
            int[] next = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (score[i] == best) {
                    next[m++] = current[i];
                }
            }
            current = next;
            n = m;
        }
        return current[0];
    }

    private String[] column(String attribute) {
        return attributeColumns.computeIfAbsent(attribute, a -> {
            String[] values = new String[nodes.size()];
            for (Node node : nodes) {
                String v = node.attributes.value(a);
                values[node.index] = v == null ? MISSING_VALUE : v;
            }
            return values;
        });
    }

    private Map<String, Integer> valueCounts(Group g, String attribute, String[] column) {
        return g.perValue.computeIfAbsent(attribute, a -> {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < column.length; i++) {
                if (g.perInstance[i] > 0) {
                    counts.merge(column[i], g.perInstance[i], Integer::sum);
                }
            }
            return counts;
        });
    }

    private void assign(TaskRef ref, Request request, Group g, Node node) {
        TaskRequirements needs = request.requirements();
        node.cpu += needs.cpu();
        node.memory += needs.memoryMiB();
        for (HostPort port : needs.hostPorts()) {
            ("udp".equals(port.protocol()) ? node.udp : node.tcp).add(port.port());
            node.taskPorts.add(port);
        }
        node.groups.merge(request.group(), 1, Integer::sum);
        node.tasks.add(ref);
        g.perInstance[node.index]++;
        for (Map.Entry<String, Map<String, Integer>> e : g.perValue.entrySet()) {
            e.getValue().merge(column(e.getKey())[node.index], 1, Integer::sum);
        }
        placements.add(new Placement(ref, request.group(), node.instance.id(), node.instance.availabilityZone()));
    }

    private void placeFargate(TaskRef.Kind kind, String source, String group, int count) {
        List<String> zones = cluster.fargateCapacity().map(f -> f.availabilityZones()).orElse(List.of());
        Group g = groups.computeIfAbsent(group, x -> new Group(nodes.size()));
        for (int n = 1; n <= count; n++) {
            String zone = null;
            int best = Integer.MAX_VALUE;
            for (String z : zones) {
                int c = g.perFargateZone.getOrDefault(z, 0);
                if (c < best) {
                    best = c;
                    zone = z;
                }
            }
            if (zone != null) {
                g.perFargateZone.merge(zone, 1, Integer::sum);
            }
            placements.add(new Placement(new TaskRef(cluster.id(), kind, source, n + numberOffset), group, null, zone));
        }
    }

    private void failFor(TaskRef ref, Request request, Node closest, Step step) {
        String id = closest.instance.id();
        String prefix = request.eventSubject() + " was unable to place a task because no container instance met "
                + "all of its requirements. The closest matching container-instance " + id + " ";
        switch (step) {
            case AGENT -> fail(ref, PlacementFailure.AGENT, id, prefix + "encountered error \"AGENT\".");
            case CPU -> fail(ref, PlacementFailure.RESOURCE_CPU, id, prefix + "has insufficient CPU units available.");
            case MEMORY -> fail(ref, PlacementFailure.RESOURCE_MEMORY, id,
                    prefix + "has insufficient memory available.");
            case PORTS -> {
                boolean udp = request.requirements().hostPorts().stream().anyMatch(p -> "udp".equals(p.protocol())
                        && closest.udp.contains(p.port()));
                fail(ref, udp ? PlacementFailure.RESOURCE_PORTS_UDP : PlacementFailure.RESOURCE_PORTS, id,
                        prefix + "is already using a port required by your task.");
            }
            case ATTRIBUTE -> fail(ref, PlacementFailure.ATTRIBUTE, id,
                    prefix + "is missing an attribute required by your task.");
            default -> {
                boolean memberOfHolds = request.constraints().stream().allMatch(q -> q.test(closest));
                boolean distinct = memberOfHolds && request.distinctInstance();
                fail(ref, distinct ? PlacementFailure.DISTINCT_INSTANCE : PlacementFailure.MEMBER_OF, id,
                        prefix + (distinct ? "is already running a task of group " + request.group() + "."
                                : "does not satisfy the task's memberOf placement constraints."));
            }
        }
    }

    private void fail(TaskRef ref, String reason, String closest, String message) {
        failures.add(new PlacementFailure(ref, reason, closest, message));
    }
}
