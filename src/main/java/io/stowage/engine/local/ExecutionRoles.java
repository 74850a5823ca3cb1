package io.stowage.engine.local;

import java.util.function.Consumer;

/**
 * How the local agent reaches AWS on a task's behalf, with its execution role: Secrets Manager and SSM for the
 * task's secrets and repository credentials, ECR for its images. ECS uses the execution role's credentials for
 * that (the container instance's role for a task without one); those credentials are the agent's own and never
 * reach a container. The ECS engine implements it ({@code engine.ecs.StsExecutionRoles}), so that only
 * {@code engine.ecs} touches the AWS SDK.
 */
public interface ExecutionRoles {

    /**
     * What to read a task's secrets and pull its ECR images with. Nothing is asked of AWS until the access is
     * first used: a task whose secrets all come from the local secrets file never assumes its role.
     *
     * @param executionRoleArn the task definition's {@code executionRoleArn}, or null
     * @param sessionName      the STS session name (the task's id, as ECS names it)
     * @param deviation        told once, from whichever thread first uses the access, where it differs from ECS
     *                         (the role could not be assumed and the user's own credentials stand in)
     */
    Access forTask(String executionRoleArn, String sessionName, Consumer<String> deviation);

    /**
     * @param secrets resolves the task's secrets from AWS (asked after the local secrets file)
     * @param login   logs in to ECR
     */
    record Access(SecretResolver secrets, RegistryLogin login) {
    }
}
