package io.stowage.format.compose;

import io.stowage.model.design.DesignFromWorkloads;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every compose service as one container of a single task definition, run by one ECS service, as
 * {@code ecs-cli compose} did: {@code depends_on} becomes {@code dependsOn} (service_started → START,
 * service_healthy → HEALTHY, service_completed_successfully → SUCCESS), {@code links} become links and
 * {@code volumes_from} becomes {@code volumesFrom}. A container another one waits on to complete is not essential,
 * so that its exit does not stop the task.
 */
final class SingleTaskLayout {
    private SingleTaskLayout() {
    }

    static List<DesignFromWorkloads.Workload> workloads(String project, List<ServiceDraft> drafts, ImportContext ctx) {
        Map<String, ServiceDraft> byName = new LinkedHashMap<>();
        drafts.forEach(d -> byName.put(d.name, d));
        Set<String> awaitedToFinish = drafts.stream().flatMap(d -> d.dependencies.stream())
                .filter(d -> d.condition().equals("SUCCESS")).map(ServiceDraft.Dependency::service)
                .collect(Collectors.toSet());
        TaskDefinition task = TaskDefinition.EMPTY.withFamily(ServiceConverter.containerName(project));
        for (ServiceDraft draft : drafts) {
            dependsOn(draft, byName, ctx);
            links(draft, byName, ctx);
            volumesFrom(draft, byName, ctx);
            if (awaitedToFinish.contains(draft.name)) {
                draft.set("essential", JsonBool.FALSE);
            }
            task = taskSettings(task, draft, ctx);
            if (draft.spec.desiredCount() != null && draft.spec.desiredCount() != 1 || !draft.spec.json().isEmpty()
                    && draft.spec.json().keys().stream().anyMatch(k -> !k.equals("desiredCount"))) {
                ctx.notMapped(draft.path + ".deploy", "in one task every container runs once per task; the service "
                        + "settings of a single compose service (replicas, placement, ...) are not kept");
            }
            if (draft.runOnce) {
                ctx.notMapped(draft.path + ".deploy.mode", "a job cannot be a container of the long-running task; "
                        + "it runs with the others");
            }
        }
        return List.of(ComposeImport.workload(task.family(), task, drafts, JsonObject.EMPTY, false));
    }

    private static void dependsOn(ServiceDraft draft, Map<String, ServiceDraft> byName, ImportContext ctx) {
        for (ServiceDraft.Dependency dependency : draft.dependencies) {
            ServiceDraft target = byName.get(dependency.service());
            if (target == null) {
                ctx.notMapped(dependency.path(), dependency.service() + " is not imported, so nothing waits for it");
                continue;
            }
            String condition = dependency.condition();
            if (condition.equals("HEALTHY") && target.containerMember("healthCheck") == null) {
                ctx.approximated(dependency.path(), dependency.service() + " has no health check ECS knows, which "
                        + "HEALTHY needs; the condition is START");
                condition = "START";
            }
            draft.append("dependsOn", JsonObject.builder().put("containerName", target.container.name())
                    .put("condition", condition).build());
        }
    }

    private static void links(ServiceDraft draft, Map<String, ServiceDraft> byName, ImportContext ctx) {
        for (String link : draft.links) {
            String[] parts = link.split(":", 2);
            ServiceDraft target = byName.get(parts[0]);
            if (target == null) {
                ctx.notMapped(draft.path + ".links", "the link to " + parts[0] + " is not kept: it is not imported");
                continue;
            }
            draft.append("links", new JsonString(target.container.name() + (parts.length > 1 ? ":" + parts[1] : "")));
        }
    }

    private static void volumesFrom(ServiceDraft draft, Map<String, ServiceDraft> byName, ImportContext ctx) {
        for (ServiceDraft.VolumesFrom from : draft.volumesFrom) {
            ServiceDraft source = byName.get(from.service());
            if (source == null) {
                ctx.notMapped(from.path(), from.service() + " is not imported");
                continue;
            }
            JsonObject.Builder entry = JsonObject.builder().put("sourceContainer", source.container.name());
            if (from.readOnly()) {
                entry.put("readOnly", JsonBool.TRUE);
            }
            draft.append("volumesFrom", entry.build());
        }
    }

    /** Task-level settings of one service become the task's; the first service to set one wins. */
    private static TaskDefinition taskSettings(TaskDefinition task, ServiceDraft draft, ImportContext ctx) {
        for (Map.Entry<String, Json> member : draft.task.json().members().entrySet()) {
            String key = member.getKey();
            if (key.equals("family")) {
                continue;
            }
            Json current = task.json().get(key);
            if (current == null) {
                task = task.withMember(key, member.getValue());
            } else if (!current.equals(member.getValue())) {
                ctx.notMapped(draft.path, key + " " + member.getValue() + " differs from the task's " + current
                        + ", which another service set first");
            }
        }
        return task;
    }
}
