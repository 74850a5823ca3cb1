package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonBool;
import io.stowage.model.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code volumes} as task volumes and mount points: a named volume becomes a Docker volume
 * ({@code dockerVolumeConfiguration}, scope shared so that it outlives the task as compose's does, with the
 * driver, options and labels of the top-level entry); a host path becomes a bind mount ({@code host.sourcePath},
 * made absolute against the project directory); an anonymous volume becomes a task volume Docker manages for the
 * task's lifetime; a tmpfs mount becomes a Linux tmpfs.
 */
final class VolumeSettings {
    private static final Set<String> LONG_KEYS = Set.of("type", "source", "target", "read_only", "volume", "bind",
            "tmpfs", "consistency");

    private VolumeSettings() {
    }

    static void apply(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonArray array)) {
            ctx.notMapped(path, "expected a list of volumes");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String where = path + "[" + i + "]";
            Json item = array.get(i);
            if (item instanceof JsonObject object) {
                longForm(object, where, draft, ctx);
            } else {
                String text = ComposeValues.text(item);
                if (text == null || text.isBlank()) {
                    ctx.notMapped(where, "the volume is empty");
                    continue;
                }
                VolumeSpec spec = VolumeSpec.parseShort(text);
                boolean readOnly = false;
                for (String option : spec.options()) {
                    switch (option) {
                        case "ro" -> readOnly = true;
                        case "rw" -> { }
                        case "z", "Z" -> ctx.notMapped(where, "the SELinux relabel option " + option
                                + " has no ECS counterpart");
                        case "nocopy" -> ctx.notMapped(where, "ECS does not take nocopy; Docker copies the image's "
                                + "content into a new volume");
                        default -> ctx.notMapped(where, "the mount option " + option + " has no ECS counterpart");
                    }
                }
                String type = spec.source() == null ? "anonymous" : spec.isBind() ? "bind" : "volume";
                mount(type, spec.source(), spec.target(), readOnly, where, draft, ctx);
            }
        }
    }

    private static void longForm(JsonObject volume, String path, ServiceDraft draft, ImportContext ctx) {
        String type = ComposeValues.text(volume.get("type"));
        String source = ComposeValues.text(volume.get("source"));
        String target = ComposeValues.text(volume.get("target"));
        boolean readOnly = Boolean.TRUE.equals(ComposeValues.bool(volume.get("read_only")));
        for (String key : volume.keys()) {
            if (!LONG_KEYS.contains(key)) {
                ctx.notMapped(path + "." + key, "not a volume setting compose or ECS knows");
            } else if (key.equals("consistency")) {
                ctx.notMapped(path + ".consistency", "a Docker Desktop setting with no ECS counterpart");
            } else if ((key.equals("volume") || key.equals("bind")) && volume.get(key) instanceof JsonObject options) {
                options.keys().forEach(option -> ctx.notMapped(path + "." + key + "." + option,
                        "ECS has no " + key + " option " + option));
            }
        }
        if (target == null) {
            ctx.notMapped(path, "a volume needs a target (the path in the container)");
            return;
        }
        if (type == null) {
            type = source == null ? "volume" : VolumeSpec.parseShort(source + ":" + target).isBind() ? "bind" : "volume";
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "volume" -> mount(source == null ? "anonymous" : "volume", source, target, readOnly, path, draft, ctx);
            case "bind" -> mount("bind", source, target, readOnly, path, draft, ctx);
            case "tmpfs" -> {
                Integer size = null;
                if (volume.get("tmpfs") instanceof JsonObject tmpfs && tmpfs.has("size")) {
                    Long bytes = ComposeValues.bytes(tmpfs.get("size"));
                    size = bytes == null ? null : ComposeValues.mebibytes(bytes);
                }
                LinuxSettings.tmpfs(target, size, List.of(), path, draft, ctx);
            }
            default -> ctx.notMapped(path, "ECS has no " + type + " mounts");
        }
    }

    private static void mount(String type, String source, String target, boolean readOnly, String path,
                              ServiceDraft draft, ImportContext ctx) {
        String name;
        JsonObject.Builder volume = JsonObject.builder();
        switch (type) {
            case "bind" -> {
                String hostPath = ctx.hostPath(source);
                name = existingBind(draft, hostPath);
                if (name == null) {
                    name = unique(draft, sanitize(draft.name + "-" + lastPart(hostPath)));
                }
                volume.put("name", name).put("host", JsonObject.builder().put("sourcePath", hostPath).build());
                ctx.approximated(path, "bind mount of " + hostPath + ": on ECS the path is on the container "
                        + "instance, which must hold it");
            }
            case "anonymous" -> {
                name = unique(draft, sanitize(draft.name + "-data"));
                volume.put("name", name);
                ctx.approximated(path, "anonymous volume at " + target + " became a task volume that Docker removes "
                        + "with the task (compose keeps anonymous volumes until `down -v`)");
            }
            default -> {
                JsonObject declared = declaredVolume(source, path, ctx);
                name = sanitize(declared.get("name") != null ? ComposeValues.text(declared.get("name")) : source);
                volume.put("name", name).put("dockerVolumeConfiguration", dockerVolume(declared, source, ctx));
            }
        }
        draft.volume(name, volume.build());
        JsonObject.Builder mountPoint = JsonObject.builder().put("sourceVolume", name).put("containerPath", target);
        if (readOnly) {
            mountPoint.put("readOnly", JsonBool.TRUE);
        }
        draft.append("mountPoints", mountPoint.build());
    }

    private static JsonObject declaredVolume(String source, String path, ImportContext ctx) {
        JsonObject volumes = ctx.topLevel("volumes");
        if (!volumes.has(source)) {
            ctx.assumed(path, "volume " + source + " is not declared under the top-level volumes; it is taken as a "
                    + "local volume");
            return JsonObject.EMPTY;
        }
        return volumes.get(source) instanceof JsonObject o ? o : JsonObject.EMPTY;
    }

    private static JsonObject dockerVolume(JsonObject declared, String source, ImportContext ctx) {
        boolean external = Boolean.TRUE.equals(ComposeValues.bool(declared.get("external")))
                || declared.get("external") instanceof JsonObject;
        String driver = declared.has("driver") ? ComposeValues.text(declared.get("driver")) : "local";
        JsonObject.Builder config = JsonObject.builder().put("scope", "shared").put("autoprovision", !external)
                .put("driver", driver);
        if (declared.get("driver_opts") instanceof JsonObject opts && !opts.isEmpty()) {
            config.put("driverOpts", strings(opts));
        }
        if (declared.has("labels")) {
            JsonObject.Builder labels = JsonObject.builder();
            ComposeValues.keyValues(declared.get("labels"), "=").forEach((k, v) -> labels.put(k, v == null ? "" : v));
            config.put("labels", labels.build());
        }
        String where = "volumes." + source;
        if (!"local".equals(driver) && ctx.report.items().stream().noneMatch(i -> i.path().equals(where + ".driver"))) {
            ctx.approximated(where + ".driver", "the volume driver " + driver + " must be installed on every "
                    + "container instance");
        }
        for (String key : declared.keys()) {
            if (!Set.of("driver", "driver_opts", "labels", "external", "name").contains(key)
                    && ctx.report.items().stream().noneMatch(i -> i.path().equals(where + "." + key))) {
                ctx.notMapped(where + "." + key, "ECS Docker volumes have no " + key + " setting");
            }
        }
        return config.build();
    }

    private static JsonObject strings(JsonObject object) {
        JsonObject.Builder out = JsonObject.builder();
        object.members().forEach((k, v) -> out.put(k, ComposeValues.text(v) == null ? "" : ComposeValues.text(v)));
        return out.build();
    }

    private static String existingBind(ServiceDraft draft, String hostPath) {
        for (Map.Entry<String, Json> entry : draft.volumes.entrySet()) {
            if (entry.getValue() instanceof JsonObject volume && volume.get("host") instanceof JsonObject host
                    && hostPath.equals(ComposeValues.text(host.get("sourcePath")))) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static String unique(ServiceDraft draft, String base) {
        String name = base;
        for (int n = 2; draft.volumes.containsKey(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static String lastPart(String path) {
        String trimmed = path.replaceAll("[/\\\\]+$", "");
        int cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        String last = trimmed.substring(cut + 1);
        return last.isEmpty() ? "root" : last;
    }

    /** ECS volume names: up to 255 letters, digits, hyphens and underscores. */
    static String sanitize(String name) {
        String out = name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        out = out.isEmpty() ? "volume" : out;
        return out.length() > 255 ? out.substring(0, 255) : out;
    }
}
