package io.stowage.engine.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * A container's resource use as the agent's metadata endpoint serves it ({@code /stats}): Docker's own stats JSON
 * (its members, its names), with the container's name and id, and the agent's {@code network_rate_stats}, the bytes
 * per second received and sent between the last two readings (ecs-agent {@code tmds/handlers/v4/state}
 * StatsResponse).
 */
final class DockerStatsJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private DockerStatsJson() {
    }

    static String of(StatsSampler.Readings readings, String dockerId, String dockerName) {
        ObjectNode out = JSON.valueToTree(readings.now());
        out.put("name", dockerName == null ? "" : "/" + dockerName);
        out.put("id", dockerId);
        if (readings.before() != null && readings.now().getNetworks() != null
                && readings.before().getNetworks() != null) {
            double seconds = seconds(readings.before(), readings.now());
            if (seconds > 0) {
                ObjectNode rate = out.putObject("network_rate_stats");
                rate.put("rx_bytes_per_sec", (total(readings.now().getNetworks(), true)
                        - total(readings.before().getNetworks(), true)) / seconds);
                rate.put("tx_bytes_per_sec", (total(readings.now().getNetworks(), false)
                        - total(readings.before().getNetworks(), false)) / seconds);
            }
        }
        return out.toString();
    }

    private static long total(Map<String, StatisticNetworksConfig> networks, boolean received) {
        long sum = 0;
        for (StatisticNetworksConfig n : networks.values()) {
            Long v = received ? n.getRxBytes() : n.getTxBytes();
            sum += v == null ? 0 : v;
        }
        return sum;
    }

    private static double seconds(Statistics before, Statistics now) {
        try {
            return Duration.between(Instant.parse(before.getRead()), Instant.parse(now.getRead())).toNanos() / 1e9;
        } catch (DateTimeParseException | NullPointerException unknown) {
            return 0;
        }
    }
}
