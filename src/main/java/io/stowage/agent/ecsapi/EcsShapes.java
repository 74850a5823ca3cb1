package io.stowage.agent.ecsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stowage.model.design.Service;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonText;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.ServiceDeployment;
import io.stowage.model.runtime.ServiceEvent;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;
import io.stowage.model.runtime.TaskStatus;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The runtime model in the output shapes of botocore's ECS model (Cluster, Service, Deployment, Task, Container,
 * ContainerInstance, Failure): only members the model has, timestamps as epoch seconds (the AWS JSON protocol's
 * form, which every SDK reads), absent values left out.
 */
final class EcsShapes {
    /** As many events as DescribeServices returns at most. */
    static final int MAX_EVENTS = 100;

    private EcsShapes() {
    }

    static ObjectNode failure(String arn, String reason) {
        return EcsApi.JSON.createObjectNode().put("arn", arn).put("reason", reason);
    }

    static ObjectNode cluster(EcsApi.ClusterView c) {
        ObjectNode out = EcsApi.JSON.createObjectNode();
        out.put("clusterArn", EcsArns.cluster(c.name()));
        out.put("clusterName", c.name());
        out.put("status", "ACTIVE");
        List<InstanceState> instances = c.instances();
        out.put("registeredContainerInstancesCount",
                instances.stream().filter(i -> !"INACTIVE".equals(i.status())).count());
        List<TaskState> tasks = c.tasks();
        out.put("runningTasksCount", tasks.stream().filter(t -> t.lastStatus() == TaskStatus.RUNNING).count());
        out.put("pendingTasksCount", tasks.stream().filter(t -> t.lastStatus() == TaskStatus.PENDING).count());
        out.put("activeServicesCount", c.services().stream()
                .filter(s -> "ACTIVE".equals(s.state().status())).count());
        out.putArray("statistics");
        out.putArray("tags");
        ObjectNode insights = out.putArray("settings").addObject();
        insights.put("name", "containerInsights").put("value", "disabled");
        ArrayNode providers = out.putArray("capacityProviders");
        if (c.parts().stream().anyMatch(p -> p.cluster().hasFargate())) {
            providers.add("FARGATE").add("FARGATE_SPOT");
        }
        out.putArray("defaultCapacityProviderStrategy");
        return out;
    }

    // ------------------------------------------------------------------ services

    static String launchType(EcsApi.ServiceView s) {
        return s.design() == null ? "EC2" : s.design().launchType();
    }

    static String schedulingStrategy(EcsApi.ServiceView s) {
        return s.design() != null && s.design().isDaemon() ? Service.DAEMON : Service.REPLICA;
    }

    /** The id of a service's deployment of one revision, as ECS forms it ({@code ecs-svc/} and 19 digits). */
    static String deploymentId(String cluster, String service, String taskDefinition) {
        return ServiceDeployment.idFor(cluster, service, taskDefinition);
    }

    /** Who started a task: its service's deployment, as ECS writes {@code startedBy}; null for a standalone task. */
    static String startedBy(TaskState t) {
        return t.serviceName() == null ? null
                : deploymentId(t.cluster(), t.serviceName(), EcsArns.taskDefinition(t.taskDefinitionArn()));
    }

    static ObjectNode service(String cluster, EcsApi.ServiceView view) {
        return service(cluster, view, null);
    }

    /** The service; {@code changed} the deployment configuration's members UpdateService set, or null. */
    static ObjectNode service(String cluster, EcsApi.ServiceView view, ObjectNode changed) {
        ServiceState s = view.state();
        JsonObject spec = view.design() == null ? JsonObject.EMPTY : view.design().spec().json();
        Instant created = view.part().run().since();
        String taskDefinition = EcsArns.taskDefinition(s.taskDefinitionArn());
        ObjectNode out = EcsApi.JSON.createObjectNode();
        out.put("serviceArn", EcsArns.service(cluster, s.serviceName()));
        out.put("serviceName", s.serviceName());
        out.put("clusterArn", EcsArns.cluster(cluster));
        out.set("loadBalancers", copy(spec, "loadBalancers", true));
        out.set("serviceRegistries", copy(spec, "serviceRegistries", true));
        out.put("status", s.status());
        out.put("desiredCount", s.desiredCount());
        out.put("runningCount", s.runningCount());
        out.put("pendingCount", s.pendingCount());
        boolean providers = spec.get("capacityProviderStrategy") != null;
        if (providers) {
            out.set("capacityProviderStrategy", copy(spec, "capacityProviderStrategy", true));
        } else {
            out.put("launchType", launchType(view));
        }
        putText(out, "taskDefinition", taskDefinition);
        ObjectNode configuration = deploymentConfiguration(spec);
        if (changed != null) {
            configuration.setAll(changed.deepCopy());
        }
        out.set("deploymentConfiguration", configuration);
        ArrayNode deployments = out.putArray("deployments");
        if (s.deployments().isEmpty()) {
            ObjectNode d = deployments.addObject();
            String id = deploymentId(cluster, s.serviceName(), taskDefinition);
            boolean steady = s.runningCount() == s.desiredCount() && s.pendingCount() == 0;
            d.put("id", id);
            d.put("status", "PRIMARY");
            putText(d, "taskDefinition", taskDefinition);
            d.put("desiredCount", s.desiredCount());
            d.put("pendingCount", s.pendingCount());
            d.put("runningCount", s.runningCount());
            d.put("failedTasks", 0);
            d.set("createdAt", time(created));
            d.set("updatedAt", time(latest(view, created)));
            if (!providers) {
                d.put("launchType", launchType(view));
            }
            d.put("rolloutState", steady ? "COMPLETED" : "IN_PROGRESS");
            d.put("rolloutStateReason", steady ? "ECS deployment " + id + " completed."
                    : "ECS deployment " + id + " in progress.");
        } else {
            for (ServiceDeployment sd : s.deployments()) {
                ObjectNode d = deployments.addObject();
                d.put("id", sd.id());
                d.put("status", sd.status());
                putText(d, "taskDefinition", EcsArns.taskDefinition(sd.taskDefinitionArn()));
                d.put("desiredCount", sd.desiredCount());
                d.put("pendingCount", sd.pendingCount());
                d.put("runningCount", sd.runningCount());
                d.put("failedTasks", sd.failedTasks());
                d.set("createdAt", time(created));
                if (sd.updatedAt() != null) {
                    d.set("updatedAt", time(sd.updatedAt()));
                }
                if (!providers) {
                    d.put("launchType", launchType(view));
                }
                putText(d, "rolloutState", sd.rolloutState());
                putText(d, "rolloutStateReason", sd.rolloutStateReason());
            }
        }
        ArrayNode events = out.putArray("events");
        for (ServiceEvent e : s.events().subList(0, Math.min(MAX_EVENTS, s.events().size()))) {
            ObjectNode event = events.addObject();
            event.put("id", e.id());
            event.set("createdAt", time(e.createdAt()));
            event.put("message", e.message());
        }
        out.set("createdAt", time(created));
        out.set("placementConstraints", copy(spec, "placementConstraints", true));
        out.set("placementStrategy", copy(spec, "placementStrategy", true));
        if (spec.get("networkConfiguration") != null) {
            out.set("networkConfiguration", copy(spec, "networkConfiguration", false));
        }
        if (spec.get("healthCheckGracePeriodSeconds") != null) {
            out.set("healthCheckGracePeriodSeconds", copy(spec, "healthCheckGracePeriodSeconds", false));
        }
        out.put("schedulingStrategy", schedulingStrategy(view));
        out.putObject("deploymentController").put("type", "ECS");
        out.putArray("tags");
        out.put("enableECSManagedTags", Boolean.TRUE.equals(view.design() == null ? null
                : view.design().spec().enableECSManagedTags()));
        out.put("propagateTags", spec.get("propagateTags") == null ? "NONE"
                : view.design().spec().propagateTags());
        out.put("enableExecuteCommand", Boolean.TRUE.equals(view.design() == null ? null
                : view.design().spec().enableExecuteCommand()));
        return out;
    }

    private static Instant latest(EcsApi.ServiceView view, Instant fallback) {
        Instant latest = fallback;
        for (TaskState t : view.tasks()) {
            for (Instant at : new Instant[]{t.createdAt(), t.startedAt(), t.stoppedAt()}) {
                if (at != null && at.isAfter(latest)) {
                    latest = at;
                }
            }
        }
        return latest;
    }

    private static ObjectNode deploymentConfiguration(JsonObject spec) {
        ObjectNode out = spec.get("deploymentConfiguration") == null ? EcsApi.JSON.createObjectNode()
                : (ObjectNode) copy(spec, "deploymentConfiguration", false);
        ObjectNode breaker = out.has("deploymentCircuitBreaker") ? (ObjectNode) out.get("deploymentCircuitBreaker")
                : out.putObject("deploymentCircuitBreaker");
        if (!breaker.has("enable")) {
            breaker.put("enable", false);
        }
        if (!breaker.has("rollback")) {
            breaker.put("rollback", false);
        }
        if (!out.has("maximumPercent")) {
            out.put("maximumPercent", 200);
        }
        if (!out.has("minimumHealthyPercent")) {
            out.put("minimumHealthyPercent", 100);
        }
        return out;
    }

    /** A member of the design's service as the endpoint's JSON; an empty list when absent and {@code list}. */
    private static JsonNode copy(JsonObject spec, String member, boolean list) {
        var value = spec.get(member);
        if (value == null) {
            return list ? EcsApi.JSON.createArrayNode() : EcsApi.JSON.nullNode();
        }
        try {
            return EcsApi.JSON.readTree(JsonText.compact(value));
        } catch (IOException e) {
            throw new IllegalStateException("the design's " + member + " is not JSON", e);
        }
    }

    // ------------------------------------------------------------------ tasks

    static ObjectNode task(TaskState t) {
        ObjectNode out = EcsApi.JSON.createObjectNode();
        out.putArray("attachments");
        out.putArray("attributes");
        putText(out, "availabilityZone", t.availabilityZone());
        out.put("clusterArn", EcsArns.cluster(t.cluster()));
        if (t.lastStatus() == TaskStatus.RUNNING || t.startedAt() != null) {
            out.put("connectivity", "CONNECTED");
            if (t.startedAt() != null) {
                out.set("connectivityAt", time(t.startedAt()));
            }
        }
        putText(out, "containerInstanceArn", t.containerInstanceArn());
        ArrayNode containers = out.putArray("containers");
        t.containers().forEach(c -> containers.add(container(t, c)));
        if (t.createdAt() != null) {
            out.set("createdAt", time(t.createdAt()));
        }
        out.put("desiredStatus", EcsApi.desiredStatus(t).name());
        out.put("enableExecuteCommand", false);
        putText(out, "group", t.group());
        out.put("healthStatus", t.healthStatus() == null ? "UNKNOWN" : t.healthStatus().name());
        out.put("lastStatus", t.lastStatus().name());
        putText(out, "launchType", t.launchType());
        ObjectNode overrides = out.putObject("overrides");
        overrides.putArray("containerOverrides");
        overrides.putArray("inferenceAcceleratorOverrides");
        if (t.startedAt() != null) {
            out.set("startedAt", time(t.startedAt()));
        }
        putText(out, "startedBy", startedBy(t));
        putText(out, "stopCode", t.stopCode());
        if (t.stoppedAt() != null) {
            out.set("stoppedAt", time(t.stoppedAt()));
        }
        putText(out, "stoppedReason", t.stoppedReason());
        out.putArray("tags");
        out.put("taskArn", t.taskArn());
        putText(out, "taskDefinitionArn", EcsArns.taskDefinition(t.taskDefinitionArn()));
        return out;
    }

    static ObjectNode container(TaskState t, ContainerState c) {
        ObjectNode out = EcsApi.JSON.createObjectNode();
        UUID id = UUID.nameUUIDFromBytes((t.taskArn() + "/" + c.name()).getBytes(StandardCharsets.UTF_8));
        out.put("containerArn", EcsArns.PREFIX + "container/" + t.cluster() + "/" + t.taskId() + "/" + id);
        out.put("taskArn", t.taskArn());
        out.put("name", c.name());
        putText(out, "image", c.image());
        putText(out, "runtimeId", c.runtimeId());
        out.put("lastStatus", c.lastStatus().name());
        if (c.exitCode() != null) {
            out.put("exitCode", c.exitCode());
        }
        putText(out, "reason", c.reason());
        ArrayNode bindings = out.putArray("networkBindings");
        for (NetworkBinding n : c.networkBindings()) {
            ObjectNode b = bindings.addObject();
            putText(b, "bindIP", n.bindIp());
            b.put("containerPort", n.containerPort());
            b.put("hostPort", n.hostPort());
            putText(b, "protocol", n.protocol());
        }
        out.putArray("networkInterfaces");
        out.put("healthStatus", c.healthStatus() == null ? "UNKNOWN" : c.healthStatus().name());
        return out;
    }

    // ------------------------------------------------------------------ container instances

    static String instanceArn(InstanceState i) {
        return i.containerInstanceArn() != null ? i.containerInstanceArn()
                : EcsArns.containerInstance(i.cluster(), i.instanceId());
    }

    static ObjectNode instance(InstanceState i, EcsApi.ClusterView cluster) {
        ObjectNode out = EcsApi.JSON.createObjectNode();
        out.put("containerInstanceArn", instanceArn(i));
        out.put("ec2InstanceId", i.ec2InstanceId() != null ? i.ec2InstanceId() : i.instanceId());
        ObjectNode version = out.putObject("versionInfo");
        putText(version, "agentVersion", i.agentVersion());
        out.set("remainingResources", resources(i.remainingCpu(), i.remainingMemoryMiB()));
        out.set("registeredResources", resources(i.registeredCpu(), i.registeredMemoryMiB()));
        putText(out, "status", i.status());
        out.put("agentConnected", i.agentConnected());
        out.put("runningTasksCount", i.runningTasksCount());
        out.put("pendingTasksCount", i.pendingTasksCount());
        out.putArray("attributes");
        Instant registered = cluster.parts().stream().filter(p -> p.snapshot().instances().containsKey(i.key()))
                .map(p -> p.run().since()).findFirst().orElse(null);
        if (registered != null) {
            out.set("registeredAt", time(registered));
        }
        out.putArray("tags");
        return out;
    }

    private static ArrayNode resources(int cpu, int memory) {
        ArrayNode out = EcsApi.JSON.createArrayNode();
        out.addObject().put("name", "CPU").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0L)
                .put("integerValue", cpu);
        out.addObject().put("name", "MEMORY").put("type", "INTEGER").put("doubleValue", 0.0).put("longValue", 0L)
                .put("integerValue", memory);
        return out;
    }

    // ------------------------------------------------------------------ values

    /** A timestamp as the AWS JSON protocol writes it: epoch seconds, with milliseconds. */
    static JsonNode time(Instant at) {
        return EcsApi.JSON.getNodeFactory().numberNode(BigDecimal.valueOf(at.toEpochMilli(), 3));
    }

    private static void putText(ObjectNode out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }
}
