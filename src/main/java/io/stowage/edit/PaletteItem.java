package io.stowage.edit;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.HealthCheck;
import io.stowage.model.ecs.KeyValuePair;
import io.stowage.model.ecs.LogConfiguration;
import io.stowage.model.ecs.PortMapping;
import io.stowage.model.ecs.FirelensConfiguration;

import java.util.List;

/** What the palette offers, and the container each container template starts from. */
public enum PaletteItem {
    CLUSTER("Cluster"),
    EC2_INSTANCE("EC2 instance"),
    FARGATE("Fargate capacity"),
    SERVICE("Service"),
    TASK_DEFINITION("Task definition"),
    CONTAINER("Container"),
    WEB_SERVER("Web server"),
    WORKER("Worker"),
    LOG_ROUTER("Log router");

    private final String label;

    PaletteItem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isContainer() {
        return this == CONTAINER || this == WEB_SERVER || this == WORKER || this == LOG_ROUTER;
    }

    /**
     * The container this item adds, named {@code name}; only for container items. A plain container has no image
     * yet: the problems panel asks for one, which is what the user fills in first; templates come ready to run.
     */
    public ContainerDefinition container(String name) {
        ContainerDefinition base = ContainerDefinition.EMPTY.withName(name).withEssential(true);
        return switch (this) {
            case WEB_SERVER -> base.withImage("public.ecr.aws/nginx/nginx:1.27").withMemoryReservation(128)
                    .withPortMappings(List.of(PortMapping.EMPTY.withContainerPort(80).withProtocol("tcp")))
                    .withHealthCheck(HealthCheck.EMPTY.withCommand(List.of("CMD-SHELL", "curl -f http://localhost/ || exit 1")));
            case WORKER -> base.withImage("public.ecr.aws/docker/library/busybox:1.36").withMemoryReservation(64)
                    .withCommand(List.of("sh", "-c", "while true; do echo working; sleep 30; done"))
                    .withEnvironment(List.of(KeyValuePair.EMPTY.withName("QUEUE").withValue("jobs")));
            case LOG_ROUTER -> base.withImage("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
                    .withMemoryReservation(50).withEssential(false)
                    .withFirelensConfiguration(FirelensConfiguration.EMPTY.withType("fluentbit"))
                    .withLogConfiguration(LogConfiguration.EMPTY.withLogDriver("json-file"));
            default -> base.withMemoryReservation(64);
        };
    }

    /** The container a new service or task definition starts with, so that it runs as it is. */
    public static ContainerDefinition starterContainer(String name) {
        return ContainerDefinition.EMPTY.withName(name).withEssential(true)
                .withImage("public.ecr.aws/docker/library/busybox:1.36").withMemoryReservation(64);
    }
}
