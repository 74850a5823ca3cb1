package io.stowage.engine.ecs;

import io.stowage.model.deploy.DesignFromCluster;
import io.stowage.model.deploy.ImportSource;
import io.stowage.model.deploy.ObservedRevision;
import io.stowage.model.design.ImportedDesign;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.json.JsonObject;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a running cluster (its services, the task definitions they and its tasks run, its container instances
 * with their attributes and resources, its running tasks) into a new design laid out on the canvas.
 */
public final class ClusterImporter {
    private final AwsClients aws;

    public ClusterImporter(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * @throws EcsRequestException when ECS refuses a read, or has no such cluster
     * @throws io.stowage.engine.EngineUnavailableException when ECS cannot be reached
     */
    public ImportedDesign read(String clusterName, String designName) {
        return DesignFromCluster.build(designName, source(clusterName));
    }

    ImportSource source(String clusterName) {
        var clusters = call("DescribeClusters", () -> aws.ecs().describeClusters(r -> r.clusters(clusterName)));
        if (clusters.clusters().isEmpty() || "INACTIVE".equals(clusters.clusters().get(0).status())) {
            throw new EcsRequestException("DescribeClusters", "ClusterNotFoundException", "there is no cluster "
                    + clusterName + " in " + where(), null);
        }
        List<JsonObject> services = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (Service service : ClusterReads.services(aws, clusterName)) {
            if ("ACTIVE".equals(service.status())) {
                services.add(SdkJson.toModel(service));
                addFamily(service.taskDefinition(), families);
            }
        }
        StateReader reader = new StateReader(aws);
        List<JsonObject> instances = new ArrayList<>();
        reader.readInstanceDescriptions(clusterName).forEach(instances::add);
        List<String> taskArns = new ArrayList<>();
        call("ListTasks", () -> {
            aws.ecs().listTasksPaginator(r -> r.cluster(clusterName).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                    .forEach(taskArns::add);
            return null;
        });
        List<JsonObject> tasks = new ArrayList<>();
        for (Task task : reader.describeTasks(clusterName, taskArns)) {
            tasks.add(SdkJson.toModel(task));
            addFamily(task.taskDefinitionArn(), families);
        }
        Map<String, JsonObject> latest = new LinkedHashMap<>();
        for (String family : families) {
            List<ObservedRevision> revision = reader.latestActive(family);
            if (!revision.isEmpty()) {
                latest.put(family, revision.get(0).content());
            }
        }
        return new ImportSource(clusterName, services, latest, instances, tasks, launched(clusterName));
    }

    /** EC2 instances a deploy launched for the cluster (by its tag), pending or running; none when EC2 may not be read. */
    private List<JsonObject> launched(String clusterName) {
        List<JsonObject> out = new ArrayList<>();
        try {
            call("DescribeInstances", () -> {
                aws.ec2().describeInstancesPaginator(r -> r.filters(
                        software.amazon.awssdk.services.ec2.model.Filter.builder()
                                .name("tag:" + io.stowage.model.deploy.Ec2Launch.CLUSTER_TAG).values(clusterName).build(),
                        software.amazon.awssdk.services.ec2.model.Filter.builder().name("instance-state-name")
                                .values("pending", "running").build()))
                        .reservations().forEach(res -> res.instances().forEach(i -> out.add(SdkJson.toModel(i))));
                return null;
            });
        } catch (EcsRequestException e) {
            if (e.errorCode() == null || !e.errorCode().startsWith("AccessDenied") && !e.errorCode().startsWith("UnauthorizedOperation")) {
                throw e;
            }
        }
        return out;
    }

    private static void addFamily(String arn, Set<String> families) {
        TaskDefinitionRef ref = TaskDefinitionRef.parse(arn);
        if (ref != null) {
            families.add(ref.family());
        }
    }

    private String where() {
        EcsSettings s = aws.settings();
        return s.endpointOverride() != null ? s.endpointOverride().toString()
                : "region " + (s.region() == null ? "(default)" : s.region());
    }

    private <T> T call(String operation, Supplier<T> request) {
        return AwsErrors.call(aws.settings(), operation, request);
    }
}
