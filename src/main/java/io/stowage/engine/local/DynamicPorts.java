package io.stowage.engine.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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

    /** The kernel's ephemeral range, {from, to}, or the agent's fallback when it cannot be read. */
    static int[] range() {
        return range(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    }

    static int[] range(Path file) {
        // Not Files.readString: on JDK 17 it sizes its read by the file's size, which a proc file gives as 0 or
        // 4096, and a single read of it can come back short (one byte of "32768\t60999"). readAllBytes reads to EOF.
        try (InputStream in = Files.newInputStream(file)) {
            String[] parts = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            int from = Integer.parseInt(parts[0]);
            int to = Integer.parseInt(parts[1]);
            if (from < 1 || to > 65535 || from > to) {
                return new int[]{FALLBACK_FROM, FALLBACK_TO};
            }
            return new int[]{from, to};
        } catch (IOException | RuntimeException e) {
            return new int[]{FALLBACK_FROM, FALLBACK_TO};
        }
    }
}
