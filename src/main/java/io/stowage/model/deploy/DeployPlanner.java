package io.stowage.model.deploy;

import io.stowage.model.design.Cluster;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.ecs.CapacityProviderStrategyItem;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.placement.PlacementEngine;
import io.stowage.model.placement.PlacementFailure;
import io.stowage.model.placement.PlacementResult;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.stowage.model.deploy.PlannedChange.Action.BLOCKED;
import static io.stowage.model.deploy.PlannedChange.Action.CREATE;
import static io.stowage.model.deploy.PlannedChange.Action.UNCHANGED;
import static io.stowage.model.deploy.PlannedChange.Action.UPDATE;

/**
 * Compares a design with what ECS holds and lists the changes that make ECS match it, as {@code terraform plan}
 * does. Pure: what ECS holds is read beforehand ({@link ObservedState}), so the same inputs always give the same
 * plan.
 */
public final class DeployPlanner {
    /**
     * The tag a deploy puts on the services it creates and the tasks it runs, valued with the design's identity
     * ({@link #designTag}), so that {@code deploy --prune} can tell what this design made from what anyone else did.
     */
    public static final String DESIGN_TAG = "stowage:design";
    private static final int SHOWN_DIFFERENCES = 5;
    private static final Set<String> FARGATE_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");

    private DeployPlanner() {
    }

    public static DeployPlan plan(Design design, ObservedState observed) {
        return plan(design, observed, true);
    }

    /**
     * @param createRoles whether the console's default roles ({@code ecsTaskExecutionRole}, {@code ecsInstanceRole}
     *                    and its instance profile) are created when the design needs them and they are missing;
     *                    without, what needs them is blocked
     */
    public static DeployPlan plan(Design design, ObservedState observed, boolean createRoles) {
        return plan(design, observed, createRoles, java.util.Map.of());
    }

    /**
     * @param filledRoles the families whose task execution role the deploy filled in ({@link ExecutionRoles}),
     *                    each with what needs the role, for the plan's lines to say so
     */
    public static DeployPlan plan(Design design, ObservedState observed, boolean createRoles,
                                  java.util.Map<String, String> filledRoles) {
        List<PlannedChange> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> registering = planTaskDefinitions(design, observed, filledRoles, out);
        boolean launchesWithDefaultProfile = false;
        for (Cluster cluster : design.clusters()) {
            Optional<ObservedCluster> current = observed.cluster(cluster.name());
            planCluster(design, cluster, current, out);
            ObservedCluster existing = current.orElse(ObservedCluster.empty(cluster.name()));
            boolean defaultProfile = ConsoleDefaults.isDefaultInstanceProfile(Ec2Settings.of(cluster).instanceProfile());
            Ec2Facts facts = createRoles && defaultProfile
                    ? observed.ec2().withProfile(Ec2Settings.of(cluster).instanceProfile()) : observed.ec2();
            int before = out.size();
            new InstancePlanner(cluster, existing, facts, out).plan();
            launchesWithDefaultProfile |= defaultProfile && out.subList(before, out.size()).stream()
                    .anyMatch(c -> c.kind() == ChangeKind.LAUNCH_INSTANCE && c.action() == CREATE);
            for (Service service : cluster.services()) {
                planService(design, cluster, service, existing, observed, registering, out);
            }
            for (StandaloneTask task : cluster.tasks()) {
                planTask(design, cluster, task, existing, observed, registering, out);
            }
        }
        out.addAll(0, ConsoleDefaults.plan(design, observed.ec2(), createRoles, launchesWithDefaultProfile,
                filledRoles.keySet()));
        notePlacement(design, notes);
        return new DeployPlan(out, notes, RolloutCheck.warnings(design, observed, out));
    }

    /** The value of {@link #DESIGN_TAG} for the design: its identity, or its name when it has none yet. */
    public static String designTag(Design design) {
        return design.id() != null ? design.id() : design.name();
    }

    /** The request with the design's tag added to its {@code tags}, unless the design sets that key itself. */
    static JsonObject tagged(JsonObject request, Design design) {
        JsonArray tags = request.get("tags") instanceof JsonArray a ? a : JsonArray.EMPTY;
        for (var tag : tags.items()) {
            if (tag instanceof JsonObject t && DESIGN_TAG.equals(JsonTrees.string(t, "key"))) {
                return request;
            }
        }
        return request.with("tags", tags.plus(JsonObject.builder().put("key", DESIGN_TAG)
                .put("value", designTag(design)).build()));
    }

    /**
     * What the scheduler simulation says will not be placed: not a reason to refuse (ECS keeps a service's task
     * PENDING until capacity comes, and capacity may be added outside the design), but worth knowing before.
     */
    private static void notePlacement(Design design, List<String> notes) {
        PlacementResult placement = PlacementEngine.place(design, 0);
        for (PlacementFailure failure : placement.failures()) {
            var task = failure.task();
            notes.add("placement: " + (task.kind() == io.stowage.model.placement.TaskRef.Kind.SERVICE ? "service "
                    : "task ") + task.clusterId() + "/" + task.source() + " #" + task.number()
                    + " cannot be placed on the designed capacity: " + failure.reason() + ": " + failure.message());
        }
    }

    private static void planCluster(Design design, Cluster cluster, Optional<ObservedCluster> current,
                                    List<PlannedChange> out) {
        Set<String> providers = fargateProviders(cluster);
        if (current.isEmpty()) {
            JsonObject.Builder request = JsonObject.builder().put("clusterName", cluster.name());
            if (!providers.isEmpty()) {
                request.put("capacityProviders", JsonArray.ofStrings(List.copyOf(providers)));
            }
            out.add(new PlannedChange(ChangeKind.CLUSTER, CREATE, cluster.name(), "cluster " + cluster.name(),
                    "create cluster " + cluster.name(), providers.isEmpty() ? List.of()
                    : List.of("with capacity providers " + String.join(", ", providers)), request.build(), null));
            return;
        }
        ObservedCluster existing = current.get();
        Set<String> missing = new LinkedHashSet<>(providers);
        missing.removeAll(existing.capacityProviders());
        out.add(new PlannedChange(ChangeKind.CLUSTER, UNCHANGED, cluster.name(), "cluster " + cluster.name(),
                "cluster " + cluster.name() + " exists", List.of(), null, null));
        if (!missing.isEmpty()) {
            Set<String> all = new LinkedHashSet<>(existing.capacityProviders());
            all.addAll(missing);
            JsonObject request = JsonObject.builder().put("cluster", cluster.name())
                    .put("capacityProviders", JsonArray.ofStrings(List.copyOf(all)))
                    .put("defaultCapacityProviderStrategy", existing.defaultProviderStrategy()).build();
            out.add(new PlannedChange(ChangeKind.CLUSTER_CAPACITY_PROVIDERS, UPDATE, cluster.name(),
                    "cluster " + cluster.name() + " capacity providers",
                    "associate capacity providers " + String.join(", ", missing) + " with cluster " + cluster.name(),
                    List.of(), request, null));
        }
    }

    /** The Fargate capacity providers the cluster's workloads name in a capacity provider strategy. */
    private static Set<String> fargateProviders(Cluster cluster) {
        Set<String> out = new LinkedHashSet<>();
        List<List<CapacityProviderStrategyItem>> strategies = new ArrayList<>();
        cluster.services().forEach(s -> strategies.add(s.spec().capacityProviderStrategy()));
        cluster.tasks().forEach(t -> strategies.add(t.run().capacityProviderStrategy()));
        for (List<CapacityProviderStrategyItem> strategy : strategies) {
            for (CapacityProviderStrategyItem item : strategy) {
                if (FARGATE_PROVIDERS.contains(item.capacityProvider())) {
                    out.add(item.capacityProvider());
                }
            }
        }
        return out;
    }

    /** Plans a registration for each family whose content differs from its latest ACTIVE revision. */
    private static Set<String> planTaskDefinitions(Design design, ObservedState observed,
                                                   java.util.Map<String, String> filledRoles, List<PlannedChange> out) {
        Set<String> registering = new LinkedHashSet<>();
        for (TaskDefinition td : design.taskDefinitionList()) {
            String family = td.family();
            Optional<ObservedRevision> latest = observed.latest(family);
            String subject = "task definition " + family;
            String filled = filledRoles.containsKey(family) ? " with execution role " + ConsoleDefaults.EXECUTION_ROLE
                    + " (it names none; " + filledRoles.get(family) + " need" + (filledRoles.get(family).contains(", ")
                    ? "" : "s") + " one)" : "";
            if (latest.isEmpty()) {
                registering.add(family);
                out.add(new PlannedChange(ChangeKind.TASK_DEFINITION, CREATE, null, subject,
                        "register task definition " + family + " (first revision)" + filled, List.of(), td.json(),
                        null));
            } else if (TaskDefinitionNormalizer.sameContent(td.json(), latest.get().content())) {
                out.add(new PlannedChange(ChangeKind.TASK_DEFINITION, UNCHANGED, null, subject,
                        "task definition " + latest.get().ref() + " is as designed", List.of(), null, null));
            } else {
                registering.add(family);
                List<String> details = new ArrayList<>();
                for (String path : TaskDefinitionNormalizer.differences(td.json(), latest.get().content(),
                        SHOWN_DIFFERENCES)) {
                    details.add("differs at " + path);
                }
                out.add(new PlannedChange(ChangeKind.TASK_DEFINITION, CREATE, null, subject,
                        "register task definition " + family + " revision " + (latest.get().revision() + 1)
                                + " (content differs from " + latest.get().ref() + ")" + filled, details, td.json(),
                        null));
            }
        }
        return registering;
    }

    /**
     * The revision a workload must run: the one it names, else the one this deploy registers ({@code family}
     * alone), else the latest ACTIVE one.
     */
    static String designedRevision(TaskDefinitionRef ref, ObservedState observed, Set<String> registering) {
        if (ref == null) {
            return null;
        }
        if (ref.revision() != null) {
            return ref.toString();
        }
        if (registering.contains(ref.family())) {
            return ref.family();
        }
        return observed.latest(ref.family()).map(ObservedRevision::ref).orElse(ref.family());
    }

    /**
     * The request with the revision it must run spelled out ({@code family:revision}) when it is known before
     * the apply, so that what ECS stores does not depend on what is latest when the call arrives; a family this
     * apply registers stays bare until the apply knows the new revision's ARN.
     */
    private static JsonObject resolved(JsonObject request, String revision) {
        return revision != null && revision.contains(":") && request.has("taskDefinition")
                ? request.with("taskDefinition", new JsonString(revision)) : request;
    }

    /** The network mode of the family the workload runs: the design's, else the latest revision ECS holds. */
    private static String networkMode(Design design, TaskDefinitionRef ref, ObservedState observed) {
        if (ref == null) {
            return null;
        }
        Optional<TaskDefinition> designed = design.taskDefinition(ref.family());
        if (designed.isPresent()) {
            return designed.get().networkMode();
        }
        return observed.latest(ref.family()).map(r -> JsonTrees.string(r.content(), "networkMode")).orElse(null);
    }

    private static void planService(Design design, Cluster cluster, Service service, ObservedCluster existing,
                                    ObservedState observed, Set<String> registering, List<PlannedChange> out) {
        String name = service.serviceName();
        String subject = "service " + cluster.name() + "/" + name;
        DefaultNetwork.Filled network = DefaultNetwork.fill(service.spec().json(),
                networkMode(design, service.taskDefinition(), observed), cluster, observed.ec2());
        // An existing service keeps the network ECS gave it when the design names none; a new one gets the defaults.
        Optional<JsonObject> current = existing.service(name);
        if (current.isEmpty() && network.problem() != null) {
            out.add(new PlannedChange(ChangeKind.CREATE_SERVICE, BLOCKED, cluster.name(), subject,
                    subject + ": " + network.problem(), List.of(), null, null));
            return;
        }
        JsonObject designed = resolved((current.isEmpty() ? network.request() : service.spec().json())
                .with("cluster", new JsonString(cluster.name())),
                designedRevision(service.taskDefinition(), observed, registering));
        if (current.isEmpty()) {
            List<String> details = new ArrayList<>();
            details.add("task definition " + designedRevision(service.taskDefinition(), observed, registering)
                    + ", " + service.launchType() + (service.isDaemon() ? ", DAEMON"
                    : ", desired count " + service.desiredCount()));
            details.addAll(network.details());
            out.add(new PlannedChange(ChangeKind.CREATE_SERVICE, CREATE, cluster.name(), subject,
                    "create " + subject, details, tagged(designed, design), null));
            return;
        }
        if ("DRAINING".equals(JsonTrees.string(current.get(), "status"))) {
            out.add(new PlannedChange(ChangeKind.CREATE_SERVICE, BLOCKED, cluster.name(), subject, subject
                    + " is DRAINING after a delete; ECS creates a service of that name again once it is INACTIVE",
                    List.of(), null, null));
            return;
        }
        String revision = designedRevision(service.taskDefinition(), observed, registering);
        List<SettingChange> changes = ServiceSettings.differences(designed, current.get(), revision);
        if (changes.isEmpty()) {
            out.add(new PlannedChange(ChangeKind.UPDATE_SERVICE, UNCHANGED, cluster.name(), subject,
                    subject + " is as designed", List.of(), null, null));
            return;
        }
        List<String> details = changes.stream().map(SettingChange::toString).toList();
        List<SettingChange> fixed = changes.stream().filter(c -> !c.updatable()).toList();
        if (!fixed.isEmpty()) {
            out.add(new PlannedChange(ChangeKind.UPDATE_SERVICE, BLOCKED, cluster.name(), subject, subject
                    + ": UpdateService cannot change " + String.join(", ", fixed.stream().map(SettingChange::name)
                    .toList()) + "; delete the service in ECS or give the design's service another name",
                    details, null, null));
            return;
        }
        out.add(new PlannedChange(ChangeKind.UPDATE_SERVICE, UPDATE, cluster.name(), subject,
                "update " + subject + ": " + String.join(", ", changes.stream().map(SettingChange::name).toList()),
                details, ServiceSettings.updateRequest(cluster.name(), name, designed, changes), null));
    }

    private static void planTask(Design design, Cluster cluster, StandaloneTask task, ObservedCluster existing,
                                 ObservedState observed, Set<String> registering, List<PlannedChange> out) {
        String subject = "task " + cluster.name() + "/" + task.id();
        DefaultNetwork.Filled network = DefaultNetwork.fill(task.run().json(),
                networkMode(design, task.taskDefinition(), observed), cluster, observed.ec2());
        TaskDefinitionRef ref = task.taskDefinition();
        String revision = designedRevision(ref, observed, registering);
        TaskDefinitionRef wanted = TaskDefinitionRef.parse(revision);
        int started = 0;
        for (ObservedTask t : StandaloneTasks.startedFor(task, existing.tasks())) {
            if (wanted != null && wanted.revision() != null && wanted.equals(t.taskDefinition())) {
                started++;
            }
        }
        int missing = task.count() - started;
        if (missing <= 0) {
            out.add(new PlannedChange(ChangeKind.RUN_TASK, UNCHANGED, cluster.name(), subject, subject + ": "
                    + started + " of " + revision + " started (running, or stopped within ECS's memory)",
                    List.of(), null, null));
            return;
        }
        if (network.problem() != null) {
            out.add(new PlannedChange(ChangeKind.RUN_TASK, BLOCKED, cluster.name(), subject,
                    subject + ": " + network.problem(), List.of(), null, null));
            return;
        }
        JsonObject request = tagged(resolved(network.request().with("cluster", new JsonString(cluster.name()))
                .with("count", io.stowage.model.json.JsonNumber.of(missing)), revision), design);
        List<String> details = new ArrayList<>();
        if (started > 0) {
            details.add(started + " already started");
        }
        details.addAll(network.details());
        out.add(new PlannedChange(ChangeKind.RUN_TASK, CREATE, cluster.name(), subject, "run " + subject + ": "
                + missing + " x " + (revision == null ? "?" : revision.contains(":") ? revision : revision + " (new)")
                + " on " + task.launchType(), details, request, null));
    }
}
