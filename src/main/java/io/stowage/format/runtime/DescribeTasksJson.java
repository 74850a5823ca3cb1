package io.stowage.format.runtime;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;
import io.stowage.model.json.JsonText;
import io.stowage.model.runtime.ContainerState;
import io.stowage.model.runtime.InstanceState;
import io.stowage.model.runtime.NetworkBinding;
import io.stowage.model.runtime.RuntimeSnapshot;
import io.stowage.model.runtime.ServiceState;
import io.stowage.model.runtime.TaskState;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Runtime state as JSON in the shapes of ECS's DescribeTasks, DescribeContainerInstances and DescribeServices
 * output, so that the same filters ({@code jq '.tasks[] | select(.lastStatus=="STOPPED")'}) work on
 * {@code stowage ps} and on {@code aws ecs describe-tasks}. Absent values are left out, as the API does;
 * times are ISO-8601, as the AWS CLI prints them.
 */
public final class DescribeTasksJson {

    private DescribeTasksJson() {
    }

    /** {@code {"tasks":[...]}}, plus {@code containerInstances} and {@code services} when there are any. */
    public static JsonObject of(RuntimeSnapshot snapshot) {
        JsonObject.Builder out = JsonObject.builder().put("tasks", JsonArray.map(snapshot.taskList(), DescribeTasksJson::task));
        if (!snapshot.instances().isEmpty()) {
            out.put("containerInstances", array(snapshot.instances().values(), DescribeTasksJson::instance));
        }
        if (!snapshot.services().isEmpty()) {
            out.put("services", array(snapshot.services().values(), DescribeTasksJson::service));
        }
        return out.build();
    }

    public static String write(RuntimeSnapshot snapshot) {
        return JsonText.pretty(of(snapshot)) + "\n";
    }

    public static JsonObject task(TaskState t) {
        JsonObject.Builder b = JsonObject.builder();
        put(b, "taskArn", t.taskArn());
        put(b, "clusterArn", t.cluster());
        put(b, "group", t.group());
        put(b, "taskDefinitionArn", t.taskDefinitionArn());
        put(b, "containerInstanceArn", t.containerInstanceArn());
        put(b, "availabilityZone", t.availabilityZone());
        put(b, "launchType", t.launchType());
        put(b, "lastStatus", t.lastStatus().name());
        put(b, "desiredStatus", t.desiredStatus() == null ? null : t.desiredStatus().name());
        put(b, "healthStatus", t.healthStatus() == null ? null : t.healthStatus().name());
        put(b, "stoppedReason", t.stoppedReason());
        put(b, "stopCode", t.stopCode());
        put(b, "createdAt", t.createdAt());
        put(b, "startedAt", t.startedAt());
        put(b, "stoppedAt", t.stoppedAt());
        b.put("containers", JsonArray.map(t.containers(), c -> container(t, c)));
        if (t.role() != null) {
            // Not a DescribeTasks member: the task role as the local agent holds it (never its credentials).
            JsonObject.Builder role = JsonObject.builder();
            put(role, "roleArn", t.role().roleArn());
            put(role, "status", t.role().status().name());
            put(role, "detail", t.role().detail());
            put(role, "expiration", t.role().expiration());
            put(role, "lastServedAt", t.role().lastServedAt());
            b.put("taskRole", role.build());
        }
        return b.build();
    }

    static JsonObject container(TaskState task, ContainerState c) {
        JsonObject.Builder b = JsonObject.builder();
        put(b, "taskArn", task.taskArn());
        put(b, "name", c.name());
        put(b, "image", c.image());
        put(b, "runtimeId", c.runtimeId());
        put(b, "lastStatus", c.lastStatus().name());
        if (c.exitCode() != null) {
            b.put("exitCode", JsonNumber.of(c.exitCode()));
        }
        put(b, "reason", c.reason());
        put(b, "healthStatus", c.healthStatus() == null ? null : c.healthStatus().name());
        b.put("networkBindings", JsonArray.map(c.networkBindings(), DescribeTasksJson::binding));
        if (c.restartCount() != null) {
            // Not a DescribeTasks member: the task metadata endpoint's RestartCount, for containers with a policy.
            b.put("restartCount", JsonNumber.of(c.restartCount()));
        }
        return b.build();
    }

    static JsonObject binding(NetworkBinding n) {
        return JsonObject.builder()
                .put("bindIP", n.bindIp())
                .put("containerPort", n.containerPort())
                .put("hostPort", n.hostPort())
                .put("protocol", n.protocol())
                .build();
    }

    public static JsonObject instance(InstanceState i) {
        JsonObject.Builder b = JsonObject.builder();
        put(b, "containerInstanceArn", i.containerInstanceArn());
        put(b, "ec2InstanceId", i.ec2InstanceId() != null ? i.ec2InstanceId() : i.instanceId());
        put(b, "status", i.status());
        b.put("agentConnected", i.agentConnected());
        if (i.agentVersion() != null) {
            b.put("versionInfo", JsonObject.builder().put("agentVersion", i.agentVersion()).build());
        }
        b.put("runningTasksCount", i.runningTasksCount());
        b.put("pendingTasksCount", i.pendingTasksCount());
        b.put("registeredResources", resources(i.registeredCpu(), i.registeredMemoryMiB()));
        b.put("remainingResources", resources(i.remainingCpu(), i.remainingMemoryMiB()));
        return b.build();
    }

    public static JsonObject service(ServiceState s) {
        JsonObject.Builder b = JsonObject.builder();
        put(b, "serviceName", s.serviceName());
        put(b, "clusterArn", s.cluster());
        put(b, "status", s.status());
        b.put("desiredCount", s.desiredCount());
        b.put("runningCount", s.runningCount());
        b.put("pendingCount", s.pendingCount());
        put(b, "taskDefinition", s.taskDefinitionArn());
        if (!s.deployments().isEmpty()) {
            b.put("deployments", JsonArray.map(s.deployments(), d -> {
                JsonObject.Builder db = JsonObject.builder();
                put(db, "id", d.id());
                put(db, "status", d.status());
                put(db, "taskDefinition", d.taskDefinitionArn());
                db.put("desiredCount", d.desiredCount());
                db.put("pendingCount", d.pendingCount());
                db.put("runningCount", d.runningCount());
                db.put("failedTasks", d.failedTasks());
                put(db, "updatedAt", d.updatedAt());
                put(db, "rolloutState", d.rolloutState());
                put(db, "rolloutStateReason", d.rolloutStateReason());
                return db.build();
            }));
        }
        b.put("events", JsonArray.map(s.events(), e -> {
            JsonObject.Builder eb = JsonObject.builder();
            put(eb, "id", e.id());
            put(eb, "createdAt", e.createdAt());
            put(eb, "message", e.message());
            return eb.build();
        }));
        return b.build();
    }

    private static JsonArray resources(int cpu, int memory) {
        return JsonArray.of(List.of(
                JsonObject.builder().put("name", "CPU").put("type", "INTEGER").put("integerValue", cpu).build(),
                JsonObject.builder().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memory).build()));
    }

    private static <T> JsonArray array(Collection<T> values, Function<T, ? extends Json> toJson) {
        return JsonArray.map(List.copyOf(values), toJson);
    }

    private static void put(JsonObject.Builder b, String key, String value) {
        if (value != null) {
            b.put(key, new JsonString(value));
        }
    }

    private static void put(JsonObject.Builder b, String key, Instant value) {
        if (value != null) {
            b.put(key, value.toString());
        }
    }
}
