package io.stowage.model.sim;

import io.stowage.model.design.Service;
import io.stowage.model.ecs.DeploymentCircuitBreaker;
import io.stowage.model.ecs.DeploymentConfiguration;
import io.stowage.model.runtime.ServiceEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A service of the simulated cluster: its settings as ECS reads them, its deployments, tasks and events. */
final class SimService {
    final String clusterId;
    final String clusterName;
    final Service service;
    final String name;
    final boolean daemon;
    int desired;
    int minimumHealthyPercent;
    int maximumPercent;
    final boolean circuitBreaker;
    final boolean rollback;
    final Duration gracePeriod;
    final Function<String, ContainerBehaviour> behaviours;
    /** The PRIMARY deployment first. */
    final List<SimDeployment> deployments = new ArrayList<>();
    /** Every task it ever had, in start order. */
    final List<SimTask> tasks = new ArrayList<>();
    /** Its tasks not yet STOPPED, in start order. */
    final List<SimTask> alive = new ArrayList<>();
    /** Something of its own changed since it was last reconciled (a task, its settings, a timer). */
    boolean dirty = true;
    /** The earliest of its own timers still to come, or null. */
    java.time.Instant wakeAt;
    /** The deployment a circuit breaker rolls back to: the last one that completed. */
    SimDeployment lastCompleted;
    int nextNumber = 1;
    int consecutiveFailedStarts;
    Instant startsAllowedAt;
    boolean steady;
    String lastPlacementMessage;
    int failedDeployments;
    int rolledBack;
    /** Newest last; ServiceState gets them newest first. */
    final List<ServiceEvent> events = new ArrayList<>();

    SimService(String clusterId, String clusterName, Service service, Function<String, ContainerBehaviour> behaviours) {
        this.clusterId = clusterId;
        this.clusterName = clusterName;
        this.service = service;
        this.name = service.serviceName() == null ? service.id() : service.serviceName();
        this.daemon = service.isDaemon();
        this.desired = service.desiredCount() == null ? 0 : Math.max(0, service.desiredCount());
        DeploymentConfiguration dc = service.spec().deploymentConfiguration();
        Integer min = dc == null ? null : dc.minimumHealthyPercent();
        Integer max = dc == null ? null : dc.maximumPercent();
        this.minimumHealthyPercent = min == null ? DeploymentRules.defaultMinimumHealthyPercent(daemon) : min;
        this.maximumPercent = max == null ? DeploymentRules.defaultMaximumPercent(daemon) : max;
        DeploymentCircuitBreaker cb = dc == null ? null : dc.deploymentCircuitBreaker();
        this.circuitBreaker = cb != null && Boolean.TRUE.equals(cb.enable());
        this.rollback = cb != null && Boolean.TRUE.equals(cb.rollback());
        Integer grace = service.spec().healthCheckGracePeriodSeconds();
        this.gracePeriod = Duration.ofSeconds(grace == null ? 0 : Math.max(0, grace));
        this.behaviours = behaviours;
    }

    SimDeployment primary() {
        return deployments.get(0);
    }

    String subject() {
        return "service " + name;
    }
}
