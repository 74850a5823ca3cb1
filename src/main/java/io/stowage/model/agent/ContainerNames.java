package io.stowage.model.agent;

import java.util.random.RandomGenerator;

/**
 * The Docker names the ECS agent gives what it creates (ecs-semantics §1.1): containers
 * {@code ecs-<family>-<revision>-<name>-<20 hex>} with every character of the container name outside
 * {@code [A-Za-z0-9-]} removed and the family kept as it is; task-scoped volumes
 * {@code ecs-<family>-<revision>-<volume>-<20 hex>}.
 */
public final class ContainerNames {

    /** The name the agent gives the awsvpc pause container of a task. */
    public static final String PAUSE = "~internal~ecs~pause";
    /** The name the agent gives the pause container holding the PID and IPC namespaces of a task that shares them. */
    public static final String NAMESPACE_PAUSE = "~internal~ecs~pause~namespace";

    private ContainerNames() {
    }

    /** Whether a container of a task is one the agent adds (a pause container), not one of its definition. */
    public static boolean internal(String containerName) {
        return PAUSE.equals(containerName) || NAMESPACE_PAUSE.equals(containerName);
    }

    public static String container(String family, int revision, String containerName, String hex) {
        return "ecs-" + family + "-" + revision + "-" + sanitize(containerName) + "-" + hex;
    }

    public static String volume(String family, int revision, String volumeName, String hex) {
        return "ecs-" + family + "-" + revision + "-" + volumeName + "-" + hex;
    }

    public static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9-]", "");
    }

    /**
     * The agent's RandHex: a random int64 written as a varint into 10 bytes, hex-encoded, so always 20
     * lowercase hex digits, usually ending in {@code 00} or {@code 01}.
     */
    public static String randomHex(RandomGenerator random) {
        long value = random.nextLong();
        byte[] buffer = new byte[10];
        // Go's binary.PutVarint: zig-zag, then 7 bits a byte, low first.
        long zigzag = (value << 1) ^ (value >> 63);
        int i = 0;
        while (Long.compareUnsigned(zigzag, 0x80) >= 0) {
            buffer[i++] = (byte) (zigzag | 0x80);
            zigzag >>>= 7;
        }
        buffer[i] = (byte) zigzag;
        StringBuilder hex = new StringBuilder(20);
        for (byte b : buffer) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
