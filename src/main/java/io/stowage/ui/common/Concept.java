package io.stowage.ui.common;

import io.stowage.model.design.ElementId;

import java.util.List;

/**
 * The ECS concepts the canvas shows, each with a short note for teaching: what it is, how ECS treats it, and what
 * to tell it apart from. The facts follow the ECS documentation and the container agent's source (see
 * ecs-semantics.md, cited per note).
 */
public enum Concept {
    CLUSTER("Cluster", """
            A cluster is a named group of capacity (EC2 container instances, Fargate) and of the services and \
            tasks that run on it. ECS places a task only on capacity of the cluster it is started in, and service \
            names need only be unique within their cluster. An EC2 instance joins one cluster: the one its ECS \
            agent is configured with (ECS_CLUSTER, "default" when unset).""",
            "ecs-semantics §4.1, §6; Developer Guide: clusters.md"),
    CONTAINER_INSTANCE("Container instance and the ECS agent", """
            A container instance is an EC2 instance running the ECS container agent, registered into a cluster. \
            When it registers, the agent reports what the scheduler may hand out: CPU as vCPUs × 1024 units, \
            memory in MiB (the machine's memory minus ECS_RESERVED_MEMORY), and the host ports it keeps for \
            itself (22, 2375, 2376, 51678 and 51679 by default). It also advertises attributes: its \
            capabilities (logging drivers, container health checks, task IAM roles, secrets...), and ECS adds \
            ecs.instance-type, ecs.availability-zone and ecs.os-type. A task is placed only on an instance whose \
            agent is connected and whose remaining CPU, memory and ports fit it. The agent then pulls the images, \
            starts the containers through Docker in dependency order, and reports their state back to ECS.""",
            "ecs-semantics §4.1, §4.2, §5.1"),
    FARGATE("Fargate", """
            Fargate is capacity without instances: ECS runs each task on its own isolated compute that you never \
            see or manage. A Fargate task must use the awsvpc network mode (its own network interface) and set \
            task-level cpu and memory to one of the valid pairs, e.g. 256 CPU units with 512, 1024 or 2048 MiB. \
            Placement strategies and constraints do not apply; ECS spreads Fargate tasks across the availability \
            zones of the subnets given. Some task-definition parameters are refused on Fargate, such as \
            privileged, links, host volumes with a sourcePath and Docker volumes.""",
            "ecs-semantics §5.1, §5.6"),
    TASK_DEFINITION("Task definition (and task)", """
            A task definition is a blueprint: the containers, their images, resources, ports, environment, \
            volumes, the network mode and the IAM roles. Registering it creates a numbered revision of its \
            family (family:revision); it never runs by itself. A task is one running copy of a task definition, \
            placed on one container instance or on Fargate. Changing a task definition registers a new revision; \
            tasks already running keep the revision they were started from.""",
            "ecs-semantics §3.2; Developer Guide: task_definitions.md"),
    TASK("Task", """
            A task is one running copy of a task definition, placed by the scheduler on a container instance (or \
            on Fargate). It goes through PROVISIONING, PENDING, ACTIVATING, RUNNING, then DEACTIVATING, STOPPING, \
            DEPROVISIONING and STOPPED. It stays PENDING while no instance can take it ("unable to place a task \
            because no container instance met all of its requirements"). When an essential container stops, the \
            task stops ("Essential container in task exited").""",
            "ecs-semantics §3.2, §3.3, §5.4"),
    CONTAINER_DEFINITION("Container definition", """
            One container of a task definition: its image and command, cpu (relative CPU shares, at least 2), \
            memory (a hard limit: the container is killed above it) and memoryReservation (a soft limit, what the \
            scheduler reserves when the task sets no memory), port mappings, environment and secrets, a health \
            check, dependsOn ordering and logging. A container is essential unless essential is false: when an \
            essential container stops, the whole task stops, while a non-essential one may exit and the task runs \
            on. Every task definition needs at least one essential container.""",
            "ecs-semantics §1.1, §3.3, §4.2"),
    SERVICE("Service", """
            A service keeps copies of a task definition running: a desired count of them (REPLICA), or one on \
            every container instance (DAEMON). Its scheduler places tasks with the placement strategy and \
            constraints (by default spread across availability zones, then across instances), replaces tasks \
            that stop or report UNHEALTHY, and rolls out a new revision within minimumHealthyPercent and \
            maximumPercent. When it cannot place a task it says why in an event, e.g. "service web was unable to \
            place a task because no container instance met all of its requirements".""",
            "ecs-semantics §5.2, §5.4, §5.5"),
    STANDALONE_TASK("Standalone task (RunTask)", """
            A task started once with RunTask instead of being kept running by a service: a batch job, a database \
            migration, a one-off. Nothing replaces it when it stops. Without a placement strategy RunTask places \
            its tasks randomly among the instances that fit, and its task group is family:<family> unless given.""",
            "ecs-semantics §5.2"),
    ROLES("Task role and execution role", """
            A task definition names two different IAM roles. The task role (taskRoleArn) is who your application \
            is: the AWS SDK in the containers gets its credentials (the agent sets \
            AWS_CONTAINER_CREDENTIALS_RELATIVE_URI). The execution role (executionRoleArn) is what ECS and the \
            agent use on your behalf around the containers: pulling images from private Amazon ECR, sending logs \
            with the awslogs driver, and fetching secrets from Secrets Manager or SSM Parameter Store. A task may \
            need either, both or neither.""",
            "ecs-semantics §1.1; Developer Guide: task-iam-roles.md, task_execution_IAM_role.md"),
    IMAGE("Image and registry", """
            A container's image is a reference, [registry/]repository[:tag][@sha256:digest], e.g. \
            public.ecr.aws/nginx/nginx:1.27; without a registry host it comes from Docker Hub. The agent pulls it \
            onto the instance before creating the container. Images in private Amazon ECR need the execution \
            role (on EC2 the instance's own role may pull them too); those in other private registries need \
            repositoryCredentials (a Secrets Manager secret). A \
            digest pins the exact image every task runs, while a tag such as latest can move.""",
            "ecs-semantics §1.1, §3.3; Developer Guide: private-auth.md");

    private final String title;
    private final String note;
    private final String sources;

    Concept(String title, String note, String sources) {
        this.title = title;
        this.note = note;
        this.sources = sources;
    }

    public String title() {
        return title;
    }

    /** A paragraph for a person learning ECS. */
    public String note() {
        return note;
    }

    /** Where the facts come from. */
    public String sources() {
        return sources;
    }

    /** The concepts worth reading next. */
    public List<Concept> seeAlso() {
        return switch (this) {
            case CLUSTER -> List.of(CONTAINER_INSTANCE, FARGATE, SERVICE);
            case CONTAINER_INSTANCE -> List.of(CLUSTER, TASK, FARGATE);
            case FARGATE -> List.of(CONTAINER_INSTANCE, TASK_DEFINITION);
            case TASK_DEFINITION -> List.of(TASK, CONTAINER_DEFINITION, ROLES);
            case TASK -> List.of(TASK_DEFINITION, SERVICE, CONTAINER_INSTANCE);
            case CONTAINER_DEFINITION -> List.of(IMAGE, TASK_DEFINITION);
            case SERVICE -> List.of(TASK, STANDALONE_TASK, TASK_DEFINITION);
            case STANDALONE_TASK -> List.of(SERVICE, TASK);
            case ROLES -> List.of(TASK_DEFINITION, IMAGE);
            case IMAGE -> List.of(CONTAINER_DEFINITION, ROLES);
        };
    }

    /** The concept an element of the canvas stands for; null for none. */
    public static Concept of(ElementId id) {
        if (id == null) {
            return null;
        }
        return switch (id.kind()) {
            case ElementId.CLUSTER -> CLUSTER;
            case ElementId.INSTANCE -> CONTAINER_INSTANCE;
            case ElementId.FARGATE -> FARGATE;
            case ElementId.SERVICE -> SERVICE;
            case ElementId.TASK -> STANDALONE_TASK;
            case ElementId.TASK_DEFINITION -> TASK_DEFINITION;
            case ElementId.CONTAINER -> CONTAINER_DEFINITION;
            default -> null;
        };
    }
}
