package io.stowage.engine.local;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Host ports for mappings without one, picked as the agent picks them since 1.70.0 (ecs-semantics §1.3):
 * sequentially from the last one given, within {@code ip_local_port_range} (else 49153-65535), each probed by
 * binding it on the address it will be published on, wrapping around once.
 */
final class DynamicPorts {
    private static final int FALLBACK_FROM = 49153;
    private static final int FALLBACK_TO = 65535;
    private static final int[] RANGE = range();
    private static int last = RANGE[0] - 1;

    private DynamicPorts() {
    }

    /** @throws TaskSetupException "a host port is unavailable" when none is free */
    static synchronized int pick(String ip, String protocol) {
        int size = RANGE[1] - RANGE[0] + 1;
        for (int i = 1; i <= size; i++) {
            int candidate = RANGE[0] + Math.floorMod(last + i - RANGE[0], size);
            if (free(ip, candidate, protocol)) {
                last = candidate;
                return candidate;
            }
        }
        throw new TaskSetupException("CannotCreateContainerError: a host port is unavailable");
    }

    private static boolean free(String ip, int port, String protocol) {
        try {
            InetAddress address = ip == null || ip.isEmpty() ? null : InetAddress.getByName(ip);
            if ("udp".equals(protocol)) {
                try (var socket = new DatagramSocket(new InetSocketAddress(address, port))) {
                    return socket.isBound();
                }
            }
            try (var socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(address, port), 1);
                return true;
            }
        } catch (IOException taken) {
            return false;
        }
    }

    private static int[] range() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[]{FALLBACK_FROM, FALLBACK_TO};
        }
    }
}
