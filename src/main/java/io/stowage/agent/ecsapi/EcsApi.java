package io.stowage.agent.ecsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.Service;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The ECS API over the runs the agent holds: one operation's input (the JSON body of an AWS JSON 1.1 request) to its
 * output, in the shapes of botocore's ECS model. A design's clusters are the endpoint's clusters, its emulated
 * instances their registered container instances, its services and tasks theirs. Errors are
 * {@link EcsApiException}s with ECS's types and messages.
 */
public final class EcsApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The operations answered; any other is refused with UnsupportedFeatureException naming it. */
    public static final Set<String> SERVED = Set.of("ListClusters", "DescribeClusters", "ListServices",
            "DescribeServices", "ListTasks", "DescribeTasks", "ListContainerInstances", "DescribeContainerInstances",
            "StopTask", "UpdateService", "RegisterTaskDefinition", "DescribeTaskDefinition", "ListTaskDefinitions",
            "ListTaskDefinitionFamilies", "DeregisterTaskDefinition", "CreateService", "DeleteService", "RunTask",
            "CreateCluster");
    /** How long an operation that changes a run waits for the run to take it. */
    static final java.time.Duration RUN_TAKES = java.time.Duration.ofSeconds(20);
    /** What StopTask writes when no reason is given, as ECS does. */
    static final String STOPPED_BY_USER = "Task stopped by user";

    private final Supplier<? extends Collection<? extends HeldRun>> runs;
    private final TaskDefinitionBook taskDefinitions = new TaskDefinitionBook();

    public EcsApi(Supplier<? extends Collection<? extends HeldRun>> runs) {
        this.runs = runs;
    }

    /** The output of {@code operation} for {@code input}; throws {@link EcsApiException} for ECS's errors. */
    public ObjectNode call(String operation, JsonNode input) {
        JsonNode in = input == null || input.isNull() ? JSON.createObjectNode() : input;
        if (!in.isObject()) {
            throw new EcsApiException("SerializationException", "The request body is not a JSON object.");
        }
        return switch (operation) {
            case "ListClusters" -> listClusters(in);
            case "DescribeClusters" -> describeClusters(in);
            case "ListServices" -> listServices(in);
            case "DescribeServices" -> describeServices(in);
            case "ListTasks" -> listTasks(in);
            case "DescribeTasks" -> describeTasks(in);
            case "ListContainerInstances" -> listContainerInstances(in);
            case "DescribeContainerInstances" -> describeContainerInstances(in);
            case "StopTask" -> stopTask(in);
            case "UpdateService" -> updateService(in);
            case "RegisterTaskDefinition" -> registerTaskDefinition(in);
            case "DescribeTaskDefinition" -> describeTaskDefinition(in);
            case "ListTaskDefinitions" -> listTaskDefinitions(in);
            case "ListTaskDefinitionFamilies" -> listTaskDefinitionFamilies(in);
            case "DeregisterTaskDefinition" -> deregisterTaskDefinition(in);
            case "CreateService" -> createService(in);
            case "DeleteService" -> deleteService(in);
            case "RunTask" -> runTask(in);
            case "CreateCluster" -> createCluster(in);
            default -> throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint "
                    + "does not serve " + operation + "; it serves " + String.join(", ", SERVED.stream().sorted()
                    .toList()) + ".");
        };
    }

    // ------------------------------------------------------------------ what the runs hold, by cluster

    /** One cluster as the endpoint shows it: the design clusters of that name in every run held, and their state. */
    record ClusterView(String name, List<Part> parts) {
        List<TaskState> tasks() {
            List<TaskState> out = new ArrayList<>();
            parts.forEach(p -> out.addAll(p.snapshot().tasksOf(name)));
            return out;
        }

        List<ServiceView> services() {
            List<ServiceView> out = new ArrayList<>();
            for (Part p : parts) {
                for (ServiceState s : p.snapshot().services().values()) {
                    if (name.equals(s.cluster())) {
                        Service design = p.cluster().services().stream()
                                .filter(d -> s.serviceName().equals(d.serviceName())).findFirst().orElse(null);
                        out.add(new ServiceView(p, s, design, p.snapshot().tasksOfService(name, s.serviceName())));
                    }
                }
            }
            return out;
        }

        List<InstanceState> instances() {
            List<InstanceState> out = new ArrayList<>();
            parts.forEach(p -> p.snapshot().instances().values().stream()
                    .filter(i -> name.equals(i.cluster())).forEach(out::add));
            return out;
        }
    }

    /** One run's share of a cluster: its design cluster and the run's snapshot (read once per request). */
    record Part(HeldRun run, Cluster cluster, RuntimeSnapshot snapshot) {
    }

    /** A service with what the design says of it and its tasks. */
    record ServiceView(Part part, ServiceState state, Service design, List<TaskState> tasks) {
    }

    private Map<String, ClusterView> clusters() {
        Map<String, List<Part>> parts = new LinkedHashMap<>();
        for (HeldRun run : runs.get()) {
            RuntimeSnapshot snapshot = run.snapshot();
            for (Cluster c : run.design().clusters()) {
                parts.computeIfAbsent(c.name(), n -> new ArrayList<>()).add(new Part(run, c, snapshot));
            }
        }
        Map<String, ClusterView> out = new LinkedHashMap<>();
        parts.forEach((name, list) -> out.put(name, new ClusterView(name, list)));
        createdClusters.keySet().forEach(name -> out.putIfAbsent(name, new ClusterView(name, List.of())));
        return out;
    }

    /** Clusters made by CreateCluster, by name: empty, no run's (they hold no instances to run tasks on). */
    private final Map<String, java.time.Instant> createdClusters = new java.util.concurrent.ConcurrentHashMap<>();

    private ClusterView cluster(JsonNode in) {
        String name = EcsArns.clusterName(text(in, "cluster", "default"));
        ClusterView view = clusters().get(name);
        if (view == null) {
            throw EcsApiException.clusterNotFound();
        }
        return view;
    }

    // ------------------------------------------------------------------ clusters

    private ObjectNode listClusters(JsonNode in) {
        List<String> arns = clusters().keySet().stream().map(EcsArns::cluster).toList();
        return page(in, "clusterArns", arns, 100, 100);
    }

    private ObjectNode describeClusters(JsonNode in) {
        List<String> asked = strings(in, "clusters");
        if (asked.isEmpty()) {
            asked = List.of("default");
        }
        if (asked.size() > 100) {
            throw EcsApiException.invalid("Clusters cannot have more than 100 elements");
        }
        Map<String, ClusterView> all = clusters();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        for (String ref : asked) {
            ClusterView c = all.get(EcsArns.clusterName(ref));
            if (c == null) {
                failures.add(EcsShapes.failure(EcsArns.cluster(EcsArns.clusterName(ref)), "MISSING"));
            } else {
                found.add(EcsShapes.cluster(c));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ services

    private ObjectNode listServices(JsonNode in) {
        ClusterView c = cluster(in);
        String launchType = text(in, "launchType", null);
        String strategy = text(in, "schedulingStrategy", null);
        List<String> arns = c.services().stream()
                .filter(s -> launchType == null || launchType.equals(EcsShapes.launchType(s)))
                .filter(s -> strategy == null || strategy.equals(EcsShapes.schedulingStrategy(s)))
                .filter(s -> !"INACTIVE".equals(s.state().status()))
                .map(s -> EcsArns.service(c.name(), s.state().serviceName())).toList();
        return page(in, "serviceArns", arns, 10, 100);
    }

    private ObjectNode describeServices(JsonNode in) {
        ClusterView c = cluster(in);
        List<String> asked = strings(in, "services");
        if (asked.isEmpty()) {
            throw EcsApiException.invalid("Services cannot be empty.");
        }
        if (asked.size() > 10) {
            throw EcsApiException.invalid("Services cannot have more than 10 elements");
        }
        Map<String, ServiceView> byName = new LinkedHashMap<>();
        c.services().forEach(s -> byName.putIfAbsent(s.state().serviceName(), s));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (String ref : asked) {
            String name = EcsArns.lastPart(ref);
            ServiceView s = byName.get(name);
            if (s == null) {
                failures.add(EcsShapes.failure(EcsArns.service(c.name(), name), "MISSING"));
            } else {
                found.add(EcsShapes.service(c.name(), s,
                        deploymentConfigurations.get(c.name() + "/" + s.state().serviceName())));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ tasks

    private ObjectNode listTasks(JsonNode in) {
        ClusterView c = cluster(in);
        String serviceName = text(in, "serviceName", null);
        if (serviceName != null && c.services().stream()
                .noneMatch(s -> s.state().serviceName().equals(EcsArns.lastPart(serviceName)))) {
            throw EcsApiException.serviceNotFound();
        }
        String desired = text(in, "desiredStatus", "RUNNING");
        if (!Set.of("RUNNING", "PENDING", "STOPPED").contains(desired)) {
            throw EcsApiException.invalid("desiredStatus must be one of RUNNING, PENDING, STOPPED.");
        }
        String family = text(in, "family", null);
        String instance = text(in, "containerInstance", null);
        String launchType = text(in, "launchType", null);
        String startedBy = text(in, "startedBy", null);
        List<String> arns = c.tasks().stream()
                .filter(t -> desired.equals(desiredStatus(t).name()))
                .filter(t -> serviceName == null || EcsArns.lastPart(serviceName).equals(t.serviceName()))
                .filter(t -> family == null || family.equals(t.family()))
                .filter(t -> instance == null || EcsArns.lastPart(instance).equals(t.instanceId())
                        || instance.equals(t.containerInstanceArn()))
                .filter(t -> launchType == null || launchType.equals(t.launchType()))
                .filter(t -> startedBy == null || startedBy.equals(EcsShapes.startedBy(t)))
                .map(TaskState::taskArn).toList();
        return page(in, "taskArns", arns, 100, 100);
    }

    static TaskStatus desiredStatus(TaskState t) {
        return t.desiredStatus() != null ? t.desiredStatus() : t.isStopped() ? TaskStatus.STOPPED : TaskStatus.RUNNING;
    }

    private ObjectNode describeTasks(JsonNode in) {
        ClusterView c = cluster(in);
        List<String> asked = strings(in, "tasks");
        if (asked.isEmpty()) {
            throw EcsApiException.invalid("Tasks cannot be empty.");
        }
        if (asked.size() > 100) {
            throw EcsApiException.invalid("Tasks cannot have more than 100 elements");
        }
        Map<String, TaskState> byId = new LinkedHashMap<>();
        c.tasks().forEach(t -> byId.put(t.taskId(), t));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String ref : asked) {
            TaskState t = byId.get(EcsArns.lastPart(ref));
            if (t == null) {
                failures.add(EcsShapes.failure(ref.startsWith("arn:") ? ref : EcsArns.task(c.name(), ref), "MISSING"));
            } else {
                found.add(EcsShapes.task(t));
            }
        }
        return out;
    }

    /**
     * StopTask: the task is stopped by the run's agent rules (containers in reverse dependency order, with their stop
     * timeouts), stoppedReason the given reason or "Task stopped by user", stopCode UserInitiated; a service's
     * scheduler replaces it. The answer is the task as it is then, its desired status STOPPED.
     */
    private ObjectNode stopTask(JsonNode in) {
        ClusterView c = cluster(in);
        String ref = text(in, "task", null);
        if (ref == null) {
            throw EcsApiException.invalid("Task cannot be empty.");
        }
        String reason = text(in, "reason", STOPPED_BY_USER);
        if (reason.length() > 1024) {
            throw EcsApiException.invalid("reason cannot be longer than 1024 characters.");
        }
        for (Part p : c.parts()) {
            for (TaskState t : p.snapshot().tasksOf(c.name())) {
                if (t.taskId().equals(EcsArns.lastPart(ref))) {
                    TaskState answer = t;
                    if (!t.isStopped() && desiredStatus(t) != TaskStatus.STOPPED) {
                        p.run().stopTask(t.taskArn(), reason);
                        answer = t.stopping(reason, io.stowage.model.runtime.StopCode.USER_INITIATED);
                    }
                    ObjectNode out = JSON.createObjectNode();
                    out.set("task", EcsShapes.task(answer));
                    return out;
                }
            }
        }
        throw EcsApiException.invalid("The referenced task was not found.");
    }

    /**
     * UpdateService: a new desired count, which the run's service scheduler meets (starting or stopping tasks as
     * ECS's does); another revision of the service's task definition and/or a new deployment configuration
     * (minimumHealthyPercent, maximumPercent), which the scheduler rolls out as ECS's rolling update does. Other
     * settings are refused, naming what is not served.
     */
    private ObjectNode updateService(JsonNode in) {
        ClusterView c = cluster(in);
        String ref = text(in, "service", null);
        if (ref == null) {
            throw EcsApiException.invalid("Service cannot be empty.");
        }
        ServiceView s = c.services().stream().filter(v -> v.state().serviceName().equals(EcsArns.lastPart(ref)))
                .findFirst().orElseThrow(EcsApiException::serviceNotFound);
        if (!"ACTIVE".equals(s.state().status())) {
            throw new EcsApiException("ServiceNotActiveException", "Service was not ACTIVE.");
        }
        if (s.design() == null) {
            throw EcsApiException.serviceNotFound();
        }
        List<String> unserved = new ArrayList<>();
        in.fieldNames().forEachRemaining(member -> {
            JsonNode v = in.get(member);
            boolean off = v.isNull() || "forceNewDeployment".equals(member) && v.isBoolean() && !v.asBoolean();
            if (!Set.of("cluster", "service", "desiredCount", "taskDefinition", "deploymentConfiguration")
                    .contains(member) && !off) {
                unserved.add(member);
            }
        });
        ServiceState state = s.state();
        TaskDefinitionBook.Revision revision = null;
        String taskDefinition = text(in, "taskDefinition", null);
        TaskDefinitionBook.Revision asked = taskDefinition == null ? null : book().find(taskDefinition)
                .orElseThrow(() -> new EcsApiException("ClientException", "TaskDefinition not found."));
        if (asked != null && !asked.arn().equals(EcsArns.taskDefinition(state.taskDefinitionArn()))) {
            revision = asked;
            if (!revision.active()) {
                throw new EcsApiException("ClientException", "TaskDefinition is inactive");
            }
            if (s.design().isDaemon()) {
                unserved.add("taskDefinition (a rolling update of a DAEMON service)");
            } else if (!revision.family.equals(s.design().taskDefinitionFamily())) {
                unserved.add("taskDefinition of another family than " + s.design().taskDefinitionFamily());
            }
        }
        Integer minimum = null;
        Integer maximum = null;
        JsonNode config = in.get("deploymentConfiguration");
        if (config != null && !config.isNull()) {
            if (!config.isObject()) {
                throw new EcsApiException("SerializationException", "deploymentConfiguration must be an object.");
            }
            minimum = percent(config, "minimumHealthyPercent");
            maximum = percent(config, "maximumPercent");
            config.fieldNames().forEachRemaining(member -> {
                JsonNode v = config.get(member);
                boolean off = v.isNull() || "deploymentCircuitBreaker".equals(member)
                        && !v.path("enable").asBoolean(false) && !v.path("rollback").asBoolean(false);
                if (!Set.of("minimumHealthyPercent", "maximumPercent").contains(member) && !off) {
                    unserved.add("deploymentConfiguration." + member);
                }
            });
            int min = minimum != null ? minimum : configured(s, c.name(), "minimumHealthyPercent",
                    io.stowage.model.sim.DeploymentRules.defaultMinimumHealthyPercent(s.design().isDaemon()));
            int max = maximum != null ? maximum : configured(s, c.name(), "maximumPercent",
                    io.stowage.model.sim.DeploymentRules.defaultMaximumPercent(s.design().isDaemon()));
            if (min > 100) {
                throw EcsApiException.invalid("minimumHealthyPercent must be between 0 and 100.");
            }
            if (max < min || max < 1) {
                throw EcsApiException.invalid("maximumPercent must be at least 1 and not below "
                        + "minimumHealthyPercent.");
            }
        }
        if (!unserved.isEmpty()) {
            throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint serves "
                    + "UpdateService with desiredCount, taskDefinition (a revision of the service's family) and "
                    + "deploymentConfiguration's minimumHealthyPercent and maximumPercent, not yet "
                    + String.join(", ", unserved) + ".");
        }
        JsonNode count = in.get("desiredCount");
        if (count != null && !count.isNull()) {
            if (!count.canConvertToInt() || count.asInt() < 0) {
                throw EcsApiException.invalid("desiredCount must be a number of 0 or more.");
            }
            if (s.design().isDaemon()) {
                throw EcsApiException.invalid("The desired count of a DAEMON service cannot be set: it runs one "
                        + "task on each container instance.");
            }
            s.part().run().scale(s.part().cluster().id(), s.design().id(), count.asInt());
            state = new ServiceState(state.cluster(), state.serviceName(), state.status(), count.asInt(),
                    state.runningCount(), state.pendingCount(), state.taskDefinitionArn(), state.events(),
                    state.deployments());
        }
        if (revision != null || minimum != null || maximum != null) {
            String key = c.name() + "/" + state.serviceName();
            ObjectNode kept = deploymentConfigurations.computeIfAbsent(key, k -> JSON.createObjectNode());
            if (minimum != null) {
                kept.put("minimumHealthyPercent", minimum);
            }
            if (maximum != null) {
                kept.put("maximumPercent", maximum);
            }
            s.part().run().deploy(s.part().cluster().id(), s.design().id(),
                    revision == null ? null : revision.definition, revision == null ? null : revision.revision,
                    minimum, maximum);
        }
        if (revision != null) {
            state = deploying(c.name(), state, revision.arn());
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("service", EcsShapes.service(c.name(), new ServiceView(s.part(), state, s.design(), s.tasks()),
                deploymentConfigurations.get(c.name() + "/" + state.serviceName())));
        return out;
    }

    /** Deployment configuration changed through the API, by cluster/service name. */
    private final Map<String, ObjectNode> deploymentConfigurations = new java.util.concurrent.ConcurrentHashMap<>();

    private static Integer percent(JsonNode config, String member) {
        JsonNode v = config.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw EcsApiException.invalid(member + " must be a number of 0 or more.");
        }
        return v.asInt();
    }

    private int configured(ServiceView s, String cluster, String member, int fallback) {
        ObjectNode kept = deploymentConfigurations.get(cluster + "/" + s.state().serviceName());
        if (kept != null && kept.has(member)) {
            return kept.get(member).asInt();
        }
        var config = s.design().spec().deploymentConfiguration();
        Integer value = config == null ? null : "maximumPercent".equals(member) ? config.maximumPercent()
                : config.minimumHealthyPercent();
        return value != null ? value : fallback;
    }

    /** The service as UpdateService answers when a new revision starts rolling out: its new PRIMARY deployment. */
    private static ServiceState deploying(String cluster, ServiceState state, String taskDefinitionArn) {
        List<io.stowage.model.runtime.ServiceDeployment> deployments = new ArrayList<>();
        java.time.Instant now = java.time.Instant.now();
        String id = io.stowage.model.runtime.ServiceDeployment.idFor(cluster, state.serviceName(), taskDefinitionArn);
        deployments.add(new io.stowage.model.runtime.ServiceDeployment(id, "PRIMARY", taskDefinitionArn,
                state.desiredCount(), 0, 0, 0, "IN_PROGRESS", "ECS deployment " + id + " in progress.", now));
        if (state.deployments().isEmpty()) {
            String old = EcsArns.taskDefinition(state.taskDefinitionArn());
            String oldId = io.stowage.model.runtime.ServiceDeployment.idFor(cluster, state.serviceName(), old);
            deployments.add(new io.stowage.model.runtime.ServiceDeployment(oldId, "ACTIVE", old,
                    state.runningCount() + state.pendingCount(), state.runningCount(), state.pendingCount(), 0,
                    "COMPLETED", "ECS deployment " + oldId + " completed.", now));
        } else {
            for (var d : state.deployments()) {
                if (!d.taskDefinitionArn().equals(taskDefinitionArn)) {
                    deployments.add(new io.stowage.model.runtime.ServiceDeployment(d.id(), "ACTIVE",
                            d.taskDefinitionArn(), d.desiredCount(), d.runningCount(), d.pendingCount(),
                            d.failedTasks(), d.rolloutState(), d.rolloutStateReason(), d.updatedAt()));
                }
            }
        }
        return new ServiceState(state.cluster(), state.serviceName(), state.status(), state.desiredCount(),
                state.runningCount(), state.pendingCount(), taskDefinitionArn, state.events(), deployments);
    }

    // ------------------------------------------------------------------ services and tasks made through the API

    private ObjectNode createCluster(JsonNode in) {
        String name = text(in, "clusterName", "default");
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsApiException.invalid("Cluster name can have up to 255 letters (uppercase and lowercase), "
                    + "numbers, underscores, and hyphens.");
        }
        List<String> unserved = new ArrayList<>();
        for (String member : List.of("configuration", "capacityProviders", "defaultCapacityProviderStrategy",
                "serviceConnectDefaults")) {
            JsonNode v = in.get(member);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                unserved.add(member);
            }
        }
        if (!unserved.isEmpty()) {
            throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint creates empty "
                    + "clusters only, not yet with " + String.join(", ", unserved) + ".");
        }
        if (!clusters().containsKey(name)) {
            createdClusters.putIfAbsent(name, java.time.Instant.now());
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("cluster", EcsShapes.cluster(clusters().get(name)));
        return out;
    }

    /** The run that holds a cluster, to run tasks in; a cluster made by CreateCluster has none. */
    private static Part runnable(ClusterView c) {
        if (c.parts().isEmpty()) {
            throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint runs tasks on "
                    + "the clusters of the designs the agent holds (their container instances and Fargate capacity); "
                    + "cluster " + c.name() + " was made by CreateCluster and has neither.");
        }
        return c.parts().get(0);
    }

    private TaskDefinitionBook.Revision activeRevision(JsonNode in) {
        String ref = text(in, "taskDefinition", null);
        if (ref == null) {
            throw EcsApiException.invalid("TaskDefinition cannot be empty.");
        }
        TaskDefinitionBook.Revision r = book().find(ref).orElseThrow(() ->
                new EcsApiException("ClientException", "TaskDefinition not found."));
        if (!r.active()) {
            throw new EcsApiException("ClientException", "TaskDefinition is inactive");
        }
        return r;
    }

    /** The input without {@code dropped}, as the design's JSON tree; a member of the wrong type is refused. */
    private static io.stowage.model.json.JsonObject spec(JsonNode in, String shape, Set<String> dropped,
                                                         String family, int revision) {
        ObjectNode copy = in.deepCopy();
        dropped.forEach(copy::remove);
        copy.put("taskDefinition", family + ":" + revision);
        io.stowage.model.json.Json json;
        try {
            json = io.stowage.format.JsonFileReader.parse(java.nio.file.Path.of(shape + ".json"),
                    JSON.writeValueAsBytes(copy)).root();
        } catch (Exception e) {
            throw new EcsApiException("SerializationException", "The input is not JSON: " + e.getMessage());
        }
        var mismatches = io.stowage.model.rules.ShapeTypeCheck.check(json, shape);
        if (!mismatches.isEmpty()) {
            throw new EcsApiException("SerializationException", "The input does not match ECS's shape: "
                    + mismatches.get(0).message() + ".");
        }
        return (io.stowage.model.json.JsonObject) json;
    }

    private static void refuse(JsonNode in, String operation, String served, List<String> members) {
        List<String> unserved = new ArrayList<>();
        for (String member : members) {
            JsonNode v = in.get(member);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                unserved.add(member);
            }
        }
        if (!unserved.isEmpty()) {
            throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint serves "
                    + operation + " " + served + ", not yet " + String.join(", ", unserved) + ".");
        }
    }

    /**
     * CreateService on a design's cluster: the run's service scheduler places and starts its tasks as it does the
     * design's own services (the agent's rules, real containers), of a task definition the endpoint knows.
     */
    private ObjectNode createService(JsonNode in) {
        ClusterView c = cluster(in);
        String name = text(in, "serviceName", null);
        if (name == null) {
            throw EcsApiException.invalid("serviceName cannot be empty.");
        }
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
            throw EcsApiException.invalid("Service name can have up to 255 letters (uppercase and lowercase), "
                    + "numbers, underscores, and hyphens.");
        }
        refuse(in, "CreateService", "without load balancers, service discovery, Service Connect or volumes",
                List.of("loadBalancers", "serviceRegistries", "serviceConnectConfiguration", "volumeConfigurations",
                        "vpcLatticeConfigurations"));
        JsonNode controller = in.path("deploymentController").path("type");
        if (!controller.isMissingNode() && !controller.isNull() && !"ECS".equals(controller.asText())) {
            throw new EcsApiException("UnsupportedFeatureException", "The Stowage local ECS endpoint serves the ECS "
                    + "deployment controller (rolling updates) only, not " + controller.asText() + ".");
        }
        if (c.services().stream().anyMatch(s -> s.state().serviceName().equals(name)
                && !"INACTIVE".equals(s.state().status()))) {
            throw EcsApiException.invalid("Creation of service was not idempotent.");
        }
        Part part = runnable(c);
        TaskDefinitionBook.Revision r = activeRevision(in);
        var spec = new io.stowage.model.ecs.ServiceSpec(spec(in, "CreateServiceRequest", Set.of("cluster", "clientToken"),
                r.family, r.revision));
        Integer desired = spec.desiredCount();
        if (desired != null && desired < 0) {
            throw EcsApiException.invalid("desiredCount must be a number of 0 or more.");
        }
        String id = part.cluster().service(name).isPresent() ? "api-" + name + "-" + System.nanoTime() : name;
        io.stowage.model.design.Service service = new io.stowage.model.design.Service(id, spec, null);
        try {
            part.run().createService(part.cluster().id(), service, r.definition, r.revision)
                    .get(RUN_TAKES.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new EcsApiException("ServerException", "The run did not take the service: " + e.getMessage());
        }
        ServiceState state = new ServiceState(c.name(), name, "ACTIVE", service.isDaemon()
                ? part.cluster().instances().size() : desired == null ? 0 : desired, 0, 0, r.arn(), List.of());
        ObjectNode out = JSON.createObjectNode();
        out.set("service", EcsShapes.service(c.name(), new ServiceView(part, state, service, List.of())));
        return out;
    }

    /**
     * DeleteService: the scheduler stops the service's tasks (with {@code force}, or when it is scaled to 0, as
     * ECS asks); it is DRAINING, then INACTIVE once they have stopped.
     */
    private ObjectNode deleteService(JsonNode in) {
        ClusterView c = cluster(in);
        String ref = text(in, "service", null);
        if (ref == null) {
            throw EcsApiException.invalid("Service cannot be empty.");
        }
        ServiceView s = c.services().stream().filter(v -> v.state().serviceName().equals(EcsArns.lastPart(ref)))
                .filter(v -> !"INACTIVE".equals(v.state().status())).findFirst()
                .orElseThrow(EcsApiException::serviceNotFound);
        JsonNode force = in.get("force");
        boolean forced = force != null && force.asBoolean(false);
        if (s.design() == null) {
            throw EcsApiException.serviceNotFound();
        }
        if (!forced && s.state().desiredCount() > 0 && !s.design().isDaemon()) {
            throw EcsApiException.invalid("The service cannot be stopped while it is scaled above 0.");
        }
        s.part().run().deleteService(s.part().cluster().id(), s.design().id());
        ServiceState st = s.state();
        ServiceState draining = new ServiceState(st.cluster(), st.serviceName(), "DRAINING", 0, st.runningCount(),
                st.pendingCount(), st.taskDefinitionArn(), st.events(), st.deployments());
        ObjectNode out = JSON.createObjectNode();
        out.set("service", EcsShapes.service(c.name(), new ServiceView(s.part(), draining, s.design(), s.tasks()),
                deploymentConfigurations.get(c.name() + "/" + st.serviceName())));
        return out;
    }

    /**
     * RunTask on a design's cluster: {@code count} tasks (1 to 10) of a task definition the endpoint knows, placed
     * by the placement engine on top of what runs and started by the agent's rules; what does not fit is a failure
     * with ECS's reason (RESOURCE:MEMORY...).
     */
    private ObjectNode runTask(JsonNode in) {
        ClusterView c = cluster(in);
        refuse(in, "RunTask", "without capacity provider strategies or volumes",
                List.of("capacityProviderStrategy", "volumeConfigurations"));
        JsonNode countNode = in.get("count");
        int count = countNode == null || countNode.isNull() ? 1 : countNode.asInt(-1);
        if (count < 1 || count > 10) {
            throw EcsApiException.invalid("count must be between 1 and 10.");
        }
        Part part = runnable(c);
        TaskDefinitionBook.Revision r = activeRevision(in);
        var spec = new io.stowage.model.ecs.RunTaskSpec(spec(in, "RunTaskRequest",
                Set.of("cluster", "count", "clientToken"), r.family, r.revision));
        var task = io.stowage.model.design.StandaloneTask.of("api-" + r.family + "-" + runTaskCounter.incrementAndGet(),
                spec);
        HeldRun.Started started;
        try {
            started = part.run().runTask(part.cluster().id(), task, r.definition, r.revision, count)
                    .get(RUN_TAKES.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new EcsApiException("ServerException", "The run did not start the task: " + e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode tasks = out.putArray("tasks");
        started.tasks().forEach(t -> tasks.add(EcsShapes.task(t)));
        ArrayNode failures = out.putArray("failures");
        for (var f : started.failures()) {
            ObjectNode failure = failures.addObject();
            if (f.closestInstance() != null) {
                failure.put("arn", EcsArns.containerInstance(c.name(), f.closestInstance()));
            }
            failure.put("reason", f.reason());
            if (f.message() != null) {
                failure.put("detail", f.message());
            }
        }
        return out;
    }

    private final java.util.concurrent.atomic.AtomicInteger runTaskCounter = new java.util.concurrent.atomic.AtomicInteger();

    // ------------------------------------------------------------------ task definitions

    /** The book with the task definitions of every run held now. */
    private TaskDefinitionBook book() {
        taskDefinitions.seed(runs.get());
        return taskDefinitions;
    }

    private ObjectNode registerTaskDefinition(JsonNode in) {
        TaskDefinitionBook.Revision r = book().register(in, java.time.Instant.now());
        ObjectNode out = JSON.createObjectNode();
        out.set("taskDefinition", TaskDefinitionBook.describe(r));
        ArrayNode tags = out.putArray("tags");
        r.tags.forEach(tags::add);
        return out;
    }

    private ObjectNode describeTaskDefinition(JsonNode in) {
        String ref = text(in, "taskDefinition", null);
        if (ref == null) {
            throw EcsApiException.invalid("taskDefinition cannot be empty.");
        }
        List<String> include = strings(in, "include");
        for (String what : include) {
            if (!"TAGS".equals(what)) {
                throw EcsApiException.invalid("include must be TAGS.");
            }
        }
        TaskDefinitionBook.Revision r = book().find(ref).orElseThrow(() ->
                new EcsApiException("ClientException", "Unable to describe task definition."));
        ObjectNode out = JSON.createObjectNode();
        out.set("taskDefinition", TaskDefinitionBook.describe(r));
        if (include.contains("TAGS")) {
            ArrayNode tags = out.putArray("tags");
            r.tags.forEach(tags::add);
        }
        return out;
    }

    private ObjectNode listTaskDefinitions(JsonNode in) {
        String family = text(in, "familyPrefix", null);
        String status = text(in, "status", "ACTIVE");
        if (!Set.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS").contains(status)) {
            throw EcsApiException.invalid("status must be one of ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
        }
        String sort = text(in, "sort", "ASC");
        if (!Set.of("ASC", "DESC").contains(sort)) {
            throw EcsApiException.invalid("sort must be ASC or DESC.");
        }
        List<String> arns = new ArrayList<>(book().all().stream()
                .filter(r -> family == null || r.family.equals(family))
                .filter(r -> status.equals(r.active() ? "ACTIVE" : "INACTIVE"))
                .map(TaskDefinitionBook.Revision::arn).toList());
        if ("DESC".equals(sort)) {
            java.util.Collections.reverse(arns);
        }
        return page(in, "taskDefinitionArns", arns, 100, 100);
    }

    private ObjectNode listTaskDefinitionFamilies(JsonNode in) {
        String prefix = text(in, "familyPrefix", "");
        String status = text(in, "status", "ALL");
        if (!Set.of("ACTIVE", "INACTIVE", "ALL").contains(status)) {
            throw EcsApiException.invalid("status must be one of ACTIVE, INACTIVE, ALL.");
        }
        Map<String, Boolean> active = new java.util.TreeMap<>();
        for (TaskDefinitionBook.Revision r : book().all()) {
            if (r.family.startsWith(prefix)) {
                active.merge(r.family, r.active(), Boolean::logicalOr);
            }
        }
        List<String> families = active.entrySet().stream()
                .filter(e -> "ALL".equals(status) || e.getValue() == "ACTIVE".equals(status))
                .map(Map.Entry::getKey).toList();
        return page(in, "families", families, 100, 100);
    }

    private ObjectNode deregisterTaskDefinition(JsonNode in) {
        String ref = text(in, "taskDefinition", null);
        if (ref == null) {
            throw EcsApiException.invalid("taskDefinition cannot be empty.");
        }
        TaskDefinitionBook.Revision r = book().deregister(ref, java.time.Instant.now());
        ObjectNode out = JSON.createObjectNode();
        out.set("taskDefinition", TaskDefinitionBook.describe(r));
        return out;
    }

    // ------------------------------------------------------------------ container instances

    private ObjectNode listContainerInstances(JsonNode in) {
        ClusterView c = cluster(in);
        String status = text(in, "status", null);
        if (text(in, "filter", null) != null) {
            throw EcsApiException.invalid("The Stowage local ECS endpoint does not evaluate cluster query language "
                    + "filters (filter); list without it, or by status.");
        }
        List<String> arns = c.instances().stream()
                .filter(i -> status == null ? !"INACTIVE".equals(i.status()) : status.equals(i.status()))
                .map(i -> EcsShapes.instanceArn(i)).toList();
        return page(in, "containerInstanceArns", arns, 100, 100);
    }

    private ObjectNode describeContainerInstances(JsonNode in) {
        ClusterView c = cluster(in);
        List<String> asked = strings(in, "containerInstances");
        if (asked.isEmpty()) {
            throw EcsApiException.invalid("ContainerInstances cannot be empty.");
        }
        if (asked.size() > 100) {
            throw EcsApiException.invalid("ContainerInstances cannot have more than 100 elements");
        }
        Map<String, InstanceState> byId = new LinkedHashMap<>();
        c.instances().forEach(i -> byId.put(EcsArns.lastPart(EcsShapes.instanceArn(i)), i));
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("containerInstances");
        ArrayNode failures = out.putArray("failures");
        for (String ref : asked) {
            InstanceState i = byId.get(EcsArns.lastPart(ref));
            if (i == null) {
                failures.add(EcsShapes.failure(ref.startsWith("arn:") ? ref
                        : EcsArns.containerInstance(c.name(), ref), "MISSING"));
            } else {
                found.add(EcsShapes.instance(i, c));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ input

    private static String text(JsonNode in, String member, String fallback) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw EcsApiException.invalid(member + " must be a string.");
        }
        return v.asText().isEmpty() ? fallback : v.asText();
    }

    private static List<String> strings(JsonNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw EcsApiException.invalid(member + " must be a list of strings.");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    /**
     * One page of a list, as ECS pages: at most {@code maxResults} (1..limit, {@code fallback} when absent), and a
     * {@code nextToken} when more follow (an opaque token naming where the next page starts).
     */
    static ObjectNode page(JsonNode in, String member, List<String> all, int fallback, int limit) {
        int max = fallback;
        JsonNode m = in.get("maxResults");
        if (m != null && !m.isNull()) {
            if (!m.canConvertToInt() || m.asInt() < 1 || m.asInt() > limit) {
                throw EcsApiException.invalid("maxResults must be between 1 and " + limit + ".");
            }
            max = m.asInt();
        }
        int start = 0;
        String token = text(in, "nextToken", null);
        if (token != null) {
            start = offset(token, member);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray(member);
        int end = Math.min(all.size(), start + max);
        for (int i = start; i < end; i++) {
            list.add(all.get(i));
        }
        if (end < all.size()) {
            out.put("nextToken", token(member, end));
        }
        return out;
    }

    private static String token(String member, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((member + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token, String member) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(member + ":")) {
                int offset = Integer.parseInt(text.substring(member.length() + 1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException bad) {
            // Said below.
        }
        throw EcsApiException.invalid("Invalid nextToken.");
    }
}
