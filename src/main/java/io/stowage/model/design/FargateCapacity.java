package io.stowage.model.design;

import io.stowage.model.json.JsonObject;

import java.util.List;

/**
 * The Fargate capacity of a cluster: where Fargate tasks run without instances. ECS itself spreads Fargate
 * tasks across the availability zones of the subnets a task is given (ecs-semantics §5.1); the zones here say
 * which ones the canvas shows and the local runner labels tasks with.
 *
 * @param availabilityZones e.g. {@code [us-east-1a, us-east-1b]}; may be empty (any)
 * @param extras            members of the file this build does not know, kept for writing back
 */
public record FargateCapacity(List<String> availabilityZones, JsonObject extras) {
    public FargateCapacity {
        availabilityZones = List.copyOf(availabilityZones);
        extras = extras == null ? JsonObject.EMPTY : extras;
    }

    public static FargateCapacity in(List<String> availabilityZones) {
        return new FargateCapacity(availabilityZones, JsonObject.EMPTY);
    }

    public FargateCapacity withAvailabilityZones(List<String> value) {
        return new FargateCapacity(value, extras);
    }
}
