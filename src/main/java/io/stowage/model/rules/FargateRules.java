package io.stowage.model.rules;

import io.stowage.model.ecs.TaskSize;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;
import io.stowage.model.json.JsonString;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Fargate requires and forbids, checked when the task may run on Fargate: a valid task cpu/memory pair,
 * awsvpc, host ports equal to container ports, none of the parameters Fargate rejects, only bind-mount and EFS
 * volumes, the awslogs / splunk / awsfirelens log drivers, start and stop timeouts of 2-120 s, and Windows limits.
 * Sources: ecs-semantics.md §5.6 (the size table, forbidden parameters, volumes, log drivers, timeouts);
 * ECS API reference (newer than the 2023 guide, so it wins where they differ): RegisterTaskDefinition.pidMode
 * ("On Fargate for Linux containers, the only valid value is task"), .ipcMode ("not supported for ... tasks run
 * on Fargate"), SystemControl ("All of these values are supported by Fargate"), KernelCapabilities.add ("only
 * support adding the SYS_PTRACE kernel capability"), FirelensConfiguration.options ("Tasks hosted on Fargate only
 * support the file configuration file type"); https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html
 * (Windows: cpu at least 1 vCPU, no ulimits).
 */
final class FargateRules implements Rule {
    /** Valid task memory (MiB) per task cpu (units). */
    static final Map<Integer, List<Integer>> SIZES = new LinkedHashMap<>();
    private static final Set<Integer> WINDOWS_CPU = Set.of(1024, 2048, 4096);
    private static final Set<String> LOG_DRIVERS = Set.of("awslogs", "splunk", "awsfirelens");
    private static final int MAX_NOFILE = 1048576;

    static {
        SIZES.put(256, List.of(512, 1024, 2048));
        SIZES.put(512, steps(1024, 4096, 1024));
        SIZES.put(1024, steps(2048, 8192, 1024));
        SIZES.put(2048, steps(4096, 16384, 1024));
        SIZES.put(4096, steps(8192, 30720, 1024));
        SIZES.put(8192, steps(16384, 61440, 4096));
        SIZES.put(16384, steps(32768, 122880, 8192));
    }

    private static List<Integer> steps(int from, int to, int step) {
        List<Integer> out = new ArrayList<>();
        for (int v = from; v <= to; v += step) {
            out.add(v);
        }
        return List.copyOf(out);
    }

    @Override
    public void check(RuleContext task, Findings out) {
        if (!task.fargate()) {
            return;
        }
        size(task, out);
        String mode = task.networkMode();
        if (!"awsvpc".equals(mode) && !Values.isPlaceholder(Values.get(task.json(), "networkMode"))) {
            out.error(JsonPath.ROOT.key("networkMode"), "Fargate requires networkMode awsvpc; this task uses "
                    + (task.networkModeSet() ? Values.quote(String.valueOf(Values.string(task.json(), "networkMode")))
                    : "bridge (the default, as networkMode is absent)") + ".", "fargate-network-mode");
        }
        taskLevel(task, out);
        for (RuleContext.Container container : task.containers()) {
            ports(container, out);
            container(task, container, out);
            linux(container, out);
        }
        volumes(task, out);
    }

    private void size(RuleContext task, Findings out) {
        JsonPath cpuPath = JsonPath.ROOT.key("cpu");
        JsonPath memoryPath = JsonPath.ROOT.key("memory");
        if (!Values.isSet(task.json(), "cpu")) {
            out.error(cpuPath, "Fargate requires a task-level cpu, e.g. \"256\" (.25 vCPU) or \"1 vCPU\".",
                    "fargate-cpu-memory");
        }
        if (!Values.isSet(task.json(), "memory")) {
            out.error(memoryPath, "Fargate requires a task-level memory, e.g. \"512\" (MiB) or \"2 GB\".",
                    "fargate-cpu-memory");
        }
        Integer cpu = task.taskCpu();
        Integer memory = task.taskMemory();
        if (cpu == null) {
            return;
        }
        if (!SIZES.containsKey(cpu)) {
            out.error(cpuPath, "Task cpu " + cpu + " is not a Fargate size; use 256, 512, 1024, 2048, 4096, 8192 or"
                    + " 16384 CPU units (.25 to 16 vCPU).", "fargate-cpu-memory");
            return;
        }
        if (task.windows() && !WINDOWS_CPU.contains(cpu)) {
            out.error(cpuPath, "Windows containers on Fargate need task cpu 1024, 2048 or 4096 (1 to 4 vCPU); it is "
                    + TaskSize.describeCpu(cpu) + ".", "fargate-windows-cpu");
            return;
        }
        if (memory == null || SIZES.get(cpu).contains(memory)) {
            return;
        }
        List<Integer> fitting = new ArrayList<>();
        SIZES.forEach((c, memories) -> {
            if (memories.contains(memory) && (!task.windows() || WINDOWS_CPU.contains(c))) {
                fitting.add(c);
            }
        });
        out.error(memoryPath, "Fargate has no size with cpu " + TaskSize.describeCpu(cpu) + " and memory " + memory
                + " MiB; with cpu " + cpu + " use memory " + memoryChoices(cpu)
                + (fitting.isEmpty() ? "" : ", or for memory " + memory + " use cpu " + Values.orList(fitting))
                + ".", "fargate-cpu-memory");
    }

    private static String memoryChoices(int cpu) {
        List<Integer> memories = SIZES.get(cpu);
        if (memories.size() <= 4) {
            return Values.orList(memories) + " MiB";
        }
        int step = memories.get(1) - memories.get(0);
        return memories.get(0) + " to " + memories.get(memories.size() - 1) + " MiB in steps of " + step;
    }

    private void taskLevel(RuleContext task, Findings out) {
        String ipcMode = Values.string(task.json(), "ipcMode");
        if (ipcMode != null) {
            out.error(JsonPath.ROOT.key("ipcMode"), "ipcMode is not supported on Fargate; remove it.",
                    "fargate-unsupported");
        }
        String pidMode = Values.string(task.json(), "pidMode");
        if (pidMode != null && (task.windows() || pidMode.equals("host"))) {
            out.error(JsonPath.ROOT.key("pidMode"), task.windows()
                    ? "pidMode is not supported for Windows containers on Fargate; remove it."
                    : "pidMode host is not supported on Fargate; use \"task\" (platform version 1.4.0 or later) or"
                    + " remove it.", "fargate-unsupported");
        }
        if (Values.hasContent(task.json(), "placementConstraints")) {
            out.error(JsonPath.ROOT.key("placementConstraints"), "placementConstraints are not supported on Fargate;"
                    + " remove them.", "fargate-unsupported");
        }
        if (Values.hasContent(task.json(), "inferenceAccelerators")) {
            out.error(JsonPath.ROOT.key("inferenceAccelerators"), "Elastic Inference accelerators are not supported"
                    + " on Fargate; remove inferenceAccelerators.", "fargate-unsupported");
        }
    }

    private void ports(RuleContext.Container container, Findings out) {
        List<Json> mappings = Values.array(container.json(), "portMappings").items();
        for (int j = 0; j < mappings.size(); j++) {
            if (!(mappings.get(j) instanceof JsonObject mapping) || Values.isSet(mapping, "containerPortRange")) {
                continue;
            }
            Long host = Values.number(mapping, "hostPort");
            Long port = Values.number(mapping, "containerPort");
            if (host != null && host != 0 && port != null && !host.equals(port)) {
                out.error(container.at("portMappings").index(j).key("hostPort"), "hostPort " + host + " must equal"
                        + " containerPort " + port + " on Fargate (awsvpc); set it to " + port + " or omit it.",
                        "fargate-host-port");
            }
        }
    }

    private void container(RuleContext task, RuleContext.Container container, Findings out) {
        JsonObject json = container.json();
        for (String key : List.of("privileged", "disableNetworking")) {
            if (Values.isTrue(json, key)) {
                forbidden(container, key, key + " is not supported on Fargate; remove it.", out);
            }
        }
        for (String key : List.of("links", "dnsServers", "dnsSearchDomains", "extraHosts", "dockerSecurityOptions")) {
            if (Values.hasContent(json, key)) {
                forbidden(container, key, key + (key.equals("links") ? " are not supported on Fargate; remove them"
                        + " (containers of a Fargate task reach each other on localhost)." : " is not supported on"
                        + " Fargate; remove it."), out);
            }
        }
        List<Json> requirements = Values.array(json, "resourceRequirements").items();
        for (int j = 0; j < requirements.size(); j++) {
            if (requirements.get(j) instanceof JsonObject r && "GPU".equals(Values.string(r, "type"))) {
                out.error(container.at("resourceRequirements").index(j), "GPUs are not supported on Fargate; run"
                        + " GPU containers on EC2.", "fargate-unsupported");
            }
        }
        JsonObject log = Values.object(json, "logConfiguration");
        String driver = Values.concrete(log, "logDriver");
        if (driver != null && !LOG_DRIVERS.contains(driver)) {
            out.error(container.at("logConfiguration").key("logDriver"), "Log driver " + driver + " is not"
                    + " supported on Fargate; use awslogs, splunk or awsfirelens.", "fargate-log-driver");
        }
        for (String key : List.of("startTimeout", "stopTimeout")) {
            Long value = Values.number(json, key);
            if (value != null && (value < 2 || value > 120)) {
                out.error(container.at(key), key + " " + value + " is out of range on Fargate; use 2 to 120"
                        + " seconds.", "fargate-timeout");
            }
        }
        JsonObject firelens = Values.object(json, "firelensConfiguration");
        if ("s3".equals(Values.string(Values.object(firelens, "options"), "config-file-type"))) {
            out.error(container.at("firelensConfiguration").key("options").key("config-file-type"), "Fargate"
                    + " supports only config-file-type file for FireLens; bake the configuration into the log"
                    + " router image and use \"file\".", "fargate-unsupported");
        }
        List<Json> ulimits = Values.array(json, "ulimits").items();
        if (task.windows() && !ulimits.isEmpty()) {
            forbidden(container, "ulimits", "ulimits are not supported for Windows containers on Fargate; remove"
                    + " them.", out);
        }
        for (int j = 0; j < ulimits.size(); j++) {
            if (ulimits.get(j) instanceof JsonObject ulimit && "nofile".equals(Values.string(ulimit, "name"))) {
                for (String key : List.of("softLimit", "hardLimit")) {
                    Long value = Values.number(ulimit, key);
                    if (value != null && value > MAX_NOFILE) {
                        out.error(container.at("ulimits").index(j).key(key), "The nofile " + key + " " + value
                                + " exceeds Fargate's maximum of " + MAX_NOFILE + ".", "fargate-unsupported");
                    }
                }
            }
        }
    }

    private void linux(RuleContext.Container container, Findings out) {
        JsonObject linux = Values.object(container.json(), "linuxParameters");
        if (linux == null) {
            return;
        }
        JsonPath path = container.at("linuxParameters");
        for (String key : List.of("devices", "sharedMemorySize", "tmpfs", "maxSwap", "swappiness")) {
            if (Values.isSet(linux, key) && (Values.hasContent(linux, key) || Values.number(linux, key) != null)) {
                out.error(path.key(key), "linuxParameters." + key + " is not supported on Fargate; remove it.",
                        "fargate-unsupported");
            }
        }
        List<Json> add = Values.array(Values.object(linux, "capabilities"), "add").items();
        for (int j = 0; j < add.size(); j++) {
            if (add.get(j) instanceof JsonString s && !s.value().equals("SYS_PTRACE") && !s.value().equals("CAP_SYS_PTRACE")
                    && !Values.hasPlaceholder(s.value())) {
                out.error(path.key("capabilities").key("add").index(j), "Fargate can only add the SYS_PTRACE"
                        + " capability (platform version 1.4.0 or later); remove " + s.value() + ".",
                        "fargate-capabilities");
            }
        }
    }

    private void volumes(RuleContext task, Findings out) {
        List<Json> volumes = Values.array(task.json(), "volumes").items();
        for (int i = 0; i < volumes.size(); i++) {
            if (!(volumes.get(i) instanceof JsonObject volume)) {
                continue;
            }
            JsonPath path = JsonPath.ROOT.key("volumes").index(i);
            if (Values.isSet(volume, "dockerVolumeConfiguration")) {
                out.error(path.key("dockerVolumeConfiguration"), "Docker volumes (dockerVolumeConfiguration) are not"
                        + " supported on Fargate; use a bind mount (a volume with just a name) or an EFS volume.",
                        "fargate-volume");
            }
            if (Values.isSet(Values.object(volume, "host"), "sourcePath")) {
                out.error(path.key("host").key("sourcePath"), "host.sourcePath is not supported on Fargate (there is"
                        + " no host to share); remove host to get a task-scoped bind mount, or use EFS.",
                        "fargate-volume");
            }
        }
    }

    private void forbidden(RuleContext.Container container, String key, String message, Findings out) {
        out.error(container.at(key), message, "fargate-unsupported");
    }
}
