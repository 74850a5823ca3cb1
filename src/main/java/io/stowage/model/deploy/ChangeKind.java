package io.stowage.model.deploy;

/** What a planned change does, in the order an apply makes them (each kind may need those before it). */
public enum ChangeKind {
    /** CreateCluster. */
    CLUSTER(0),
    /** PutClusterCapacityProviders: associate the Fargate capacity providers the design's workloads name. */
    CLUSTER_CAPACITY_PROVIDERS(0),
    /** RunInstances from the ECS-optimised AMI with user data that joins the cluster. */
    LAUNCH_INSTANCE(1),
    /** SSM Run Command that makes an existing instance's agent join the cluster. */
    ATTACH_INSTANCE(1),
    /** PutAttributes on a registered container instance. */
    INSTANCE_ATTRIBUTES(1),
    /** RegisterTaskDefinition. */
    TASK_DEFINITION(2),
    /** CreateService. */
    CREATE_SERVICE(3),
    /** UpdateService. */
    UPDATE_SERVICE(3),
    /** RunTask. */
    RUN_TASK(4);

    private final int phase;

    ChangeKind(int phase) {
        this.phase = phase;
    }

    /** Changes of a lower phase come first: clusters, capacity, task definitions, services, tasks. */
    public int phase() {
        return phase;
    }
}
