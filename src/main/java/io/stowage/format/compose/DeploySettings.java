package io.stowage.format.compose;

import io.stowage.model.design.TaskRequirements;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;

/**
 * Resources and scheduling: memory limits and reservations ({@code deploy.resources} or the older
 * {@code mem_limit}, {@code mem_reservation}, {@code cpus}, {@code cpu_shares}) as the container's memory
 * (MiB) and cpu units (1 CPU = 1024), GPUs, and {@code deploy} (replicas, mode, placement, update settings,
 * {@code scale}) as the ECS service's desired count, scheduling strategy, placement and deployment
 * configuration.
 */
final class DeploySettings {
    private DeploySettings() {
    }

    static void apply(JsonObject service, String path, ServiceDraft draft, ImportContext ctx) {
        JsonObject deploy = service.get("deploy") instanceof JsonObject d ? d : JsonObject.EMPTY;
        JsonObject resources = deploy.get("resources") instanceof JsonObject r ? r : JsonObject.EMPTY;
        JsonObject limits = resources.get("limits") instanceof JsonObject l ? l : JsonObject.EMPTY;
        JsonObject reservations = resources.get("reservations") instanceof JsonObject r ? r : JsonObject.EMPTY;
        String resourcesPath = path + ".deploy.resources";

        memory(limits.has("memory") ? limits.get("memory") : service.get("mem_limit"),
                limits.has("memory") ? resourcesPath + ".limits.memory" : path + ".mem_limit",
                reservations.has("memory") ? reservations.get("memory") : service.get("mem_reservation"),
                reservations.has("memory") ? resourcesPath + ".reservations.memory" : path + ".mem_reservation",
                draft, ctx);
        cpu(service, path, limits, reservations, resourcesPath, draft, ctx);
        gpus(reservations, resourcesPath + ".reservations", draft, ctx);
        for (String key : limits.keys()) {
            if (!key.equals("memory") && !key.equals("cpus")) {
                ctx.notMapped(resourcesPath + ".limits." + key, "ECS has no " + key + " limit");
            }
        }
        for (String key : reservations.keys()) {
            if (!key.equals("memory") && !key.equals("cpus") && !key.equals("devices")) {
                ctx.notMapped(resourcesPath + ".reservations." + key, "ECS has no " + key + " reservation");
            }
        }

        if (service.has("scale")) {
            count(service.get("scale"), path + ".scale", draft, ctx);
        }
        for (String key : deploy.keys()) {
            String where = path + ".deploy." + key;
            Json value = deploy.get(key);
            switch (key) {
                case "resources" -> { }
                case "replicas" -> count(value, where, draft, ctx);
                case "mode" -> mode(value, where, draft, ctx);
                case "placement" -> PlacementSettings.placement(value, where, draft, ctx);
                case "update_config" -> PlacementSettings.updates(value, where, draft, ctx);
                case "labels" -> tags(value, draft);
                case "restart_policy" -> ctx.approximated(where, "an ECS service replaces every task that stops; "
                        + "its own restart settings are not kept");
                case "x-aws-min_percent", "x-aws-max_percent" -> PlacementSettings.percent(key, value, where, draft, ctx);
                case "rollback_config" -> ctx.notMapped(where, "ECS rolls back with the deployment circuit breaker; "
                        + "its settings are not these");
                case "endpoint_mode" -> ctx.notMapped(where, "ECS has no virtual IP for a service; use Service "
                        + "Connect or a load balancer");
                default -> ctx.notMapped(where, "not a deploy setting ECS knows");
            }
        }
        for (String key : List.of("x-aws-min_percent", "x-aws-max_percent")) {
            if (service.has(key)) {
                PlacementSettings.percent(key, service.get(key), path + "." + key, draft, ctx);
            }
        }
    }

    private static void memory(Json limit, String limitPath, Json reservation, String reservationPath,
                               ServiceDraft draft, ImportContext ctx) {
        Integer limitMiB = mebibytes(limit, limitPath, ctx);
        Integer reservationMiB = mebibytes(reservation, reservationPath, ctx);
        if (limitMiB != null) {
            draft.set("memory", JsonNumber.of(limitMiB));
        }
        if (reservationMiB != null) {
            if (limitMiB != null && reservationMiB > limitMiB) {
                ctx.approximated(reservationPath, "a reservation above the limit is not allowed by ECS; it is the "
                        + "limit, " + limitMiB + " MiB");
                reservationMiB = limitMiB;
            }
            draft.set("memoryReservation", JsonNumber.of(reservationMiB));
        }
        if (limitMiB == null && reservationMiB == null) {
            draft.set("memoryReservation", JsonNumber.of(TaskRequirements.DEFAULT_CONTAINER_MEMORY_MIB));
            ctx.assumed(draft.path, "no memory limit or reservation; ECS on EC2 needs one, so the container reserves "
                    + TaskRequirements.DEFAULT_CONTAINER_MEMORY_MIB + " MiB (memoryReservation, a soft limit it may exceed)");
        }
    }

    private static Integer mebibytes(Json value, String path, ImportContext ctx) {
        if (value == null) {
            return null;
        }
        Long bytes = ComposeValues.bytes(value);
        if (bytes == null || bytes <= 0) {
            ctx.notMapped(path, "expected a size such as 512m or 1g, found \"" + ComposeValues.text(value) + "\"");
            return null;
        }
        int mib = ComposeValues.mebibytes(bytes);
        if (mib < 6) {
            ctx.approximated(path, mib + " MiB is less than the 6 MiB ECS allows a container; it is 6 MiB");
            mib = 6;
        }
        return mib;
    }

    private static void cpu(JsonObject service, String path, JsonObject limits, JsonObject reservations,
                            String resourcesPath, ServiceDraft draft, ImportContext ctx) {
        boolean fromCpus = true;
        if (reservations.has("cpus")) {
            units(reservations.get("cpus"), resourcesPath + ".reservations.cpus", draft, ctx, null);
            if (limits.has("cpus")) {
                ctx.notMapped(resourcesPath + ".limits.cpus", "ECS container cpu units reserve and weight CPU but do "
                        + "not cap it; the reservation is kept");
            }
        } else if (limits.has("cpus") || service.has("cpus")) {
            String where = limits.has("cpus") ? resourcesPath + ".limits.cpus" : path + ".cpus";
            units(limits.has("cpus") ? limits.get("cpus") : service.get("cpus"), where, draft, ctx,
                    "a CPU limit became cpu units, which ECS reserves and weighs but does not cap");
        } else {
            fromCpus = false;
            if (service.has("cpu_shares")) {
                Long shares = ComposeValues.integer(service.get("cpu_shares"));
                if (shares == null || shares < 0) {
                    ctx.notMapped(path + ".cpu_shares", "expected a number");
                } else {
                    draft.set("cpu", JsonNumber.of(shares));
                    ctx.approximated(path + ".cpu_shares", "CPU shares became as many cpu units, which ECS also reserves");
                }
            }
        }
        if (service.has("cpus") && (reservations.has("cpus") || limits.has("cpus"))) {
            ctx.notMapped(path + ".cpus", "deploy.resources gives the CPU already");
        }
        if (fromCpus && service.has("cpu_shares")) {
            ctx.notMapped(path + ".cpu_shares", "the cpu units come from cpus");
        }
    }

    private static void units(Json value, String path, ServiceDraft draft, ImportContext ctx, String note) {
        Double cpus = ComposeValues.decimal(value);
        if (cpus == null || cpus < 0) {
            ctx.notMapped(path, "expected a number of CPUs such as 0.5");
            return;
        }
        draft.set("cpu", JsonNumber.of(Math.round(cpus * 1024)));
        if (note != null) {
            ctx.approximated(path, note);
        }
    }

    private static void gpus(JsonObject reservations, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(reservations.get("devices") instanceof JsonArray devices)) {
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            String where = path + ".devices[" + i + "]";
            JsonObject device = devices.get(i) instanceof JsonObject d ? d : JsonObject.EMPTY;
            boolean gpu = ComposeValues.strings(device.get("capabilities")).contains("gpu");
            if (!gpu) {
                ctx.notMapped(where, "ECS reserves GPUs only");
                continue;
            }
            Long count = ComposeValues.integer(device.get("count"));
            if (device.has("device_ids")) {
                count = (long) ComposeValues.strings(device.get("device_ids")).size();
                ctx.approximated(where + ".device_ids", "ECS chooses the GPUs; the count of device ids is kept");
            }
            if (count == null) {
                count = 1L;
                ctx.assumed(where + ".count", "ECS needs a number of GPUs; it is 1");
            }
            draft.append("resourceRequirements", JsonObject.builder().put("type", "GPU")
                    .put("value", String.valueOf(count)).build());
        }
    }

    private static void count(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        Long count = ComposeValues.integer(value);
        if (count == null || count < 0) {
            ctx.notMapped(path, "expected a number of replicas");
            return;
        }
        draft.setService("desiredCount", JsonNumber.of(count));
    }

    private static void mode(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        String mode = ComposeValues.text(value);
        switch (mode == null ? "" : mode) {
            case "replicated" -> draft.setService("schedulingStrategy", new JsonString("REPLICA"));
            case "global" -> draft.setService("schedulingStrategy", new JsonString("DAEMON"));
            case "replicated-job" -> {
                draft.runOnce = true;
                ctx.approximated(path, "a job became a standalone task (RunTask), which runs to completion once");
            }
            default -> ctx.notMapped(path, "ECS has no mode " + mode);
        }
    }

    private static void tags(Json value, ServiceDraft draft) {
        List<Json> tags = new ArrayList<>();
        ComposeValues.keyValues(value, "=").forEach((k, v) -> tags.add(JsonObject.builder().put("key", k)
                .put("value", v == null ? "" : v).build()));
        if (!tags.isEmpty()) {
            draft.setService("tags", JsonArray.of(tags));
        }
    }
}
