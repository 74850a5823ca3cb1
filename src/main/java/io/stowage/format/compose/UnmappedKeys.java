package io.stowage.format.compose;

import java.util.Map;

/** Why a compose service key has no place in a task definition or service, in one sentence each. */
final class UnmappedKeys {
    private static final String NO_ECS = "ECS has no setting for this";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("container_name", "ECS names each container itself (ecs-FAMILY-REVISION-NAME-...); the "
                    + "container definition is named after the service"),
            Map.entry("expose", "exposing a port without publishing it has no ECS counterpart; containers of one "
                    + "task reach each other through links (bridge) or localhost (awsvpc)"),
            Map.entry("external_links", "links to containers outside the project have no ECS counterpart"),
            Map.entry("extends", "extends is not supported; flatten the file first with `docker compose config`"),
            Map.entry("configs", "ECS has no configs; mount the file from the host or an EFS volume, or pass it "
                    + "through a secret or environment file"),
            Map.entry("pull_policy", "ECS pulls as the agent's ECS_IMAGE_PULL_BEHAVIOR says, per instance"),
            Map.entry("stop_signal", "ECS always stops a container with SIGTERM (then SIGKILL after stopTimeout); set "
                    + "STOPSIGNAL in the image instead"),
            Map.entry("domainname", NO_ECS),
            Map.entry("dns_opt", "ECS has no DNS options setting"),
            Map.entry("mac_address", NO_ECS),
            Map.entry("cgroup", NO_ECS),
            Map.entry("cgroup_parent", NO_ECS),
            Map.entry("cpu_count", "Windows-only setting with no ECS counterpart"),
            Map.entry("cpu_percent", "Windows-only setting with no ECS counterpart"),
            Map.entry("cpu_period", "ECS sets CPU shares from cpu units, not CFS periods"),
            Map.entry("cpu_quota", "ECS sets CPU shares from cpu units, not CFS quotas; a task-level cpu is a hard limit"),
            Map.entry("cpu_rt_period", NO_ECS),
            Map.entry("cpu_rt_runtime", NO_ECS),
            Map.entry("cpuset", NO_ECS),
            Map.entry("blkio_config", NO_ECS),
            Map.entry("device_cgroup_rules", NO_ECS),
            Map.entry("oom_kill_disable", NO_ECS),
            Map.entry("oom_score_adj", NO_ECS),
            Map.entry("pids_limit", NO_ECS),
            Map.entry("storage_opt", NO_ECS),
            Map.entry("group_add", NO_ECS),
            Map.entry("userns_mode", NO_ECS),
            Map.entry("uts", NO_ECS),
            Map.entry("isolation", "ECS chooses the isolation of Windows containers itself"),
            Map.entry("runtime", "ECS chooses the container runtime (nvidia for GPU tasks) itself"),
            Map.entry("volume_driver", "give the driver on a named volume instead (volumes.NAME.driver)"),
            Map.entry("credential_spec", "set credentialSpecs on the container definition by hand (Windows gMSA)"),
            Map.entry("attach", "a compose CLI setting"),
            Map.entry("develop", "compose watch is a development feature of the compose CLI"),
            Map.entry("post_start", "ECS has no lifecycle hooks on containers"),
            Map.entry("pre_stop", "ECS has no lifecycle hooks on containers"),
            Map.entry("annotations", NO_ECS),
            Map.entry("label_file", "labels from files are not read; give dockerLabels in the container definition"),
            Map.entry("models", "compose models have no ECS counterpart"),
            Map.entry("provider", "compose providers have no ECS counterpart"),
            Map.entry("use_api_socket", "ECS does not expose the Docker API to containers"),
            Map.entry("gpus", "use deploy.resources.reservations.devices with capabilities [gpu] and a count"));

    private UnmappedKeys() {
    }

    /** The reason for a key this import knows but cannot map, or null for a key it does not know. */
    static String reason(String key, ImportAdvice advice) {
        if (key.equals("networks")) {
            return "compose networks are not kept: each service is its own task in bridge mode on the instance's "
                    + "docker0 bridge; to reach another service by name on ECS, use Service Connect or service "
                    + "discovery, or import " + advice.singleTask() + " to put the services in one task";
        }
        return REASONS.get(key);
    }
}
