package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kernel-facing container settings: capability names, swap, shared memory and tmpfs mounts, ulimits (soft at
 * most hard, once per name), and namespaced sysctls (systemControls) allowed by the task's namespaces.
 * Sources: ECS API reference, KernelCapabilities.add/drop (valid values), LinuxParameters.maxSwap ("0 or any
 * positive integer"), .swappiness ("between 0 and 100 ... If a value is not specified for maxSwap then this
 * parameter is ignored"), Tmpfs (size in MiB, "absolute file path", valid mountOptions), SystemControl.value
 * (valid IPC and network namespace sysctls), RegisterTaskDefinition.ipcMode ("For tasks that use the host IPC
 * mode, IPC namespace related systemControls are not supported"); Docker: ulimit soft must not exceed hard
 * (moby api/types/container/hostconfig validation), sysctls net.* are rejected in the host network namespace
 * (https://docs.docker.com/reference/cli/docker/container/run/#sysctl).
 */
final class LinuxParametersRules implements Rule {
    static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_WRITE", "BLOCK_SUSPEND", "CHOWN",
            "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE",
            "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST",
            "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE",
            "SYS_NICE", "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG",
            "SYSLOG", "WAKE_ALARM");
    /** Capabilities of newer kernels that the ECS API reference does not list. */
    private static final Set<String> NEWER_CAPABILITIES = Set.of("AUDIT_READ", "BPF", "PERFMON", "CHECKPOINT_RESTORE");
    private static final Set<String> TMPFS_OPTIONS = Set.of("defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev",
            "exec", "noexec", "sync", "async", "dirsync", "remount", "mand", "nomand", "atime", "noatime", "diratime",
            "nodiratime", "bind", "rbind", "unbindable", "runbindable", "private", "rprivate", "shared", "rshared",
            "slave", "rslave", "relatime", "norelatime", "strictatime", "nostrictatime", "mode", "uid", "gid",
            "nr_inodes", "nr_blocks", "mpol");
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    @Override
    public void check(RuleContext task, Findings out) {
        for (RuleContext.Container container : task.containers()) {
            JsonObject linux = Values.object(container.json(), "linuxParameters");
            if (linux != null) {
                JsonPath path = container.at("linuxParameters");
                capabilities(linux, path, out);
                swap(linux, path, out);
                tmpfs(linux, path, out);
            }
            ulimits(container, out);
            systemControls(task, container, out);
        }
    }

    private void capabilities(JsonObject linux, JsonPath path, Findings out) {
        JsonObject capabilities = Values.object(linux, "capabilities");
        for (String key : List.of("add", "drop")) {
            List<Json> items = Values.array(capabilities, key).items();
            for (int j = 0; j < items.size(); j++) {
                if (!(items.get(j) instanceof JsonString s) || Values.hasPlaceholder(s.value())
                        || CAPABILITIES.contains(s.value())) {
                    continue;
                }
                JsonPath at = path.key("capabilities").key(key).index(j);
                String normalized = s.value().toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
                if (CAPABILITIES.contains(normalized)) {
                    out.warning(at, "Write the capability as " + normalized + " (upper case, without CAP_), as ECS"
                            + " documents it.", "linux-capabilities");
                } else if (NEWER_CAPABILITIES.contains(normalized)) {
                    out.warning(at, normalized + " is a Linux capability that ECS does not list as a valid value;"
                            + " ECS may reject it.", "linux-capabilities");
                } else {
                    out.error(at, Values.quote(s.value()) + " is not a Linux capability ECS accepts; use one such as"
                            + " NET_ADMIN, SYS_PTRACE or NET_BIND_SERVICE.", "linux-capabilities");
                }
            }
        }
    }

    private void swap(JsonObject linux, JsonPath path, Findings out) {
        Long maxSwap = Values.number(linux, "maxSwap");
        Long swappiness = Values.number(linux, "swappiness");
        Long shm = Values.number(linux, "sharedMemorySize");
        if (maxSwap != null && maxSwap < 0) {
            out.error(path.key("maxSwap"), "maxSwap " + maxSwap + " is negative; use 0 (no swap) or a number of MiB.",
                    "linux-swap");
        }
        if (swappiness != null && (swappiness < 0 || swappiness > 100)) {
            out.error(path.key("swappiness"), "swappiness " + swappiness + " is out of range; use 0 to 100.",
                    "linux-swap");
        } else if (swappiness != null && !Values.isSet(linux, "maxSwap")) {
            out.warning(path.key("swappiness"), "swappiness is ignored unless maxSwap is set; set maxSwap too or"
                    + " remove swappiness.", "linux-swap");
        }
        if (shm != null && shm <= 0) {
            out.error(path.key("sharedMemorySize"), "sharedMemorySize " + shm + " must be a positive number of MiB.",
                    "linux-shared-memory");
        }
    }

    private void tmpfs(JsonObject linux, JsonPath path, Findings out) {
        List<Json> mounts = Values.array(linux, "tmpfs").items();
        for (int j = 0; j < mounts.size(); j++) {
            if (!(mounts.get(j) instanceof JsonObject tmpfs)) {
                continue;
            }
            JsonPath at = path.key("tmpfs").index(j);
            Long size = Values.number(tmpfs, "size");
            if (size != null && size <= 0) {
                out.error(at.key("size"), "tmpfs size " + size + " must be a positive number of MiB.", "tmpfs");
            }
            String containerPath = Values.concrete(tmpfs, "containerPath");
            if (containerPath != null && !containerPath.startsWith("/")) {
                out.error(at.key("containerPath"), "tmpfs containerPath " + Values.quote(containerPath) + " must be an"
                        + " absolute path, e.g. \"/tmp\".", "tmpfs");
            }
            List<Json> options = Values.array(tmpfs, "mountOptions").items();
            for (int k = 0; k < options.size(); k++) {
                if (options.get(k) instanceof JsonString s && !Values.hasPlaceholder(s.value())
                        && !TMPFS_OPTIONS.contains(s.value().split("=", 2)[0])) {
                    out.error(at.key("mountOptions").index(k), "tmpfs mount option " + Values.quote(s.value())
                            + " is not one ECS accepts (e.g. rw, noexec, nosuid, mode=1777).", "tmpfs");
                }
            }
        }
    }

    private void ulimits(RuleContext.Container container, Findings out) {
        List<Json> items = Values.array(container.json(), "ulimits").items();
        Map<String, JsonPath> names = new HashMap<>();
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject ulimit)) {
                continue;
            }
            JsonPath path = container.at("ulimits").index(j);
            String name = Values.concrete(ulimit, "name");
            Long soft = Values.number(ulimit, "softLimit");
            Long hard = Values.number(ulimit, "hardLimit");
            if (soft != null && hard != null && hard != -1 && (soft == -1 || soft > hard)) {
                out.error(path.key("softLimit"), "The " + (name == null ? "" : name + " ") + "ulimit's softLimit "
                        + soft + " exceeds its hardLimit " + hard + "; Docker rejects it. Make softLimit at most "
                        + hard + ".", "ulimit-limits");
            }
            if (name != null) {
                JsonPath first = names.putIfAbsent(name, path);
                if (first != null) {
                    out.warning(path.key("name"), "The " + name + " ulimit is set twice (also at " + first.text()
                            + "); only one takes effect. Keep one.", "ulimit-duplicate");
                }
            }
        }
    }

    private void systemControls(RuleContext task, RuleContext.Container container, Findings out) {
        List<Json> items = Values.array(container.json(), "systemControls").items();
        String mode = task.networkMode();
        String ipcMode = Values.string(task.json(), "ipcMode");
        for (int j = 0; j < items.size(); j++) {
            if (!(items.get(j) instanceof JsonObject control)) {
                continue;
            }
            String namespace = Values.concrete(control, "namespace");
            if (namespace == null) {
                continue;
            }
            JsonPath path = container.at("systemControls").index(j).key("namespace");
            boolean ipc = IPC_SYSCTLS.contains(namespace) || namespace.startsWith("fs.mqueue.");
            boolean net = namespace.startsWith("net.");
            if (!ipc && !net) {
                out.error(path, "systemControls can set only namespaced sysctls: net.*, fs.mqueue.* and kernel.msgmax,"
                        + " msgmnb, msgmni, sem, shmall, shmmax, shmmni or shm_rmid_forced; " + Values.quote(namespace)
                        + " is not one of them.", "system-controls");
            } else if (net && "host".equals(mode)) {
                out.error(path, "Network sysctl " + namespace + " cannot be set in host network mode, which shares the"
                        + " instance's network namespace; remove it or use another network mode.", "system-controls");
            } else if (ipc && "host".equals(ipcMode)) {
                out.error(path, "IPC sysctl " + namespace + " cannot be set with ipcMode host, which shares the"
                        + " instance's IPC namespace; remove it or use another ipcMode.", "system-controls");
            }
        }
    }
}
