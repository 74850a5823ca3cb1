package io.stowage.model.runtime;

import java.time.Instant;

/**
 * One sample of a container's resource use: Docker stats locally; on ECS the reserved figures, as ECS itself
 * reports no live use without Container Insights.
 *
 * @param at               when it was taken
 * @param cpuPercent       CPU use in percent of one CPU (may exceed 100 on several CPUs); for reserved figures the
 *                         CPU units reserved, as a share of one CPU (1024 units = 100)
 * @param memoryBytes      memory in use; for reserved figures the memory reserved (the soft limit, else the hard one)
 * @param memoryLimitBytes the container's memory limit, or 0 when it has none
 * @param reserved         whether these are the figures the task definition reserves rather than measured use
 */
public record ContainerMetrics(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes,
                               boolean reserved) {
    public static final int CPU_UNITS_PER_CPU = 1024;
    private static final long MIB = 1024L * 1024;

    /** Measured use. */
    public ContainerMetrics(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
        this(at, cpuPercent, memoryBytes, memoryLimitBytes, false);
    }

    /**
     * What a container definition reserves.
     *
     * @param cpuUnits             its {@code cpu}, or 0
     * @param memoryMiB            its {@code memory} (hard limit), or 0
     * @param memoryReservationMiB its {@code memoryReservation} (soft limit), or 0
     */
    public static ContainerMetrics reserved(Instant at, int cpuUnits, int memoryMiB, int memoryReservationMiB) {
        long reservedMiB = memoryReservationMiB > 0 ? memoryReservationMiB : memoryMiB;
        return new ContainerMetrics(at, cpuUnits * 100.0 / CPU_UNITS_PER_CPU, reservedMiB * MIB, memoryMiB * MIB, true);
    }

    /** The CPU as task definitions count it: 1024 units to a CPU. */
    public int cpuUnits() {
        return (int) Math.round(cpuPercent * CPU_UNITS_PER_CPU / 100.0);
    }
}
