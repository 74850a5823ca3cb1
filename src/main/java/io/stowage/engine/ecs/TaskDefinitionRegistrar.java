package io.stowage.engine.ecs;

import io.stowage.engine.EngineUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.function.Supplier;

/** Registers task definitions given as ECS API JSON, and reads them back as JSON. */
public final class TaskDefinitionRegistrar {

    private final EcsClient ecs;

    public TaskDefinitionRegistrar(EcsClient ecs) {
        this.ecs = ecs;
    }

    /**
     * @param registerTaskDefinitionInputJson what {@code aws ecs register-task-definition --cli-input-json} takes
     * @return the new revision's ARN
     * @throws IllegalArgumentException when the JSON is not of that shape
     * @throws EcsRequestException when ECS refuses it
     */
    public String register(String registerTaskDefinitionInputJson) {
        RegisterTaskDefinitionRequest request = SdkJson.read(registerTaskDefinitionInputJson,
                RegisterTaskDefinitionRequest.serializableBuilderClass(), "RegisterTaskDefinition input");
        return call("RegisterTaskDefinition", () -> ecs.registerTaskDefinition(request))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * @param familyOrArn a family (its latest ACTIVE revision), {@code family:revision}, or an ARN
     * @return the {@code taskDefinition} member of the DescribeTaskDefinition output, as JSON
     */
    public String describe(String familyOrArn) {
        TaskDefinition definition = call("DescribeTaskDefinition",
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(familyOrArn))).taskDefinition();
        return SdkJson.write(definition);
    }

    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            throw new EcsRequestException(operation, e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage(), e);
        } catch (SdkClientException e) {
            throw new EngineUnavailableException(operation + " did not reach ECS: " + e.getMessage(), e);
        }
    }
}
