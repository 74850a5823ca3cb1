package io.stowage.format.compose;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonArray;
import io.stowage.model.json.JsonObject;

import java.util.Locale;
import java.util.Set;

/**
 * {@code ports} in every form compose takes, as ECS port mappings: {@code "80"}, {@code 80},
 * {@code "8080:80"}, {@code "127.0.0.1:8080:80"}, {@code "[::1]:8080:80"}, {@code "127.0.0.1::80"},
 * {@code "9090-9091:8080-8081"}, {@code "8000-8010:80"}, {@code "53:53/udp"}, and the long form
 * ({@code target}, {@code published}, {@code host_ip}, {@code protocol}, {@code mode}, {@code name},
 * {@code app_protocol}). A port without a host port gets a dynamic one, as ECS bridge mode does.
 */
final class PortSettings {
    /** Beyond this many ports a host range stays a container port range with dynamic host ports. */
    static final int MAX_EXPANDED = 100;
    private static final Set<String> APP_PROTOCOLS = Set.of("http", "http2", "grpc");

    private record Range(int first, int last) {
        int size() {
            return last - first + 1;
        }

        boolean single() {
            return first == last;
        }
    }

    private PortSettings() {
    }

    static void apply(Json value, String path, ServiceDraft draft, ImportContext ctx) {
        if (!(value instanceof JsonArray array)) {
            ctx.notMapped(path, "expected a list of ports");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            Json port = array.get(i);
            String where = path + "[" + i + "]";
            if (port instanceof JsonObject object) {
                longForm(object, where, draft, ctx);
            } else {
                shortForm(ComposeValues.text(port), where, draft, ctx);
            }
        }
    }

    private static void shortForm(String spec, String path, ServiceDraft draft, ImportContext ctx) {
        if (spec == null || spec.isBlank()) {
            ctx.notMapped(path, "the port is empty" + unsetHint(ctx));
            return;
        }
        String text = spec.strip();
        String protocol = "tcp";
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            protocol = text.substring(slash + 1).toLowerCase(Locale.ROOT);
            text = text.substring(0, slash);
        }
        String hostIp = null;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                ctx.notMapped(path, "cannot read the port \"" + spec + "\"");
                return;
            }
            hostIp = text.substring(1, close);
            text = text.substring(close + 2);
        }
        String[] parts = text.split(":", -1);
        String host;
        String container;
        if (parts.length == 3 && hostIp == null) {
            hostIp = parts[0];
            host = parts[1];
            container = parts[2];
        } else if (parts.length == 2) {
            host = parts[0];
            container = parts[1];
        } else if (parts.length == 1) {
            host = "";
            container = parts[0];
        } else {
            ctx.notMapped(path, "cannot read the port \"" + spec + "\"");
            return;
        }
        map(spec, container, host, hostIp, protocol, null, null, path, draft, ctx);
    }

    private static void longForm(JsonObject port, String path, ServiceDraft draft, ImportContext ctx) {
        String target = ComposeValues.text(port.get("target"));
        String published = port.has("published") ? ComposeValues.text(port.get("published")) : "";
        String protocol = port.has("protocol") ? ComposeValues.text(port.get("protocol")).toLowerCase(Locale.ROOT) : "tcp";
        String mode = ComposeValues.text(port.get("mode"));
        if ("ingress".equals(mode)) {
            ctx.approximated(path + ".mode", "ECS has no routing mesh; the port is published on the instance that "
                    + "runs the task (mode host)");
        }
        for (String key : port.keys()) {
            if (!Set.of("target", "published", "protocol", "mode", "host_ip", "name", "app_protocol").contains(key)) {
                ctx.notMapped(path + "." + key, "not a port setting ECS knows");
            }
        }
        if (target == null) {
            ctx.notMapped(path, "a port needs a target (the container port)");
            return;
        }
        map(target + (published == null ? "" : " <- " + published), target, published == null ? "" : published,
                ComposeValues.text(port.get("host_ip")), protocol, ComposeValues.text(port.get("name")),
                ComposeValues.text(port.get("app_protocol")), path, draft, ctx);
    }

    private static void map(String spec, String container, String host, String hostIp, String protocol, String name,
                            String appProtocol, String path, ServiceDraft draft, ImportContext ctx) {
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            ctx.notMapped(path, "ECS maps tcp and udp ports only, not " + protocol);
            return;
        }
        Range containerPorts = range(container);
        Range hostPorts = host.isBlank() ? null : range(host);
        if (containerPorts == null || !host.isBlank() && hostPorts == null) {
            ctx.notMapped(path, "cannot read the port \"" + spec + "\"" + (spec.contains("${") ? unsetHint(ctx) : ""));
            return;
        }
        if (hostIp != null && !hostIp.isBlank() && !hostIp.equals("0.0.0.0") && !hostIp.equals("::")) {
            ctx.approximated(path, "ECS publishes ports on every address of the instance; the host address "
                    + hostIp + " is not kept");
        }
        if (appProtocol != null && !APP_PROTOCOLS.contains(appProtocol)) {
            ctx.notMapped(path + ".app_protocol", "ECS knows the application protocols http, http2 and grpc");
            appProtocol = null;
        }
        if (appProtocol != null && name == null) {
            name = draft.name + "-" + containerPorts.first();
        }
        if (!containerPorts.single()) {
            if (hostPorts == null || hostPorts.size() != containerPorts.size() || containerPorts.size() > MAX_EXPANDED) {
                if (hostPorts != null) {
                    ctx.approximated(path, "host ports " + host + " became dynamic: ECS maps a container port range "
                            + "to host ports it chooses");
                }
                draft.append("portMappings", mapping(null, null, protocol, name, appProtocol)
                        .with("containerPortRange", ContainerSettings.str(containerPorts.first() + "-" + containerPorts.last())));
                return;
            }
            for (int i = 0; i < containerPorts.size(); i++) {
                draft.append("portMappings", mapping(containerPorts.first() + i, hostPorts.first() + i, protocol,
                        i == 0 ? name : null, i == 0 ? appProtocol : null));
            }
            return;
        }
        Integer hostPort = null;
        if (hostPorts != null && hostPorts.single()) {
            hostPort = hostPorts.first();
        } else if (hostPorts != null) {
            ctx.approximated(path, "compose picks a host port from " + host + "; ECS cannot choose from a range, "
                    + "so the host port is dynamic");
        }
        draft.append("portMappings", mapping(containerPorts.first(), hostPort, protocol, name, appProtocol));
    }

    private static JsonObject mapping(Integer container, Integer host, String protocol, String name, String appProtocol) {
        JsonObject.Builder mapping = JsonObject.builder();
        if (name != null) {
            mapping.put("name", name);
        }
        if (container != null) {
            mapping.put("containerPort", container);
        }
        if (host != null) {
            mapping.put("hostPort", host);
        }
        mapping.put("protocol", protocol);
        if (appProtocol != null) {
            mapping.put("appProtocol", appProtocol);
        }
        return mapping.build();
    }

    private static Range range(String text) {
        String t = text.strip();
        try {
            int dash = t.indexOf('-');
            int first = Integer.parseInt(dash < 0 ? t : t.substring(0, dash));
            int last = dash < 0 ? first : Integer.parseInt(t.substring(dash + 1));
            return first < 1 || last > 65535 || last < first ? null : new Range(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unsetHint(ImportContext ctx) {
        return ctx.project.unset().isEmpty() ? "" : " (a variable it uses may be unset)";
    }
}
