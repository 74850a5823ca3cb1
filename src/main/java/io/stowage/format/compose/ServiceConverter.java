package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.Set;

/**
 * Converts one compose service into a {@link ServiceDraft}, key by key: every key is either mapped by one of the
 * settings classes or listed in the report with the reason, so that nothing is dropped silently.
 */
final class ServiceConverter {
    /** Keys read as a group after the others, because they depend on one another. */
    private static final Set<String> GROUPED = Set.of("environment", "env_file", "secrets", "build", "deploy",
            "mem_limit", "mem_reservation", "cpus", "cpu_shares", "scale", "x-aws-min_percent", "x-aws-max_percent",
            "memswap_limit", "depends_on", "links", "volumes_from", "profiles");
    static final String DEPENDS_ON_CONDITIONS = "service_started, service_healthy and service_completed_successfully";

    private ServiceConverter() {
    }

    static ServiceDraft convert(String name, JsonObject service, ImportContext ctx) {
        String path = new JsonPath("services").key(name).text();
        ServiceDraft draft = new ServiceDraft(name, containerName(name));
        if (!draft.container.name().equals(name)) {
            ctx.approximated(path, "ECS container names take letters, digits, hyphens and underscores; the "
                    + "container is named " + draft.container.name());
        }
        for (String key : service.keys()) {
            Json value = service.get(key);
            String where = new JsonPath(path).key(key).text();
            if (GROUPED.contains(key)) {
                continue;
            }
            switch (key) {
                case "ports" -> PortSettings.apply(value, where, draft, ctx);
                case "volumes" -> VolumeSettings.apply(value, where, draft, ctx);
                case "healthcheck" -> HealthCheckSettings.apply(value, where, draft, ctx);
                default -> other(key, value, where, draft, ctx);
            }
        }
        EnvironmentSettings.apply(service, path, draft, ctx);
        DeploySettings.apply(service, path, draft, ctx);
        BuildSettings.apply(service, path, draft, ctx);
        if (service.has("memswap_limit")) {
            LinuxSettings.apply("memswap_limit", service.get("memswap_limit"), path + ".memswap_limit", draft, ctx);
        }
        dependencies(service, path, draft, ctx);
        return draft;
    }

    private static void other(String key, Json value, String where, ServiceDraft draft, ImportContext ctx) {
        if (ContainerSettings.apply(key, value, where, draft, ctx) || LinuxSettings.apply(key, value, where, draft, ctx)
                || AwsExtensions.apply(key, value, where, draft, ctx)) {
            return;
        }
        String reason = UnmappedKeys.reason(key, ctx.advice());
        if (reason != null) {
            ctx.notMapped(where, reason);
        } else if (key.startsWith("x-")) {
            ctx.notMapped(where, "an extension field; not part of ECS");
        } else {
            ctx.notMapped(where, "not a compose service key this import knows");
        }
    }

    private static void dependencies(JsonObject service, String path, ServiceDraft draft, ImportContext ctx) {
        if (service.has("depends_on")) {
            JsonObject dependsOn = ComposeMerge.asMapping("depends_on", service.get("depends_on"));
            for (String other : dependsOn.keys()) {
                String where = new JsonPath(path + ".depends_on").key(other).text();
                JsonObject entry = dependsOn.get(other) instanceof JsonObject o ? o : JsonObject.EMPTY;
                String condition = entry.has("condition") ? ComposeValues.text(entry.get("condition")) : "service_started";
                String ecs = switch (condition == null ? "" : condition) {
                    case "service_started" -> "START";
                    case "service_healthy" -> "HEALTHY";
                    case "service_completed_successfully" -> "SUCCESS";
                    default -> null;
                };
                if (ecs == null) {
                    ctx.notMapped(where, "compose knows the conditions " + DEPENDS_ON_CONDITIONS + ", not " + condition);
                    continue;
                }
                if (Boolean.TRUE.equals(ComposeValues.bool(entry.get("restart")))) {
                    ctx.notMapped(where + ".restart", "ECS does not restart a container when one it depends on restarts");
                }
                draft.dependencies.add(new ServiceDraft.Dependency(other, ecs, condition, where));
            }
        }
        if (service.has("links")) {
            draft.links.addAll(ComposeValues.strings(service.get("links")));
        }
        if (service.get("volumes_from") instanceof JsonArray from) {
            for (int i = 0; i < from.size(); i++) {
                String spec = ComposeValues.text(from.get(i));
                String where = path + ".volumes_from[" + i + "]";
                if (spec == null || spec.startsWith("container:")) {
                    ctx.notMapped(where, "ECS takes volumes from containers of the same task only");
                    continue;
                }
                String[] parts = spec.replaceFirst("^service:", "").split(":");
                draft.volumesFrom.add(new ServiceDraft.VolumesFrom(parts[0], parts.length > 1 && parts[1].equals("ro"), where));
            }
        }
    }

    /** ECS container names: up to 255 letters, digits, hyphens and underscores. */
    static String containerName(String service) {
        String name = service.replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
