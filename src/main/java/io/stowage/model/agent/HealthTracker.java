package io.stowage.model.agent;

import io.stowage.model.ecs.HealthCheck;
import io.stowage.model.runtime.HealthStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * One container's health check as Docker runs it for the ECS agent (ecs-semantics §2 healthCheck rows, §4.3): the
 * first check runs {@code interval} seconds after the start, then every {@code interval}; a passing check makes the
 * container HEALTHY at once (also inside {@code startPeriod}); {@code retries} failures in a row make it UNHEALTHY,
 * where failures inside {@code startPeriod} do not count. Until then it is UNKNOWN (Docker's "starting").
 * Omitted settings take ECS's defaults: interval 30 s, timeout 5 s, retries 3, startPeriod 0.
 */
public final class HealthTracker {
    public static final int DEFAULT_INTERVAL = 30;
    public static final int DEFAULT_RETRIES = 3;

    private final Duration interval;
    private final int retries;
    private final Duration startPeriod;
    private Instant startedAt;
    private Instant nextCheck;
    private int failures;
    private HealthStatus status = HealthStatus.UNKNOWN;

    private HealthTracker(Duration interval, int retries, Duration startPeriod) {
        this.interval = interval;
        this.retries = retries;
        this.startPeriod = startPeriod;
    }

    /** The tracker of a container's health check, or null when it has none. */
    public static HealthTracker of(HealthCheck check) {
        if (check == null || check.command().isEmpty()) {
            return null;
        }
        int interval = check.interval() == null || check.interval() <= 0 ? DEFAULT_INTERVAL : check.interval();
        int retries = check.retries() == null || check.retries() <= 0 ? DEFAULT_RETRIES : check.retries();
        int start = check.startPeriod() == null || check.startPeriod() < 0 ? 0 : check.startPeriod();
        return new HealthTracker(Duration.ofSeconds(interval), retries, Duration.ofSeconds(start));
    }

    /** The container (re)started: health is UNKNOWN again and the first check is one interval away. */
    public void started(Instant at) {
        startedAt = at;
        nextCheck = at.plus(interval);
        failures = 0;
        status = HealthStatus.UNKNOWN;
    }

    /** The container stopped: no more checks. */
    public void stopped() {
        nextCheck = null;
    }

    /** When the next check is due, or null when none is (not running). */
    public Instant nextCheck() {
        return nextCheck;
    }

    /** The result of the check due at {@code at}; returns the health after it. */
    public HealthStatus record(boolean passed, Instant at) {
        nextCheck = at.plus(interval);
        if (passed) {
            failures = 0;
            status = HealthStatus.HEALTHY;
        } else if (startedAt == null || !at.isBefore(startedAt.plus(startPeriod)) || status == HealthStatus.HEALTHY) {
            failures++;
            if (failures >= retries) {
                status = HealthStatus.UNHEALTHY;
            }
        }
        return status;
    }

    /** Health as Docker reports it now (a health_status event): taken as it is. */
    public void reported(HealthStatus value) {
        status = value;
    }

    public HealthStatus status() {
        return status;
    }

    public Duration interval() {
        return interval;
    }

    public int retries() {
        return retries;
    }

    public Duration startPeriod() {
        return startPeriod;
    }
}
