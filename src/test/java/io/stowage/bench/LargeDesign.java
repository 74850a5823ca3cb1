package io.stowage.bench;

import io.stowage.model.design.AutoLayout;
import io.stowage.model.design.Cluster;
import io.stowage.model.design.ContainerInstance;
import io.stowage.model.design.Design;
import io.stowage.model.design.Service;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerDependency;
import io.stowage.model.ecs.KeyValuePair;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.ServiceSpec;
import io.stowage.model.ecs.TaskDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * The canvas issue's large design: 100 container instances and 300 services (four clusters), 300 task definitions
 * with 1,000 containers between them (a hundred of four, two hundred of three) with ports, environment and
 * dependsOn, every element laid out, every task placed.
 */
public final class LargeDesign {
    public static final int INSTANCES = 100;
    public static final int SERVICES = 300;
    public static final int CONTAINERS = 1000;
    private static final int CLUSTERS = 4;

    private LargeDesign() {
    }

    public static Design generate() {
        return generate(INSTANCES, SERVICES, CONTAINERS);
    }

    /** A design of the same shape and another size, e.g. to warm the JIT up without opening the measured one. */
    public static Design generate(int instanceCount, int serviceCount, int containerCount) {
        String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
        Design design = Design.empty("Large: " + instanceCount + " instances, " + serviceCount + " services, "
                + containerCount + " containers");
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < CLUSTERS; c++) {
            clusters.add(Cluster.named("cluster-" + c));
        }
        for (int i = 0; i < instanceCount; i++) {
            int c = i % CLUSTERS;
            clusters.set(c, clusters.get(c).withInstance(
                    ContainerInstance.of("i-" + String.format("%04d", i), "m5.4xlarge", zones[i % zones.length])));
        }
        int containers = 0;
        for (int s = 0; s < serviceCount; s++) {
            String family = "svc-" + String.format("%03d", s);
            int count = s < containerCount - 3 * serviceCount ? 4 : 3;
            List<ContainerDefinition> defs = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                ContainerDefinition container = ContainerDefinition.EMPTY.withName(family + "-c" + k)
                        .withImage("public.ecr.aws/docker/library/busybox:1.36").withEssential(k == 0)
                        .withCpu(64).withMemoryReservation(128)
                        .withEnvironment(List.of(KeyValuePair.EMPTY.withName("INDEX").withValue(String.valueOf(k))))
                        .withCommand(List.of("sh", "-c", "sleep 3600"));
                if (k == 0) {
                    container = container.withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(8080)
                            .withHostPort(0).withProtocol("tcp")));
                } else {
                    container = container.withDependsOn(List.of(ContainerDependency.EMPTY
                            .withContainerName(family + "-c0").withCondition("START")));
                }
                defs.add(container);
            }
            containers += count;
            design = design.withTaskDefinition(TaskDefinition.EMPTY.withFamily(family).withNetworkMode("bridge")
                    .withRequiresCompatibilities(List.of("EC2")).withContainerDefinitions(defs));
            int c = s % CLUSTERS;
            clusters.set(c, clusters.get(c).withService(Service.of(ServiceSpec.EMPTY.withServiceName(family)
                    .withTaskDefinition(family).withDesiredCount(1).withLaunchType("EC2"))));
        }
        if (containers != containerCount) {
            throw new IllegalStateException("expected " + containerCount + " containers, made " + containers);
        }
        design = design.withClusters(clusters);
        return design.withLayout(AutoLayout.arrange(design));
    }
}
