package io.stowage.engine.ecs;

import io.stowage.model.deploy.Ec2Launch;
import io.stowage.model.deploy.TaskDefinitionNormalizer;
import io.stowage.model.design.TaskDefinitionRef;
import io.stowage.model.json.JsonObject;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a call whose answer was lost made, read back through the retrying clients before the call is made again
 * ({@link ReadBeforeRetry}): the revision with the content that was registered, the service of the name that was
 * created, the tasks that are new since RunTask was called, the instances launched with the client token.
 */
final class LostAnswers {
    private final AwsClients aws;

    LostAnswers(AwsClients aws) {
        this.aws = aws;
    }

    /** The family's latest revision when its content is the request's: registering it again would make a copy. */
    Optional<TaskDefinition> registered(JsonObject request) {
        String family = request.get("family") instanceof io.stowage.model.json.JsonString s ? s.value() : null;
        if (family == null) {
            return Optional.empty();
        }
        TaskDefinition latest;
        try {
            latest = aws.ecs().describeTaskDefinition(r -> r.taskDefinition(family)).taskDefinition();
        } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
            return Optional.empty(); // no revision of the family at all
        }
        return TaskDefinitionNormalizer.sameContent(request, SdkJson.toModel(latest)) ? Optional.of(latest)
                : Optional.empty();
    }

    /** The ACTIVE service of this name, as CreateService would have answered. */
    Optional<Service> service(String cluster, String name) {
        return aws.ecs().describeServices(r -> r.cluster(cluster).services(name)).services().stream()
                .filter(s -> "ACTIVE".equals(s.status())).findFirst();
    }

    /**
     * The ARNs of the tasks a RunTask of this request could be among: those of its {@code startedBy} when it has
     * one, else of its family, running or stopped (ListTasks takes one of those filters at a time).
     */
    Set<String> taskArns(String cluster, String taskDefinition, String startedBy) {
        TaskDefinitionRef ref = TaskDefinitionRef.parse(taskDefinition);
        Set<String> arns = new LinkedHashSet<>();
        for (DesiredStatus desired : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            aws.ecs().listTasksPaginator(r -> {
                r.cluster(cluster).desiredStatus(desired);
                if (startedBy != null && !startedBy.isEmpty()) {
                    r.startedBy(startedBy);
                } else if (ref != null) {
                    r.family(ref.family());
                }
            }).taskArns().forEach(arns::add);
        }
        return arns;
    }

    /** The tasks among {@code arns}, described. */
    List<Task> tasks(String cluster, Set<String> arns) {
        List<Task> out = new ArrayList<>();
        for (List<String> batch : Batches.of(List.copyOf(arns), Batches.TASKS)) {
            out.addAll(aws.ecs().describeTasks(r -> r.cluster(cluster).tasks(batch)).tasks());
        }
        return out;
    }

    /** The ids of the instances launched for this design instance (any state but terminated). */
    Set<String> launchedIds(Ec2Launch launch) {
        Set<String> ids = new LinkedHashSet<>();
        launchedFor(launch).forEach(i -> ids.add(i.instanceId()));
        return ids;
    }

    /**
     * The instance RunInstances launched for this design instance with this client token, or, where the endpoint
     * does not report tokens (moto), the one launched for it that was not there before the call.
     */
    Optional<Instance> launched(Ec2Launch launch, String clientToken, Set<String> before) {
        return launchedFor(launch).stream()
                .filter(i -> i.clientToken() == null || i.clientToken().isEmpty() ? !before.contains(i.instanceId())
                        : clientToken.equals(i.clientToken()))
                .findFirst();
    }

    private List<Instance> launchedFor(Ec2Launch launch) {
        List<Instance> out = new ArrayList<>();
        aws.ec2().describeInstances(r -> r.filters(
                Filter.builder().name("tag:" + Ec2Launch.CLUSTER_TAG).values(launch.cluster()).build(),
                Filter.builder().name("tag:" + Ec2Launch.INSTANCE_TAG).values(launch.designId()).build()))
                .reservations().forEach(res -> res.instances().stream()
                        .filter(i -> i.state() == null || !"terminated".equals(i.state().nameAsString()))
                        .forEach(out::add));
        return out;
    }
}
