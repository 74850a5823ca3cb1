package io.stowage.engine.ecs;

import io.stowage.model.deploy.DestroyPlan;
import io.stowage.model.design.Design;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans and applies {@code stowage destroy}: the same contract as deploy (a plan that only reads, an apply that
 * stops at the first failure saying what was done and what was not, and applying again removes what is left).
 */
public final class Destroyer {
    /** One step's end: what came of it, or the failure. */
    public record Outcome(DestroyPlan.Step step, String result, String failure) {
    }

    /** Called as the apply goes. */
    public interface Listener {
        void started(DestroyPlan.Step step, int number, int of);

        void finished(DestroyPlan.Step step, String result);
    }

    private final AwsClients aws;

    Destroyer(AwsClients aws) {
        this.aws = aws;
    }

    public DestroyPlan plan(Design design, boolean deregisterFamilies) {
        return DestroyPlan.of(design, new StateReader(aws).read(design), deregisterFamilies);
    }

    /** Makes the steps in order; stops at the first that fails, or before the next when cancelled. */
    public List<Outcome> apply(DestroyPlan plan, Listener listener, Cancellation cancellation) {
        List<Outcome> out = new ArrayList<>();
        Set<String> deletedServices = new LinkedHashSet<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            DestroyPlan.Step step = plan.steps().get(i);
            if (cancellation.isCancelled()) {
                break;
            }
            listener.started(step, i + 1, plan.steps().size());
            String result;
            try {
                result = apply(step, deletedServices);
            } catch (EcsRequestException | io.stowage.engine.EngineUnavailableException e) {
                out.add(new Outcome(step, null, e.getMessage()));
                return out;
            }
            out.add(new Outcome(step, result, null));
            listener.finished(step, result);
        }
        return out;
    }

    private String apply(DestroyPlan.Step step, Set<String> deletedServices) {
        String cluster = step.cluster();
        String target = step.target();
        return switch (step.kind()) {
            case DELETE_SERVICE -> {
                call("UpdateService", () -> aws.ecs().updateService(r -> r.cluster(cluster).service(target).desiredCount(0)));
                call("DeleteService", () -> aws.ecs().deleteService(r -> r.cluster(cluster).service(target)));
                deletedServices.add(cluster + "/" + target);
                yield "scaled to 0 and deleted";
            }
            case STOP_TASK -> {
                call("StopTask", () -> aws.ecs().stopTask(r -> r.cluster(cluster).task(target)
                        .reason("stowage destroy")));
                yield "stopped";
            }
            case DEREGISTER_INSTANCE -> {
                call("DeregisterContainerInstance", () -> aws.ecs().deregisterContainerInstance(r -> r.cluster(cluster)
                        .containerInstance(target).force(true)));
                yield "deregistered";
            }
            case TERMINATE_INSTANCE -> call("TerminateInstances", () -> aws.ec2().terminateInstances(r -> r
                    .instanceIds(target))).terminatingInstances().get(0).currentState().nameAsString();
            case DEREGISTER_FAMILY -> {
                List<String> arns = new ArrayList<>();
                call("ListTaskDefinitions", () -> {
                    aws.ecs().listTaskDefinitionsPaginator(r -> r.familyPrefix(target).status(TaskDefinitionStatus.ACTIVE))
                            .taskDefinitionArns().forEach(arn -> {
                                if (arn.substring(arn.lastIndexOf('/') + 1).startsWith(target + ":")) {
                                    arns.add(arn);
                                }
                            });
                    return null;
                });
                for (String arn : arns) {
                    call("DeregisterTaskDefinition", () -> aws.ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
                }
                yield arns.size() + " revision(s) deregistered";
            }
            case DELETE_CLUSTER -> deleteClusterIfEmpty(cluster, deletedServices);
        };
    }

    /** Deletes the cluster only when it holds nothing else: services still there or instances keep it. */
    private String deleteClusterIfEmpty(String cluster, Set<String> deletedServices) {
        List<String> ours = deletedServices.stream().filter(s -> s.startsWith(cluster + "/"))
                .map(s -> s.substring(cluster.length() + 1)).toList();
        if (!ours.isEmpty()) {
            // DeleteCluster refuses a cluster with DRAINING services: the SDK's waiter waits until they are INACTIVE.
            aws.ecs().waiter().waitUntilServicesInactive(r -> r.cluster(cluster).services(ours));
        }
        var described = call("DescribeClusters", () -> aws.ecs().describeClusters(r -> r.clusters(cluster))).clusters();
        if (described.isEmpty() || "INACTIVE".equals(described.get(0).status())) {
            return "already gone";
        }
        // Listed rather than taken from the cluster's counts, which an endpoint may not keep (moto does not).
        int services = (int) call("ListServices", () -> aws.ecs().listServices(r -> r.cluster(cluster))).serviceArns()
                .stream().filter(arn -> !ours.contains(arn.substring(arn.lastIndexOf('/') + 1))).count();
        int instances = call("ListContainerInstances", () -> aws.ecs().listContainerInstances(r -> r.cluster(cluster)
                .status(software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus.ACTIVE)))
                .containerInstanceArns().size();
        int tasks = call("ListTasks", () -> aws.ecs().listTasks(r -> r.cluster(cluster)
                .desiredStatus(software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING))).taskArns().size();
        if (instances > 0 || services > 0 || tasks > 0) {
            return "kept: it still holds " + services + " service(s), " + instances + " container instance(s) and "
                    + tasks + " task(s) the design did not make";
        }
        return call("DeleteCluster", () -> aws.ecs().deleteCluster(r -> r.cluster(cluster))).cluster().status();
    }

    private <T> T call(String operation, java.util.function.Supplier<T> request) {
        return AwsErrors.call(aws.settings(), operation, request);
    }
}
