package io.stowage.engine.local;

/**
 * What the local ECS agent adds to a run: the endpoints it serves its containers, the roles it assumes, and the
 * region it runs in. {@link #NONE} for a run that serves nothing (its containers get the variables ECS sets for
 * the metadata endpoint, and a deviation says nothing answers there).
 *
 * @param endpoints        the metadata, credentials and introspection endpoints, or null
 * @param executionRoles   the execution roles' access to AWS, or null to use the run's secrets and registry login
 *                         (the user's own credentials) for every task
 * @param region           the AWS region of the run (for {@code AWS_REGION} when an instance's availability zone
 *                         names none), or null
 * @param userFallback     whether a task whose role cannot be assumed gets the user's own credentials instead (a
 *                         deviation shown on the task); otherwise it gets none
 */
public record AgentServices(TaskEndpoints endpoints, ExecutionRoles executionRoles, String region,
                            boolean userFallback) {
    public static final AgentServices NONE = new AgentServices(null, null, null, false);

    public AgentServices withEndpoints(TaskEndpoints value) {
        return new AgentServices(value, executionRoles, region, userFallback);
    }

    public AgentServices withExecutionRoles(ExecutionRoles value) {
        return new AgentServices(endpoints, value, region, userFallback);
    }

    public AgentServices withRegion(String value) {
        return new AgentServices(endpoints, executionRoles, value, userFallback);
    }

    public AgentServices withUserFallback(boolean value) {
        return new AgentServices(endpoints, executionRoles, region, value);
    }
}
