package io.stowage.engine.local;

/**
 * How the local agent reaches AWS on a task's behalf, for its execution role: Secrets Manager and SSM for the
 * task's secrets, ECR for its images. ECS uses the execution role's credentials for that, and the instance role
 * when a task has none; locally the user's own credentials stand in for the instance role. The ECS engine
 * implements it.
 */
public interface ExecutionRoles {

    /**
     * What to read a task's secrets and pull its ECR images with.
     *
     * @param executionRoleArn the task definition's {@code executionRoleArn}, or null
     */
    Access forRole(String executionRoleArn);

    /**
     * @param secrets   resolves the task's secrets from AWS (after the local secrets file)
     * @param login     logs in to ECR
     * @param deviation where this differs from ECS (the role could not be assumed and the user's credentials are
     *                  used instead), or null
     */
    record Access(SecretResolver secrets, RegistryLogin login, String deviation) {
    }
}
