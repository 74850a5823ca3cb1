package io.stowage.model.runtime;

import java.time.Instant;

/**
 * One sample of a container's resource use: Docker stats locally; on ECS the reserved figures, as ECS itself
 * reports no live use without Container Insights.
 *
 * @param at               when it was taken
 * @param cpuPercent       CPU use in percent of one CPU (may exceed 100 on several CPUs)
 * @param memoryBytes      memory in use
 * @param memoryLimitBytes the container's memory limit, or 0 when it has none
 */
public record ContainerMetrics(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
}
