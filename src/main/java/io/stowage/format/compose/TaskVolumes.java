package io.stowage.format.compose;

import io.stowage.format.ConversionReport;
import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task definition's volumes as compose mount sources: a host path stays a bind mount; a shared Docker volume
 * becomes a named volume of exactly its name (ECS shares it on the instance by that name); a task-scoped Docker
 * volume or a volume Docker manages for the task becomes a named volume per service; EFS, FSx and S3 Files
 * volumes are reported.
 */
final class TaskVolumes {
    private TaskVolumes() {
    }

    /**
     * @param declared the compose file's top-level volumes, to which named volumes are added
     * @param reportIt whether to report (once per task definition)
     * @return ECS volume name → compose mount source
     */
    static Map<String, String> export(JsonObject td, String path, String workload, Map<String, Object> declared,
                                      ConversionReport report, boolean reportIt) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Json> volumes = ContainerExport.items(td.get("volumes"));
        for (int i = 0; i < volumes.size(); i++) {
            if (!(volumes.get(i) instanceof JsonObject volume)) {
                continue;
            }
            String name = ContainerExport.text(volume.get("name"));
            String where = path + ".volumes[" + i + "]";
            if (volume.get("host") instanceof JsonObject host && host.has("sourcePath")) {
                out.put(name, ContainerExport.text(host.get("sourcePath")));
            } else if (volume.get("dockerVolumeConfiguration") instanceof JsonObject docker) {
                boolean shared = "shared".equals(ContainerExport.text(docker.get("scope")));
                String composeName = shared ? name : workload + "-" + name;
                Map<String, Object> entry = new LinkedHashMap<>();
                if (shared) {
                    entry.put("name", name);
                }
                if (docker.has("driver")) {
                    entry.put("driver", ContainerExport.text(docker.get("driver")));
                }
                if (docker.has("driverOpts")) {
                    entry.put("driver_opts", ContainerExport.map(docker.get("driverOpts")));
                }
                if (docker.has("labels")) {
                    entry.put("labels", ContainerExport.map(docker.get("labels")));
                }
                if (shared && Boolean.FALSE.equals(ContainerExport.bool(docker.get("autoprovision")))) {
                    entry.clear();
                    entry.put("external", true);
                    entry.put("name", name);
                }
                declared.putIfAbsent(composeName, entry);
                out.put(name, composeName);
                if (!shared && reportIt) {
                    report.add(ConversionReport.Kind.APPROXIMATED, where, "a task-scoped Docker volume is removed with "
                            + "its task on ECS; the compose volume " + composeName + " outlives the containers until "
                            + "`docker compose down -v`");
                }
            } else if (volume.has("efsVolumeConfiguration") || volume.has("fsxWindowsFileServerVolumeConfiguration")
                    || volume.has("s3filesVolumeConfiguration")) {
                if (reportIt) {
                    report.add(ConversionReport.Kind.NOT_MAPPED, where, "volume " + name + " is an AWS file system, "
                            + "which compose cannot mount; its mount points are left out");
                }
            } else {
                String composeName = workload + "-" + name;
                declared.putIfAbsent(composeName, new LinkedHashMap<>());
                out.put(name, composeName);
                if (reportIt) {
                    report.add(ConversionReport.Kind.APPROXIMATED, where, "a volume Docker manages for the task's "
                            + "lifetime became the compose volume " + composeName + ", which outlives the containers");
                }
            }
        }
        return out;
    }
}
