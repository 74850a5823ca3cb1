package io.stowage.model.design;

import io.stowage.model.ecs.CapacityProviderStrategyItem;

import java.util.List;

/** Which kind of capacity a service or standalone task runs on. */
public final class LaunchTypes {
    public static final String EC2 = "EC2";
    public static final String FARGATE = "FARGATE";
    public static final String EXTERNAL = "EXTERNAL";
    public static final String MANAGED_INSTANCES = "MANAGED_INSTANCES";

    private LaunchTypes() {
    }

    /**
     * The launch type a CreateService or RunTask request ends up with: the explicit {@code launchType}; else
     * FARGATE when the capacity provider strategy names the FARGATE or FARGATE_SPOT provider, EC2 for any other
     * provider (an Auto Scaling group provider launches EC2 instances); else EC2, which is what ECS uses when a
     * cluster has no default capacity provider strategy (API Reference, CreateService.launchType and
     * capacityProviderStrategy).
     */
    public static String effective(String launchType, List<CapacityProviderStrategyItem> capacityProviderStrategy) {
        if (launchType != null && !launchType.isBlank()) {
            return launchType;
        }
        for (CapacityProviderStrategyItem item : capacityProviderStrategy) {
            String provider = item.capacityProvider();
            if ("FARGATE".equals(provider) || "FARGATE_SPOT".equals(provider)) {
                return FARGATE;
            }
        }
        return EC2;
    }
}
