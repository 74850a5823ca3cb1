package io.stowage.engine.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures of {@code docker stats}, from a reading captured from Docker 20.10 (cgroup v1) of a busy loop. */
class DockerStatsTest {

    private static Statistics captured() throws Exception {
        try (InputStream in = DockerStatsTest.class.getResourceAsStream("/docker-stats/busy-cgroup-v1.json")) {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, Statistics.class);
        }
    }

    @Test
    void cpuIsTheContainersShareOfTheHostTimesItsCpus() throws Exception {
        Statistics s = captured();
        // (3362635883 - 2709336053) / (25307050000000 - 25304990000000) * 2 CPUs * 100
        assertThat(DockerStats.cpuPercent(s.getCpuStats(), s.getPreCpuStats()))
                .isCloseTo(653299830.0 / 2060000000.0 * 2 * 100, within(1e-9))
                .isCloseTo(63.43, within(0.01));
    }

    @Test
    void aFirstReadingWithoutAnEarlierOneHasNoCpuFigure() throws Exception {
        Statistics s = captured();
        assertThat(DockerStats.cpuPercent(s.getCpuStats(), new com.github.dockerjava.api.model.CpuStatsConfig()))
                .isNaN();
        assertThat(DockerStats.cpuPercent(s.getCpuStats(), s.getCpuStats())).isNaN();
    }

    @Test
    void memoryLeavesOutTheInactivePageCacheAsTheDockerCliDoes() throws Exception {
        Statistics s = captured();
        // usage 487424 - total_inactive_file 8192: the 468KiB `docker stats` showed for it
        assertThat(DockerStats.memoryUsed(s.getMemoryStats())).isEqualTo(487424 - 8192).isEqualTo(468 * 1024);
        assertThat(DockerStats.memoryLimit(s.getMemoryStats())).isEqualTo(64L * 1024 * 1024);
    }
}
