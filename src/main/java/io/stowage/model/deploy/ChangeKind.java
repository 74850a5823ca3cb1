package io.stowage.model.deploy;

/** What a planned change does, in the order an apply makes them (each kind may need those before it). */
public enum ChangeKind {
    /** CreateRole, AttachRolePolicy and, for the instance role, CreateInstanceProfile and AddRoleToInstanceProfile. */
    ROLE(0),
    /** CreateLogGroup, for awslogs containers. */
    LOG_GROUP(0),
    /** CreateCluster. */
    CLUSTER(1),
    /** PutClusterCapacityProviders: associate the Fargate capacity providers the design's workloads name. */
    CLUSTER_CAPACITY_PROVIDERS(1),
    /** RunInstances from the ECS-optimised AMI with user data that joins the cluster. */
    LAUNCH_INSTANCE(2),
    /** SSM Run Command that makes an existing instance's agent join the cluster. */
    ATTACH_INSTANCE(2),
    /** PutAttributes on a registered container instance. */
    INSTANCE_ATTRIBUTES(2),
    /** RegisterTaskDefinition. */
    TASK_DEFINITION(3),
    /** CreateService. */
    CREATE_SERVICE(4),
    /** UpdateService. */
    UPDATE_SERVICE(4),
    /** RunTask. */
    RUN_TASK(5),
    /** deploy --prune: UpdateService to 0 then DeleteService, for a service the design made and no longer has. */
    DELETE_SERVICE(6),
    /** deploy --prune: StopTask, for a standalone task the design started and no longer has. */
    STOP_TASK(6);

    private final int phase;

    ChangeKind(int phase) {
        this.phase = phase;
    }

    /** Changes of a lower phase come first: roles and log groups, clusters, capacity, task definitions, services, tasks, what is pruned. */
    public int phase() {
        return phase;
    }
}
