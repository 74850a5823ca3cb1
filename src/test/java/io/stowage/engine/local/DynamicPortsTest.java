package io.stowage.engine.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The dynamic host port range is the kernel's, as the agent reads it, not the fallback. */
class DynamicPortsTest {
    private static final Path KERNEL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void theKernelsRangeIsReadWhole() throws Exception {
        assumeTrue(Files.isReadable(KERNEL), "no " + KERNEL + " on this machine");
        // The whole line, read as a line (a reader fills its buffer until the line ends).
        String[] kernel;
        try (var in = Files.newBufferedReader(KERNEL)) {
            kernel = in.readLine().trim().split("\\s+");
        }

        assertThat(DynamicPorts.range()).containsExactly(Integer.parseInt(kernel[0]), Integer.parseInt(kernel[1]));
        int picked = DynamicPorts.pick("127.0.0.1", "tcp");
        assertThat(picked).isBetween(Integer.parseInt(kernel[0]), Integer.parseInt(kernel[1]));
    }

    @Test
    void anUnreadableOrNonsensicalRangeFallsBackToTheAgentsDefault(@TempDir Path dir) throws Exception {
        assertThat(DynamicPorts.range(dir.resolve("missing"))).containsExactly(49153, 65535);
        Path reversed = Files.writeString(dir.resolve("reversed"), "60999\t32768\n");
        assertThat(DynamicPorts.range(reversed)).containsExactly(49153, 65535);
        Path garbage = Files.writeString(dir.resolve("garbage"), "3");
        assertThat(DynamicPorts.range(garbage)).containsExactly(49153, 65535);
        Path custom = Files.writeString(dir.resolve("custom"), "20000 20100\n");
        assertThat(DynamicPorts.range(custom)).containsExactly(20000, 20100);
    }
}
