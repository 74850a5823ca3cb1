package io.stowage.ui.common;

import io.stowage.model.runtime.ContainerMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recent CPU and memory of one container, or of a task's containers added up, as the views draw them: two
 * series (oldest first), the latest figures as text, and whether they are measured (Docker stats) or only what
 * the task definition reserves (ECS, which reports no live use).
 *
 * @param cpuPercent       CPU in percent of one CPU, oldest first
 * @param memoryBytes      memory in use, oldest first
 * @param memoryLimitBytes the limit of the memory, or 0 when any container has none
 * @param reserved         whether the figures are reservations rather than measured use
 * @param latest           when the newest sample was taken, or null when there is none
 */
public record ResourceUse(List<Double> cpuPercent, List<Double> memoryBytes, long memoryLimitBytes, boolean reserved,
                          Instant latest) {
    public static final ResourceUse NONE = new ResourceUse(List.of(), List.of(), 0, false, null);
    private static final double MIB = 1024.0 * 1024;

    public ResourceUse {
        cpuPercent = List.copyOf(cpuPercent);
        memoryBytes = List.copyOf(memoryBytes);
    }

    /**
     * Adds up the samples of several containers, newest with newest: each container samples on its own clock,
     * so the n-th latest samples of each count as taken together.
     */
    public static ResourceUse of(List<List<ContainerMetrics>> containers) {
        int length = containers.stream().mapToInt(List::size).max().orElse(0);
        if (length == 0) {
            return NONE;
        }
        double[] cpu = new double[length];
        double[] memory = new double[length];
        long limit = 0;
        boolean unlimited = false;
        boolean reserved = true;
        Instant latest = null;
        for (List<ContainerMetrics> samples : containers) {
            if (samples.isEmpty()) {
                continue;
            }
            int offset = length - samples.size();
            for (int i = 0; i < samples.size(); i++) {
                cpu[offset + i] += samples.get(i).cpuPercent();
                memory[offset + i] += samples.get(i).memoryBytes();
            }
            ContainerMetrics last = samples.get(samples.size() - 1);
            unlimited |= last.memoryLimitBytes() <= 0;
            limit += last.memoryLimitBytes();
            reserved &= last.reserved();
            latest = latest == null || last.at().isAfter(latest) ? last.at() : latest;
        }
        List<Double> cpuSeries = new ArrayList<>(length);
        List<Double> memorySeries = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            cpuSeries.add(cpu[i]);
            memorySeries.add(memory[i]);
        }
        return new ResourceUse(cpuSeries, memorySeries, unlimited ? 0 : limit, reserved, latest);
    }

    public boolean isEmpty() {
        return cpuPercent.isEmpty();
    }

    public double cpuNow() {
        return isEmpty() ? 0 : cpuPercent.get(cpuPercent.size() - 1);
    }

    public double memoryNow() {
        return isEmpty() ? 0 : memoryBytes.get(memoryBytes.size() - 1);
    }

    /** The top of the CPU scale: one whole CPU, or more when more was used. */
    public double cpuTop() {
        return Math.max(100, cpuPercent.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /** The top of the memory scale: the limit when there is one, else the largest sample. */
    public double memoryTop() {
        return memoryLimitBytes;
    }

    /** The latest CPU figure: {@code 63 %}, or for a reservation {@code 256 units}. */
    public String cpuText() {
        if (isEmpty()) {
            return "";
        }
        if (reserved) {
            return Math.round(cpuNow() * ContainerMetrics.CPU_UNITS_PER_CPU / 100.0) + " units";
        }
        double now = cpuNow();
        return String.format(Locale.ROOT, now < 10 ? "%.1f %%" : "%.0f %%", now);
    }

    /** The latest memory figure: {@code 12.3 MiB}, with its limit where there is one ({@code 12 / 64 MiB}). */
    public String memoryText() {
        if (isEmpty()) {
            return "";
        }
        String now = mib(memoryNow());
        return memoryLimitBytes > 0 && !reserved ? now + " / " + mib(memoryLimitBytes) : now;
    }

    /** Both figures in a line, as a tooltip or a chip shows them. */
    public String summary() {
        if (isEmpty()) {
            return "";
        }
        return reserved ? "reserved: " + cpuText() + " CPU, " + memoryText() + " memory"
                : "CPU " + cpuText() + " · memory " + memoryText();
    }

    private static String mib(double bytes) {
        double mib = bytes / MIB;
        return String.format(Locale.ROOT, mib < 10 ? "%.1f MiB" : "%.0f MiB", mib);
    }
}
