package io.stowage.model.rules;

import io.stowage.model.json.Json;
import io.stowage.model.json.JsonObject;
import io.stowage.model.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What hands a container more of the host than it looks like: a bind of the Docker socket (whoever can talk to
 * it starts privileged containers, so owns the host; read-only does not help, since the API is a socket, not a
 * file), and host-mode ports, which listen on every interface of the instance with no mapping to keep them to
 * one address (in a local run, every interface of this machine, where bridge ports stay on loopback). Both are
 * allowed and sometimes meant (an agent, a monitoring daemon), hence warnings.
 * Sources: https://docs.docker.com/engine/security/#docker-daemon-attack-surface ("only trusted users should be
 * allowed to control your Docker daemon"); ECS Developer Guide, "Task definition network mode" (host mode: "the
 * container ports are mapped directly to the Amazon EC2 instance's network interface").
 */
final class HostExposureRules implements Rule {
    public static final String DOCKER_SOCKET = "docker-socket-mount";
    public static final String HOST_NETWORK_PORTS = "host-network-ports";

    private static final JsonPath VOLUMES = JsonPath.ROOT.key("volumes");

    @Override
    public void check(RuleContext task, Findings out) {
        dockerSocket(task, out);
        hostPorts(task, out);
    }

    private void dockerSocket(RuleContext task, Findings out) {
        List<Json> volumes = Values.array(task.json(), "volumes").items();
        for (int i = 0; i < volumes.size(); i++) {
            if (!(volumes.get(i) instanceof JsonObject volume)) {
                continue;
            }
            String source = Values.concrete(Values.object(volume, "host"), "sourcePath");
            if (source == null || !exposesDockerSocket(source)) {
                continue;
            }
            String name = Values.string(volume, "name");
            List<String> mountedBy = new ArrayList<>();
            for (RuleContext.Container container : task.containers()) {
                for (Json mount : Values.array(container.json(), "mountPoints").items()) {
                    if (mount instanceof JsonObject m && name != null && name.equals(Values.string(m, "sourceVolume"))) {
                        mountedBy.add(container.label());
                        break;
                    }
                }
            }
            out.warning(VOLUMES.index(i).key("host").key("sourcePath"), "This volume binds the host's Docker socket ("
                    + Values.quote(source) + ")" + (mountedBy.isEmpty() ? "" : " into " + Values.andList(mountedBy))
                    + ": whoever runs in a container that mounts it controls the Docker engine and so the whole "
                    + "host, also when the mount is read-only; mount it only into a container you trust with that "
                    + "(an agent or a CI runner), never into one that serves the network.", DOCKER_SOCKET);
        }
    }

    /** The socket itself, or a folder that holds it (a bind of /var/run hands it over as well). */
    static boolean exposesDockerSocket(String sourcePath) {
        String path = sourcePath.strip().replace('\\', '/').toLowerCase(Locale.ROOT);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.endsWith("/docker.sock") || path.equals("/var/run") || path.equals("/run")
                || path.equals("/var/run/docker") || path.equals("/run/docker") || path.endsWith("/pipe/docker_engine");
    }

    private void hostPorts(RuleContext task, Findings out) {
        if (!"host".equals(task.networkMode())) {
            return;
        }
        for (RuleContext.Container container : task.containers()) {
            List<String> ports = new ArrayList<>();
            for (Json mapping : Values.array(container.json(), "portMappings").items()) {
                if (mapping instanceof JsonObject m) {
                    Long port = Values.number(m, "containerPort");
                    if (port != null) {
                        ports.add(String.valueOf(port));
                    } else if (Values.string(m, "containerPortRange") != null) {
                        ports.add(Values.string(m, "containerPortRange"));
                    }
                }
            }
            if (ports.isEmpty()) {
                continue;
            }
            out.warning(container.at("portMappings"), "In host network mode, container " + container.label()
                    + " listens on port" + (ports.size() == 1 ? " " : "s ") + Values.andList(ports) + " on every "
                    + "interface of the instance (in a local run, of this machine), with nothing to keep "
                    + (ports.size() == 1 ? "it" : "them") + " to one address; use bridge or awsvpc mode unless the "
                    + "container must share the host's network, and let a security group limit who reaches it.",
                    HOST_NETWORK_PORTS);
        }
    }
}
