package io.stowage.engine.ecs;

import io.stowage.model.deploy.EcsAgentConfig;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.ContainerStatus;
import io.stowage.model.runtime.HealthStatus;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what ECS describes into the runtime state the local runner reports too, so the live view shows ECS and
 * local tasks alike. Stopped tasks keep their stopped reason, stop code and container exit codes.
 */
final class RuntimeMapping {
    /** Service events kept per service: the newest, as the console shows them. */
    static final int EVENTS_KEPT = 20;

    private RuntimeMapping() {
    }

    /**
     * @param cluster      the cluster name
     * @param instanceIds  container-instance ARN to the id the design knows the instance by
     * @param essentials   container names that are not essential in the task's revision (ECS does not say on
     *                     the task); empty when unknown
     */
    static TaskState task(String cluster, Task t, Map<String, String> instanceIds, Set<String> notEssential) {
        List<ContainerState> containers = t.containers().stream().map(c -> container(c, notEssential)).toList();
        return new TaskState(t.taskArn(), cluster, t.group(), t.taskDefinitionArn(), t.containerInstanceArn(),
                t.containerInstanceArn() == null ? null : instanceIds.get(t.containerInstanceArn()),
                t.availabilityZone(), t.launchTypeAsString(), taskStatus(t.lastStatus()), taskStatus(t.desiredStatus()),
                t.healthStatus() == null ? null : HealthStatus.of(t.healthStatusAsString()),
                blankToNull(t.stoppedReason()), t.stopCodeAsString(), t.createdAt(), t.startedAt(), t.stoppedAt(),
                containers);
    }

    private static ContainerState container(Container c, Set<String> notEssential) {
        ContainerStatus status = ContainerStatus.of(c.lastStatus());
        List<NetworkBinding> bindings = c.networkBindings().stream().map(b -> new NetworkBinding(b.bindIP(),
                b.containerPort() == null ? 0 : b.containerPort(), b.hostPort() == null ? 0 : b.hostPort(),
                b.protocolAsString())).toList();
        return new ContainerState(c.name(), c.runtimeId(), c.image(), status == null ? ContainerStatus.PENDING : status,
                c.exitCode(), blankToNull(c.reason()),
                c.healthStatus() == null ? null : HealthStatus.of(c.healthStatusAsString()),
                !notEssential.contains(c.name()), bindings, null, null);
    }

    /** A status ECS may add later reads as the nearest known one before it, never as a crash. */
    private static TaskStatus taskStatus(String name) {
        TaskStatus status = TaskStatus.of(name);
        return status != null ? status : name == null ? TaskStatus.PROVISIONING : TaskStatus.PENDING;
    }

    /** The id the design knows the instance by: its {@code stowage.instance} attribute, else its EC2 id. */
    static String instanceId(ContainerInstance i) {
        for (Attribute a : i.attributes()) {
            if (EcsAgentConfig.INSTANCE_ATTRIBUTE.equals(a.name()) && a.value() != null) {
                return a.value();
            }
        }
        if (i.ec2InstanceId() != null) {
            return i.ec2InstanceId();
        }
        return i.containerInstanceArn().substring(i.containerInstanceArn().lastIndexOf('/') + 1);
    }

    static InstanceState instance(String cluster, ContainerInstance i) {
        return new InstanceState(cluster, instanceId(i), i.containerInstanceArn(), i.ec2InstanceId(), i.status(),
                Boolean.TRUE.equals(i.agentConnected()), i.versionInfo() == null ? null : i.versionInfo().agentVersion(),
                orZero(i.runningTasksCount()), orZero(i.pendingTasksCount()),
                resource(i.registeredResources(), "CPU"), resource(i.registeredResources(), "MEMORY"),
                resource(i.remainingResources(), "CPU"), resource(i.remainingResources(), "MEMORY"));
    }

    static ServiceState service(String cluster, Service s) {
        List<ServiceEvent> events = s.events().stream().limit(EVENTS_KEPT)
                .map(e -> new ServiceEvent(e.id(), e.createdAt(), e.message())).toList();
        List<ServiceDeployment> deployments = s.deployments().stream().map(RuntimeMapping::deployment).toList();
        return new ServiceState(cluster, s.serviceName(), s.status(), orZero(s.desiredCount()),
                orZero(s.runningCount()), orZero(s.pendingCount()), s.taskDefinition(), events, deployments);
    }

    private static ServiceDeployment deployment(Deployment d) {
        return new ServiceDeployment(d.id(), d.status(), d.taskDefinition(), orZero(d.desiredCount()),
                orZero(d.runningCount()), orZero(d.pendingCount()), orZero(d.failedTasks()),
                d.rolloutStateAsString(), d.rolloutStateReason(), d.updatedAt());
    }

    private static int resource(List<Resource> resources, String name) {
        return resources.stream().filter(r -> name.equals(r.name()) && r.integerValue() != null)
                .mapToInt(Resource::integerValue).findFirst().orElse(0);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
