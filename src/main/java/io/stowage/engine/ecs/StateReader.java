package io.stowage.engine.ecs;

import io.stowage.model.deploy.ConsoleDefaults;
import io.stowage.model.deploy.DeployPlanner;
import io.stowage.model.deploy.PrunePlanner;
import io.stowage.model.deploy.Ec2Facts;
import io.stowage.model.deploy.Ec2Launch;
import io.stowage.model.deploy.Ec2Settings;
import io.stowage.model.deploy.ObservedCluster;
import io.stowage.model.deploy.ObservedEc2Instance;
import io.stowage.model.deploy.ObservedInstance;
import io.stowage.model.deploy.ObservedRevision;
import io.stowage.model.deploy.ObservedState;
import io.stowage.model.deploy.ObservedTask;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.design.StandaloneTask;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.SortOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Reads what ECS and EC2 hold of the things a design names, for the planner: its clusters, their services of
 * the design's names, their container instances, the tasks its standalone tasks may have started, the latest
 * ACTIVE revision of each family, and the EC2 instances and account facts launching needs. Task definitions are
 * described a few at a time in parallel, as they are one call each.
 */
final class StateReader {
    private static final Pattern EC2_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final int PARALLEL_DESCRIBES = 8;

    private final AwsClients aws;

    StateReader(AwsClients aws) {
        this.aws = aws;
    }

    ObservedState read(Design design) {
        Map<String, List<ObservedRevision>> revisions = readRevisions(design);
        Map<String, ObservedCluster> clusters = new LinkedHashMap<>();
        Map<String, JsonObject> described = describeClusters(design);
        for (Cluster cluster : design.clusters()) {
            JsonObject current = described.get(cluster.name());
            if (current == null) {
                continue;
            }
            clusters.put(cluster.name(), readCluster(cluster, current));
        }
        return new ObservedState(clusters, revisions, readEc2Facts(design)
                .withRolesAndLogGroups(readRoles(design), readLogGroups(design)));
    }

    /** Whether each console default role the design may need exists (unknown when IAM may not be asked). */
    private Map<String, Boolean> readRoles(Design design) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : ConsoleDefaults.rolesToCheck(design)) {
            try {
                call("GetRole", () -> aws.iam().getRole(r -> r.roleName(name)));
                out.put(name, true);
            } catch (EcsRequestException e) {
                if ("NoSuchEntity".equals(e.errorCode())) {
                    out.put(name, false);
                } else if (e.errorCode() == null || !e.errorCode().startsWith("AccessDenied")) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** Whether each awslogs group of the deploy's region exists; groups of other regions are not looked at. */
    private Map<String, Boolean> readLogGroups(Design design) {
        Map<String, String> groups = ConsoleDefaults.logGroups(design);
        Map<String, Boolean> out = new LinkedHashMap<>();
        if (groups.isEmpty()) {
            return out;
        }
        String region = aws.logs().serviceClientConfiguration().region().id();
        for (Map.Entry<String, String> group : groups.entrySet()) {
            if (group.getValue() != null && !group.getValue().equals(region)) {
                continue;
            }
            String name = group.getKey();
            boolean exists = call("DescribeLogGroups", () -> aws.logs().describeLogGroups(r -> r
                    .logGroupNamePrefix(name))).logGroups().stream().anyMatch(g -> name.equals(g.logGroupName()));
            out.put(name, exists);
        }
        return out;
    }

    private Map<String, JsonObject> describeClusters(Design design) {
        List<String> names = design.clusters().stream().map(Cluster::name).distinct().toList();
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (List<String> batch : Batches.of(names, 100)) {
            var response = call("DescribeClusters", () -> aws.ecs().describeClusters(r -> r.clusters(batch)));
            response.clusters().forEach(c -> out.put(c.clusterName(), SdkJson.toModel(c)));
        }
        return out;
    }

    private ObservedCluster readCluster(Cluster cluster, JsonObject described) {
        String name = cluster.name();
        String status = text(described, "status");
        if ("INACTIVE".equals(status)) {
            return new ObservedCluster(name, status, List.of(), JsonArray.EMPTY, Map.of(), List.of(), List.of(),
                    List.of());
        }
        List<String> providers = new ArrayList<>();
        if (described.get("capacityProviders") instanceof JsonArray a) {
            a.items().forEach(p -> providers.add(p instanceof io.stowage.model.json.JsonString s ? s.value() : ""));
        }
        JsonArray strategy = described.get("defaultCapacityProviderStrategy") instanceof JsonArray a ? a : JsonArray.EMPTY;
        return new ObservedCluster(name, status, providers, strategy, readServices(cluster),
                cluster.instances().isEmpty() && cluster.tasks().isEmpty() ? List.of() : readInstances(name),
                readEc2Instances(cluster), readTasks(cluster));
    }

    private Map<String, JsonObject> readServices(Cluster cluster) {
        List<String> names = cluster.services().stream().map(Service::serviceName).filter(n -> n != null).toList();
        Map<String, JsonObject> out = new LinkedHashMap<>();
        for (List<String> batch : Batches.of(names, Batches.SERVICES)) {
            var response = call("DescribeServices", () -> aws.ecs().describeServices(r -> r.cluster(cluster.name())
                    .services(batch)));
            response.services().forEach(s -> out.put(s.serviceName(), SdkJson.toModel(s)));
        }
        return out;
    }

    /**
     * For deploy --prune: in each of the design's clusters that exists, the ACTIVE services and the running tasks
     * not started by a service that carry the design's tag ({@link DeployPlanner#DESIGN_TAG}).
     */
    Map<String, PrunePlanner.Tagged> readTagged(Design design, ObservedState observed) {
        String value = DeployPlanner.designTag(design);
        Map<String, PrunePlanner.Tagged> out = new LinkedHashMap<>();
        for (Cluster cluster : design.clusters()) {
            if (observed.cluster(cluster.name()).isEmpty()) {
                continue;
            }
            String name = cluster.name();
            List<String> serviceArns = new ArrayList<>();
            call("ListServices", () -> {
                aws.ecs().listServicesPaginator(r -> r.cluster(name)).serviceArns().forEach(serviceArns::add);
                return null;
            });
            List<String> services = new ArrayList<>();
            for (List<String> batch : Batches.of(serviceArns, Batches.SERVICES)) {
                call("DescribeServices", () -> aws.ecs().describeServices(r -> r.cluster(name).services(batch)
                        .include(ServiceField.TAGS))).services().stream()
                        .filter(s -> "ACTIVE".equals(s.status()) && carries(s.tags().stream()
                                .map(t -> Map.entry(t.key(), t.value() == null ? "" : t.value())).toList(), value))
                        .forEach(s -> services.add(s.serviceName()));
            }
            List<String> taskArns = new ArrayList<>();
            call("ListTasks", () -> {
                aws.ecs().listTasksPaginator(r -> r.cluster(name).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                        .forEach(taskArns::add);
                return null;
            });
            List<ObservedTask> tasks = new ArrayList<>();
            for (List<String> batch : Batches.of(taskArns, Batches.TASKS)) {
                for (Task task : call("DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(name).tasks(batch)
                        .include(TaskField.TAGS))).tasks()) {
                    boolean ofAService = task.group() != null && task.group().startsWith("service:");
                    if (!ofAService && carries(task.tags().stream()
                            .map(t -> Map.entry(t.key(), t.value() == null ? "" : t.value())).toList(), value)) {
                        tasks.add(ObservedTask.fromDescribed(SdkJson.toModel(task)));
                    }
                }
            }
            out.put(name, new PrunePlanner.Tagged(services, tasks));
        }
        return out;
    }

    private static boolean carries(List<Map.Entry<String, String>> tags, String value) {
        return tags.stream().anyMatch(t -> DeployPlanner.DESIGN_TAG.equals(t.getKey()) && value.equals(t.getValue()));
    }

    List<ObservedInstance> readInstances(String cluster) {
        return readInstanceDescriptions(cluster).stream().map(ObservedInstance::fromDescribed).toList();
    }

    /** The cluster's container instances as DescribeContainerInstances gives them, as JSON. */
    List<JsonObject> readInstanceDescriptions(String cluster) {
        List<String> arns = new ArrayList<>();
        call("ListContainerInstances", () -> {
            aws.ecs().listContainerInstancesPaginator(r -> r.cluster(cluster)).containerInstanceArns().forEach(arns::add);
            return null;
        });
        List<JsonObject> out = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, Batches.INSTANCES)) {
            var response = call("DescribeContainerInstances", () -> aws.ecs().describeContainerInstances(r -> r
                    .cluster(cluster).containerInstances(batch)));
            response.containerInstances().forEach(i -> out.add(SdkJson.toModel(i)));
        }
        return out;
    }

    /** EC2 instances launched for the cluster (by tag), and those the design names by an EC2 id. */
    private List<ObservedEc2Instance> readEc2Instances(Cluster cluster) {
        if (cluster.instances().isEmpty()) {
            return List.of();
        }
        Map<String, ObservedEc2Instance> out = new LinkedHashMap<>();
        Filter live = Filter.builder().name("instance-state-name")
                .values("pending", "running", "stopping", "stopped").build();
        describeInstances(List.of(Filter.builder().name("tag:" + Ec2Launch.CLUSTER_TAG).values(cluster.name()).build(),
                live)).forEach(i -> out.put(i.instanceId(), i));
        List<String> ids = cluster.instances().stream().map(ContainerInstance::id)
                .filter(id -> EC2_ID.matcher(id).matches() && !out.containsKey(id)).toList();
        if (!ids.isEmpty()) {
            describeInstances(List.of(Filter.builder().name("instance-id").values(ids).build(), live))
                    .forEach(i -> out.put(i.instanceId(), i));
        }
        return List.copyOf(out.values());
    }

    private List<ObservedEc2Instance> describeInstances(List<Filter> filters) {
        List<ObservedEc2Instance> out = new ArrayList<>();
        call("DescribeInstances", () -> {
            for (Reservation reservation : aws.ec2().describeInstancesPaginator(r -> r.filters(filters)).reservations()) {
                for (Instance instance : reservation.instances()) {
                    out.add(ObservedEc2Instance.fromDescribed(SdkJson.toModel(instance)));
                }
            }
            return null;
        });
        return out;
    }

    /** The tasks each standalone task may have started: by its startedBy, else by its family. */
    private List<ObservedTask> readTasks(Cluster cluster) {
        Set<String> arns = new LinkedHashSet<>();
        for (StandaloneTask task : cluster.tasks()) {
            String startedBy = task.run().startedBy();
            String family = task.taskDefinitionFamily();
            for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                call("ListTasks", () -> {
                    aws.ecs().listTasksPaginator(r -> {
                        r.cluster(cluster.name()).desiredStatus(desired);
                        // ListTasks.startedBy [M]: "it must be the only filter that you use".
                        if (startedBy != null && !startedBy.isEmpty()) {
                            r.startedBy(startedBy);
                        } else {
                            r.family(family);
                        }
                    }).taskArns().forEach(arns::add);
                    return null;
                });
            }
        }
        List<ObservedTask> out = new ArrayList<>();
        for (Task task : describeTasks(cluster.name(), List.copyOf(arns))) {
            out.add(ObservedTask.fromDescribed(SdkJson.toModel(task)));
        }
        return out;
    }

    List<Task> describeTasks(String cluster, List<String> arns) {
        List<Task> out = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, Batches.TASKS)) {
            out.addAll(call("DescribeTasks", () -> aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks());
        }
        return out;
    }

    private Map<String, List<ObservedRevision>> readRevisions(Design design) {
        List<String> families = design.taskDefinitionList().stream().map(TaskDefinition::family).toList();
        Map<String, List<ObservedRevision>> out = new LinkedHashMap<>();
        if (families.isEmpty()) {
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_DESCRIBES, families.size()), r -> {
            Thread t = new Thread(r, "stowage-describe-task-definition");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<List<ObservedRevision>>> futures = new LinkedHashMap<>();
            families.forEach(f -> futures.put(f, CompletableFuture.supplyAsync(() -> latestActive(f), pool)));
            futures.forEach((family, future) -> out.put(family, join(future)));
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** The family's latest ACTIVE revision, or none. */
    List<ObservedRevision> latestActive(String family) {
        software.amazon.awssdk.services.ecs.model.TaskDefinition latest;
        try {
            latest = call("DescribeTaskDefinition", () -> aws.ecs().describeTaskDefinition(r -> r.taskDefinition(family)))
                    .taskDefinition();
        } catch (EcsRequestException e) {
            if ("ClientException".equals(e.errorCode())) {
                return List.of();
            }
            throw e;
        }
        if (latest.status() != TaskDefinitionStatus.ACTIVE) {
            // The newest revision was deregistered; an older one may still be ACTIVE.
            var arns = call("ListTaskDefinitions", () -> aws.ecs().listTaskDefinitions(r -> r.familyPrefix(family)
                    .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC).maxResults(1))).taskDefinitionArns();
            if (arns.isEmpty()) {
                return List.of();
            }
            latest = call("DescribeTaskDefinition", () -> aws.ecs().describeTaskDefinition(r -> r
                    .taskDefinition(arns.get(0)))).taskDefinition();
        }
        return List.of(ObservedRevision.fromDescribed(SdkJson.toModel(latest)));
    }

    private Ec2Facts readEc2Facts(Design design) {
        boolean awsvpc = design.taskDefinitionList().stream().anyMatch(td -> "awsvpc".equals(td.networkMode()));
        if (!awsvpc && design.clusters().stream().allMatch(c -> c.instances().isEmpty())) {
            return Ec2Facts.NONE;
        }
        Map<String, String> subnets = new LinkedHashMap<>();
        String[] vpc = new String[1];
        call("DescribeSubnets", () -> {
            aws.ec2().describeSubnetsPaginator(r -> r.filters(Filter.builder().name("default-for-az").values("true")
                    .build())).subnets().forEach(s -> {
                        subnets.putIfAbsent(s.availabilityZone(), s.subnetId());
                        vpc[0] = vpc[0] == null ? s.vpcId() : vpc[0];
                    });
            return null;
        });
        String group = awsvpc && vpc[0] != null ? defaultSecurityGroup(vpc[0]) : null;
        Map<String, Boolean> profiles = new LinkedHashMap<>();
        for (Cluster cluster : design.clusters()) {
            if (cluster.instances().isEmpty()) {
                continue;
            }
            String profile = Ec2Settings.of(cluster).instanceProfile();
            String name = profile.substring(profile.lastIndexOf('/') + 1);
            if (!profiles.containsKey(profile)) {
                Boolean exists = instanceProfileExists(name);
                if (exists != null) {
                    profiles.put(profile, exists);
                }
            }
        }
        return new Ec2Facts(subnets, profiles, vpc[0], group);
    }

    /** The VPC's security group named default, which every VPC has and ECS uses when none is given. */
    private String defaultSecurityGroup(String vpc) {
        return call("DescribeSecurityGroups", () -> aws.ec2().describeSecurityGroups(r -> r.filters(
                Filter.builder().name("vpc-id").values(vpc).build(),
                Filter.builder().name("group-name").values("default").build())))
                .securityGroups().stream().map(g -> g.groupId()).findFirst().orElse(null);
    }

    /** Whether the profile exists, or null when the caller may not ask IAM (then launching will tell). */
    private Boolean instanceProfileExists(String name) {
        try {
            call("GetInstanceProfile", () -> aws.iam().getInstanceProfile(r -> r.instanceProfileName(name)));
            return true;
        } catch (EcsRequestException e) {
            if ("NoSuchEntity".equals(e.errorCode())) {
                return false;
            }
            if (e.errorCode() != null && e.errorCode().startsWith("AccessDenied")) {
                return null;
            }
            throw e;
        }
    }

    private <T> T call(String operation, java.util.function.Supplier<T> request) {
        return AwsErrors.call(aws.settings(), operation, request);
    }

    private static String text(JsonObject object, String key) {
        return object.get(key) instanceof io.stowage.model.json.JsonString s ? s.value() : null;
    }
}
