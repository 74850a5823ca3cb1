package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonNumber;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compose keys that become the container's {@code linuxParameters}, and those that become task-level settings
 * (network, PID and IPC modes, platform).
 */
final class LinuxSettings {
    /** Compose does not require a tmpfs size; ECS does. */
    static final int DEFAULT_TMPFS_MIB = 64;

    private LinuxSettings() {
    }

    static boolean apply(String key, Json value, String path, ServiceDraft draft, ImportContext ctx) {
        switch (key) {
            case "init" -> {
                Boolean init = ComposeValues.bool(value);
                if (init != null) {
                    draft.linuxParameters.put("initProcessEnabled", JsonBool.of(init));
                } else {
                    ctx.notMapped(path, "expected true or false");
                }
            }
            case "cap_add", "cap_drop" -> capabilities(key, value, draft);
            case "devices" -> devices(value, path, draft, ctx);
            case "shm_size" -> size(value, path, draft, ctx, "sharedMemorySize");
            case "tmpfs" -> {
                List<String> mounts = ComposeValues.strings(value);
                for (int i = 0; i < mounts.size(); i++) {
                    tmpfs(mounts.get(i), value instanceof JsonArray ? path + "[" + i + "]" : path, draft, ctx);
                }
            }
            case "mem_swappiness" -> {
                Long swappiness = ComposeValues.integer(value);
                if (swappiness != null && swappiness >= 0 && swappiness <= 100) {
                    draft.linuxParameters.put("swappiness", JsonNumber.of(swappiness));
                } else {
                    ctx.notMapped(path, "expected a number from 0 to 100");
                }
            }
            case "memswap_limit" -> ctx.approximated(path, memswap(value, draft, path, ctx));
            case "platform" -> platform(value, path, draft, ctx);
            case "pid" -> mode("pidMode", value, path, draft, ctx);
            case "ipc" -> mode("ipcMode", value, path, draft, ctx);
            case "network_mode" -> networkMode(value, path, draft, ctx);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void capabilities(String key, Json value, ServiceDraft draft) {
        JsonObject existing = draft.linuxParameters.get("capabilities") instanceof JsonObject o ? o : JsonObject.EMPTY;
        List<String> names = ComposeValues.strings(value).stream()
                .map(c -> c.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "")).toList();
        draft.linuxParameters.put("capabilities", existing.with(key.equals("cap_add") ? "add" : "drop",
                JsonArray.ofStrings(names)));
    }

    /** {@code HOST[:CONTAINER[:PERMISSIONS]]}, permissions as letters r, w, m. */
    private static void devices(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        List<Json> devices = new ArrayList<>();
        List<String> specs = ComposeValues.strings(value);
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            if (spec.startsWith("{")) {
                ctx.notMapped(path + "[" + i + "]", "ECS takes devices as host path, container path and permissions");
                continue;
            }
            String[] parts = spec.split(":");
            JsonObject.Builder device = JsonObject.builder().put("hostPath", parts[0]);
            device.put("containerPath", parts.length > 1 ? parts[1] : parts[0]);
            if (parts.length > 2) {
                List<String> permissions = new ArrayList<>();
                if (parts[2].contains("r")) {
                    permissions.add("read");
                }
                if (parts[2].contains("w")) {
                    permissions.add("write");
                }
                if (parts[2].contains("m")) {
                    permissions.add("mknod");
                }
                device.put("permissions", JsonArray.ofStrings(permissions));
            }
            devices.add(device.build());
        }
        if (!devices.isEmpty()) {
            draft.linuxParameters.put("devices", JsonArray.of(devices));
        }
    }

    private static void size(Json value, String path, ServiceDraft draft, ImportContext ctx, String member) {
        Long bytes = ComposeValues.bytes(value);
        if (bytes == null) {
            ctx.notMapped(path, "expected a size such as 64m or 1g, found \"" + ComposeValues.text(value) + "\"");
            return;
        }
        draft.linuxParameters.put(member, JsonNumber.of(ComposeValues.mebibytes(bytes)));
    }

    /** {@code /path[:opt,opt,size=65536k]}; ECS needs a size in MiB. */
    static void tmpfs(String spec, String path, ServiceDraft draft, ImportContext ctx) {
        int colon = spec.indexOf(':');
        String target = colon < 0 ? spec : spec.substring(0, colon);
        List<String> options = new ArrayList<>();
        Integer size = null;
        if (colon >= 0) {
            for (String option : spec.substring(colon + 1).split(",")) {
                if (option.startsWith("size=")) {
                    Long bytes = ComposeValues.bytes(new JsonString(option.substring(5)));
                    size = bytes == null ? null : ComposeValues.mebibytes(bytes);
                } else if (!option.isBlank()) {
                    options.add(option);
                }
            }
        }
        tmpfs(target, size, options, path, draft, ctx);
    }

    static void tmpfs(String target, Integer sizeMiB, List<String> options, String path, ServiceDraft draft,
                      ImportContext ctx) {
        if (sizeMiB == null) {
            sizeMiB = DEFAULT_TMPFS_MIB;
            ctx.assumed(path, "ECS needs a size for the tmpfs at " + target + "; it is " + DEFAULT_TMPFS_MIB
                    + " MiB (give size= to choose)");
        }
        JsonObject.Builder mount = JsonObject.builder().put("containerPath", target).put("size", sizeMiB);
        if (!options.isEmpty()) {
            mount.put("mountOptions", JsonArray.ofStrings(options));
        }
        Json existing = draft.linuxParameters.get("tmpfs");
        JsonArray list = existing instanceof JsonArray a ? a : JsonArray.EMPTY;
        draft.linuxParameters.put("tmpfs", list.plus(mount.build()));
    }

    private static String memswap(Json value, ServiceDraft draft, String path, ImportContext ctx) {
        Long bytes = ComposeValues.bytes(value);
        Long limit = ComposeValues.integer(draft.containerMember("memory"));
        if (ComposeValues.integer(value) != null && ComposeValues.integer(value) == -1) {
            return "unlimited swap has no ECS counterpart; swap is left to the instance";
        }
        if (bytes == null || limit == null) {
            return "memory plus swap needs a memory limit to become ECS maxSwap; not kept";
        }
        long swap = Math.max(0, ComposeValues.mebibytes(bytes) - limit);
        draft.linuxParameters.put("maxSwap", JsonNumber.of(swap));
        return "memory plus swap became maxSwap " + swap + " MiB (swap alone, as ECS counts it)";
    }

    private static void platform(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        String platform = ComposeValues.text(value);
        String[] parts = platform == null ? new String[0] : platform.toLowerCase(Locale.ROOT).split("/");
        String os = parts.length > 0 ? parts[0] : "";
        String arch = parts.length > 1 ? parts[1] : "";
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "X86_64";
            case "arm64", "aarch64" -> "ARM64";
            default -> null;
        };
        if (!os.equals("linux") || cpu == null) {
            ctx.notMapped(path, "ECS runs linux/amd64 and linux/arm64 (and Windows, chosen by family); "
                    + platform + " is not one of them");
            return;
        }
        draft.setTask("runtimePlatform", JsonObject.builder().put("cpuArchitecture", cpu)
                .put("operatingSystemFamily", "LINUX").build());
    }

    private static void mode(String member, Json value, String path, ServiceDraft draft, ImportContext ctx) {
        String mode = ComposeValues.text(value);
        if ("host".equals(mode)) {
            draft.setTask(member, new JsonString("host"));
        } else if (member.equals("ipcMode") && ("shareable".equals(mode) || "private".equals(mode))) {
            draft.setTask(member, new JsonString("task"));
            ctx.approximated(path, "ipc " + mode + " became ipcMode task: the containers of one task share IPC");
        } else {
            ctx.notMapped(path, "ECS takes host or task here; " + mode + " has no counterpart");
        }
    }

    private static void networkMode(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        String mode = ComposeValues.text(value);
        switch (mode == null ? "" : mode) {
            case "host", "none", "bridge" -> draft.setTask("networkMode", new JsonString(mode));
            default -> ctx.notMapped(path, "network_mode " + mode + " has no ECS counterpart: containers share a "
                    + "network namespace only inside one awsvpc task; the service keeps bridge mode");
        }
    }
}
