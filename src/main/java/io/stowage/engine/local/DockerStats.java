package io.stowage.engine.local;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatsConfig;

/**
 * The figures {@code docker stats} shows, computed from the engine's raw counters the way the docker CLI computes
 * them, so that what Stowage shows matches what a user sees in a terminal.
 */
final class DockerStats {
    private DockerStats() {
    }

    /**
     * CPU use between two readings, in percent of one CPU: the container's share of the host's CPU time in that
     * interval, times the CPUs online ({@code cpu_delta / system_delta * online_cpus * 100}).
     *
     * @return the percentage, or NaN when the readings do not span an interval (the first reading of a stream)
     */
    static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return Double.NaN;
        }
        long cpuDelta = orZero(now.getCpuUsage().getTotalUsage()) - orZero(before.getCpuUsage().getTotalUsage());
        long systemDelta = orZero(now.getSystemCpuUsage()) - orZero(before.getSystemCpuUsage());
        if (orZero(before.getSystemCpuUsage()) == 0 || systemDelta <= 0) {
            return Double.NaN;
        }
        long online = orZero(now.getOnlineCpus());
        if (online == 0 && now.getCpuUsage().getPercpuUsage() != null) {
            online = now.getCpuUsage().getPercpuUsage().size(); // engines before API 1.27 do not say
        }
        return cpuDelta <= 0 ? 0 : (double) cpuDelta / systemDelta * Math.max(1, online) * 100.0;
    }

    /**
     * Memory in use without the page cache the kernel can take back, as the docker CLI shows it: usage minus
     * {@code total_inactive_file} on cgroup v1, minus {@code inactive_file} on cgroup v2.
     */
    static long memoryUsed(MemoryStatsConfig memory) {
        if (memory == null || memory.getUsage() == null) {
            return 0;
        }
        long usage = memory.getUsage();
        StatsConfig stats = memory.getStats();
        if (stats == null) {
            return usage;
        }
        Long inactive = stats.getTotalInactiveFile() != null ? stats.getTotalInactiveFile() : stats.getInactiveFile();
        return inactive != null && inactive < usage ? usage - inactive : usage;
    }

    /** The container's memory limit as the engine enforces it (the host's memory when it has none). */
    static long memoryLimit(MemoryStatsConfig memory) {
        return memory == null ? 0 : orZero(memory.getLimit());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
