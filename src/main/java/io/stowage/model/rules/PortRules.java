package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port mappings: a container port is given, ports are in range, container port ranges are well formed, static
 * host ports are unique in the task and avoid the ports the ECS agent reserves on container instances and the
 * ephemeral range, and port mapping names follow Service Connect's rules.
 * Sources: ECS API reference, PortMapping.containerPort / hostPort / containerPortRange / name ("up to 64
 * characters ... lowercase letters, numbers, underscores (_), and hyphens (-). The name can't start with a
 * hyphen"); ecs-semantics.md §1.3 (static vs dynamic host ports; awsvpc and host use the containerPort) and
 * §4.1 / §6 (ECS_RESERVED_PORTS default 22, 2375, 2376, 51678, 51679 on Linux, also 53, 135, 139, 445, 3389,
 * 5985, 5986 on Windows; 51680 with Prometheus metrics).
 */
final class PortRules implements Rule {
    static final Set<Integer> RESERVED = Set.of(22, 2375, 2376, 51678, 51679);
    static final Set<Integer> RESERVED_WINDOWS = Set.of(53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679);
    private static final int PROMETHEUS_PORT = 51680;
    private static final int EPHEMERAL_START = 32768;
    private static final int MAX_RANGES = 100;
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");

    private record Bound(RuleContext.Container owner, Long containerPort, JsonPath path) {
    }

    @Override
    public void check(RuleContext task, Findings out) {
        String mode = task.networkMode();
        Map<String, Bound> hostPorts = new HashMap<>();
        Map<String, JsonPath> names = new HashMap<>();
        for (RuleContext.Container container : task.containers()) {
            List<Json> mappings = Values.array(container.json(), "portMappings").items();
            List<int[]> containerPorts = new ArrayList<>();
            int ranges = 0;
            for (int j = 0; j < mappings.size(); j++) {
                if (!(mappings.get(j) instanceof JsonObject mapping)) {
                    continue;
                }
                JsonPath path = container.at("portMappings").index(j);
                String protocol = "udp".equals(Values.string(mapping, "protocol")) ? "udp" : "tcp";
                int[] span = containerPort(mapping, mode, path, out);
                if (Values.isSet(mapping, "containerPortRange")) {
                    ranges++;
                }
                if (span != null) {
                    overlap(containerPorts, span, protocol, container, path, out);
                }
                hostPort(task, mode, mapping, protocol, container, path, hostPorts, out);
                name(mapping, path, names, out);
            }
            if (ranges > MAX_RANGES) {
                out.error(container.at("portMappings"), "Container " + container.label() + " has " + ranges
                        + " containerPortRange mappings; ECS allows at most " + MAX_RANGES + " per container.",
                        "container-port-range");
            }
        }
    }

    /** Checks containerPort / containerPortRange; returns the container ports covered as {first, last, protocol}. */
    private int[] containerPort(JsonObject mapping, String mode, JsonPath path, Findings out) {
        Json port = Values.get(mapping, "containerPort");
        Json range = Values.get(mapping, "containerPortRange");
        if (port == null && range == null) {
            out.error(path.key("containerPort"), "This port mapping has no containerPort; set the port the"
                    + " container listens on (or a containerPortRange such as \"8000-8010\").",
                    "container-port-required");
            return null;
        }
        if (port != null && range != null && !Values.isPlaceholder(range)) {
            out.warning(path, "Set either containerPort or containerPortRange in a port mapping, not both;"
                    + " ECS documents them as alternatives.", "container-port-range");
            return null;
        }
        Long value = Values.number(mapping, "containerPort");
        if (value != null) {
            if (value < 1 || value > 65535) {
                out.error(path.key("containerPort"), "containerPort " + value + " is not a port; use 1 to 65535.",
                        "port-range");
                return null;
            }
            return new int[] {value.intValue(), value.intValue()};
        }
        String text = Values.concrete(mapping, "containerPortRange");
        if (text == null) {
            return null;
        }
        Matcher matcher = RANGE.matcher(text.strip());
        JsonPath at = path.key("containerPortRange");
        if (!matcher.matches()) {
            out.error(at, "containerPortRange " + Values.quote(text) + " is not a range; write it as"
                    + " \"first-last\", e.g. \"8000-8010\".", "container-port-range");
            return null;
        }
        long first = Long.parseLong(matcher.group(1));
        long last = Long.parseLong(matcher.group(2));
        if (first < 1 || last > 65535) {
            out.error(at, "containerPortRange " + Values.quote(text) + " must lie within 1 to 65535.",
                    "container-port-range");
            return null;
        }
        if (first >= last) {
            out.error(at, "containerPortRange " + Values.quote(text) + " must start below where it ends, e.g. \""
                    + Math.min(first, last) + "-" + Math.max(first, last) + "\".", "container-port-range");
            return null;
        }
        if (Values.isSet(mapping, "hostPort")) {
            out.error(path.key("hostPort"), "Leave hostPort empty with a containerPortRange; ECS assigns the host"
                    + " ports itself.", "container-port-range");
        }
        if (mode != null && !mode.equals("bridge") && !mode.equals("awsvpc")) {
            out.error(at, "containerPortRange needs bridge or awsvpc network mode; this task uses " + mode + ".",
                    "container-port-range");
        }
        return new int[] {(int) first, (int) last};
    }

    private void overlap(List<int[]> seen, int[] span, String protocol, RuleContext.Container container,
                         JsonPath path, Findings out) {
        int proto = protocol.equals("udp") ? 1 : 0;
        boolean isRange = span[0] != span[1];
        for (int[] other : seen) {
            boolean otherRange = other[0] != other[1];
            if (other[2] == proto && span[0] <= other[1] && other[0] <= span[1] && (isRange || otherRange)) {
                out.error(path, "Container " + container.label() + " maps port " + Math.max(span[0], other[0]) + "/"
                        + protocol + " in more than one port mapping; with a containerPortRange each port may be in"
                        + " one mapping only, and ranges must not overlap.", "container-port-range");
                break;
            }
        }
        seen.add(new int[] {span[0], span[1], proto});
    }

    private void hostPort(RuleContext task, String mode, JsonObject mapping, String protocol,
                          RuleContext.Container container, JsonPath path, Map<String, Bound> hostPorts, Findings out) {
        Long host = Values.number(mapping, "hostPort");
        if (host != null && (host < 0 || host > 65535)) {
            out.error(path.key("hostPort"), "hostPort " + host + " is not a port; use 1 to 65535, or 0 or nothing"
                    + " for a dynamic host port.", "port-range");
            return;
        }
        if (mode == null || Values.isSet(mapping, "containerPortRange")) {
            return;
        }
        Long containerPort = Values.number(mapping, "containerPort");
        Long effective;
        if (mode.equals("awsvpc") || mode.equals("host")) {
            effective = host != null && host != 0 ? host : containerPort;
        } else if (mode.equals("bridge")) {
            effective = host != null && host > 0 ? host : null;
        } else {
            effective = null;
        }
        if (effective == null || effective < 1 || effective > 65535) {
            return;
        }
        JsonPath at = host != null && host != 0 ? path.key("hostPort") : path.key("containerPort");
        String port = effective + "/" + protocol;
        Bound first = hostPorts.putIfAbsent(port, new Bound(container, containerPort, path));
        if (first != null && first.owner() == container && java.util.Objects.equals(first.containerPort(), containerPort)) {
            out.warning(path, "This port mapping repeats " + first.path().text() + " (" + port + "); remove the"
                    + " duplicate.", "host-port-duplicate");
        } else if (first != null) {
            String where = mode.equals("bridge") ? "host port" : "port (in " + mode + " mode the container port is"
                    + " also the " + (mode.equals("host") ? "host" : "task") + " port)";
            out.error(at, "Port " + port + " is already bound by " + first.path().text() + " ("
                    + first.owner().label() + "); each " + where + " can be bound once per task. Use another port"
                    + (mode.equals("bridge") ? " or a dynamic host port (omit hostPort)" : "") + ".",
                    "host-port-duplicate");
        }
        if (!mode.equals("awsvpc") && task.onContainerInstances() && protocol.equals("tcp")) {
            Set<Integer> reserved = task.windows() ? RESERVED_WINDOWS : RESERVED;
            if (reserved.contains(effective.intValue())) {
                out.error(at, "Host port " + effective + " is reserved by the ECS agent on " + (task.windows()
                        ? "Windows" : "Linux") + " container instances (" + Values.andList(new java.util.TreeSet<>(reserved))
                        + "), so no instance can place this task; use another port"
                        + (mode.equals("bridge") ? " or a dynamic host port (omit hostPort)" : "") + ".",
                        "reserved-host-port");
            } else if (effective == PROMETHEUS_PORT) {
                out.warning(at, "Host port 51680 is reserved on container instances that enable the agent's"
                        + " Prometheus metrics; prefer another port.", "reserved-host-port");
            }
        }
        if (mode.equals("bridge") && effective >= EPHEMERAL_START && task.onContainerInstances()) {
            out.warning(at, "Host port " + effective + " lies in the ephemeral range (32768 and above on most Linux"
                    + " instances) that ECS uses for dynamic host ports, so it may already be taken; choose a port"
                    + " below 32768 or omit hostPort.", "host-port-ephemeral");
        }
    }

    private void name(JsonObject mapping, JsonPath path, Map<String, JsonPath> names, Findings out) {
        String name = Values.concrete(mapping, "name");
        if (name == null) {
            return;
        }
        if (!NAME.matcher(name).matches()) {
            out.error(path.key("name"), "Port mapping name " + Values.quote(name) + " is not valid; use up to 64"
                    + " lowercase letters, numbers, underscores and hyphens, not starting with a hyphen.",
                    "port-mapping-name");
            return;
        }
        JsonPath first = names.putIfAbsent(name, path);
        if (first != null) {
            out.warning(path.key("name"), "Port mapping name " + Values.quote(name) + " is already used by "
                    + first.text() + "; Service Connect needs each name once per task definition.",
                    "port-mapping-name");
        }
    }
}
