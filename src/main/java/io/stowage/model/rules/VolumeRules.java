package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Volumes and mounts: volume names are valid and unique, mount points name a volume of the task and a container
 * path (once per container), volumesFrom names another container, a task-scoped Docker volume is not
 * autoprovisioned, EFS settings are consistent, and at most one volume is configured at launch.
 * Sources: ecs-semantics.md §1.1 (mountPoints "Invalid volume referenced", empty paths "invalid path",
 * volumesFrom missing source, "task scoped volume could not be autoprovisioned"); ECS API reference, Volume.name
 * (up to 255 letters, numbers, underscores and hyphens; required for EFS, S3 Files and volumes configured at
 * launch), Volume.configuredAtLaunch ("may only have one volume configured at launch"),
 * EFSVolumeConfiguration.rootDirectory and EFSAuthorizationConfig (an access point or IAM authorization needs
 * transit encryption; with an access point the root directory is omitted or "/");
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-anywhere.html (no EFS on external instances).
 */
final class VolumeRules implements Rule {
    private static final JsonPath VOLUMES = JsonPath.ROOT.key("volumes");

    @Override
    public void check(RuleContext task, Findings out) {
        Map<String, JsonPath> volumes = volumes(task, out);
        for (RuleContext.Container container : task.containers()) {
            mountPoints(task, container, volumes, out);
            volumesFrom(task, container, out);
        }
    }

    private Map<String, JsonPath> volumes(RuleContext task, Findings out) {
        Map<String, JsonPath> names = new LinkedHashMap<>();
        List<Json> items = Values.array(task.json(), "volumes").items();
        JsonPath launched = null;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof JsonObject volume)) {
                continue;
            }
            JsonPath path = VOLUMES.index(i);
            String name = Values.string(volume, "name");
            boolean needsName = Values.isSet(volume, "efsVolumeConfiguration")
                    || Values.isSet(volume, "s3filesVolumeConfiguration") || Values.isTrue(volume, "configuredAtLaunch");
            if (name == null || name.isEmpty()) {
                if (needsName) {
                    out.error(path.key("name"), "This volume needs a name: EFS, S3 Files and volumes configured at"
                            + " launch must be named.", "volume-name");
                } else {
                    out.warning(path.key("name"), "This volume has no name, so no mount point can use it; give it a"
                            + " name.", "volume-name");
                }
            } else if (!Values.hasPlaceholder(name)) {
                if (!NamesRule.NAME.matcher(name).matches()) {
                    out.error(path.key("name"), "Volume name " + Values.quote(name) + " is not valid; use up to 255"
                            + " letters, numbers, underscores and hyphens.", "volume-name");
                }
                JsonPath first = names.putIfAbsent(name, path);
                if (first != null) {
                    out.error(path.key("name"), "Volume name " + Values.quote(name) + " is already used by "
                            + first.text() + "; volume names must be unique in a task definition.",
                            "volume-name-duplicate");
                }
            }
            if (Values.isTrue(volume, "configuredAtLaunch")) {
                if (launched != null) {
                    out.error(path.key("configuredAtLaunch"), "Only one volume per task definition can be"
                            + " configured at launch, and " + launched.text() + " already is.", "configured-at-launch");
                } else {
                    launched = path;
                }
            }
            docker(volume, path, out);
            efs(task, volume, path, out);
        }
        return names;
    }

    private void docker(JsonObject volume, JsonPath path, Findings out) {
        JsonObject docker = Values.object(volume, "dockerVolumeConfiguration");
        if (docker == null || !Values.isTrue(docker, "autoprovision")) {
            return;
        }
        String scope = Values.string(docker, "scope");
        if (scope == null || scope.equals("task")) {
            out.error(path.key("dockerVolumeConfiguration").key("autoprovision"), "autoprovision only applies to"
                    + " shared Docker volumes; with scope task" + (scope == null ? " (the default)" : "") + " the"
                    + " task fails. Set scope to \"shared\" or remove autoprovision.", "docker-volume-autoprovision");
        }
    }

    private void efs(RuleContext task, JsonObject volume, JsonPath path, Findings out) {
        JsonObject efs = Values.object(volume, "efsVolumeConfiguration");
        if (efs == null) {
            return;
        }
        JsonPath at = path.key("efsVolumeConfiguration");
        if (task.external()) {
            out.error(at, "EFS volumes are not supported on EXTERNAL (ECS Anywhere) instances.", "efs-volume");
        }
        JsonObject auth = Values.object(efs, "authorizationConfig");
        boolean accessPoint = Values.hasContent(auth, "accessPointId");
        boolean iam = "ENABLED".equals(Values.string(auth, "iam"));
        if ((accessPoint || iam) && !"ENABLED".equals(Values.string(efs, "transitEncryption"))) {
            out.error(at.key("transitEncryption"), "transitEncryption must be ENABLED when the EFS volume uses "
                    + (accessPoint ? "an access point" : "IAM authorization") + ".", "efs-volume");
        }
        String root = Values.concrete(efs, "rootDirectory");
        if (accessPoint && root != null && !root.equals("/")) {
            out.error(at.key("rootDirectory"), "With an EFS access point, rootDirectory must be omitted or \"/\"; the"
                    + " access point sets the directory.", "efs-volume");
        }
        if (iam && !Values.isSet(task.json(), "taskRoleArn")) {
            out.warning(at.key("authorizationConfig").key("iam"), "EFS IAM authorization uses the task role, and"
                    + " the task has no taskRoleArn; set one that may mount the file system.", "efs-volume");
        }
    }

    private void mountPoints(RuleContext task, RuleContext.Container container, Map<String, JsonPath> volumes,
                             Findings out) {
        List<Json> items = Values.array(container.json(), "mountPoints").items();
        Map<String, JsonPath> paths = new HashMap<>();
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject mount)) {
                continue;
            }
            JsonPath path = container.at("mountPoints").index(j);
            Json source = Values.get(mount, "sourceVolume");
            String sourceName = Values.concrete(mount, "sourceVolume");
            if (source == null || sourceName != null && sourceName.isEmpty()) {
                out.error(path.key("sourceVolume"), "This mount point names no sourceVolume; use one of the task's"
                        + " volumes" + known(volumes) + ".", "mount-point-source-volume");
            } else if (sourceName != null && !volumes.containsKey(sourceName)) {
                out.error(path.key("sourceVolume"), "sourceVolume " + Values.quote(sourceName) + " is not a volume of"
                        + " this task; " + (volumes.isEmpty() ? "add it to volumes" : "use one of "
                        + Values.orList(volumes.keySet()) + " or add it to volumes") + ".", "mount-point-source-volume");
            }
            Json containerPath = Values.get(mount, "containerPath");
            String text = Values.concrete(mount, "containerPath");
            if (containerPath == null || text != null && text.isBlank()) {
                out.error(path.key("containerPath"), "This mount point has no containerPath; give the path inside the"
                        + " container where the volume appears, e.g. \"/data\".", "mount-point-container-path");
            } else if (text != null) {
                if (!task.windows() && !text.startsWith("/") && !text.matches("[A-Za-z]:.*")) {
                    out.error(path.key("containerPath"), "containerPath " + Values.quote(text) + " must be an absolute"
                            + " path, e.g. \"/" + text.replaceFirst("^[./]+", "") + "\".", "mount-point-container-path");
                }
                String normalized = text.length() > 1 ? text.replaceAll("/+$", "") : text;
                JsonPath first = paths.putIfAbsent(normalized, path);
                if (first != null) {
                    out.error(path.key("containerPath"), "Container " + container.label() + " mounts two volumes at "
                            + text + " (also " + first.text() + "); Docker rejects duplicate mount points.",
                            "mount-point-container-path");
                }
            }
        }
    }

    private static String known(Map<String, JsonPath> volumes) {
        return volumes.isEmpty() ? "" : " (" + Values.orList(volumes.keySet()) + ")";
    }

    private void volumesFrom(RuleContext task, RuleContext.Container container, Findings out) {
        List<Json> items = Values.array(container.json(), "volumesFrom").items();
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject from)) {
                continue;
            }
            JsonPath path = container.at("volumesFrom").index(j).key("sourceContainer");
            String source = Values.concrete(from, "sourceContainer");
            if (!Values.isSet(from, "sourceContainer")) {
                out.error(path, "volumesFrom needs a sourceContainer: the container whose volumes to mount.",
                        "volumes-from-target");
            } else if (source != null && source.equals(container.name())) {
                out.error(path, "Container " + container.label() + " mounts volumes from itself; name another"
                        + " container of the task.", "volumes-from-target");
            } else if (source != null && task.container(source) == null) {
                out.error(path, "sourceContainer " + Values.quote(source) + " is not a container of this task; use one"
                        + " of " + ContainerDependencyRules.names(task, container) + ".", "volumes-from-target");
            }
        }
    }
}
