package io.stowage.model.placement;

/**
 * An attribute a task needs on its container instance: a capability (no value) or an attribute with a value,
 * such as {@code ecs.cpu-architecture = arm64}.
 *
 * @param name  e.g. {@code ecs.capability.container-health-check}
 * @param value the value required, or null when presence is enough
 * @param why   what in the task definition needs it, for explanations
 */
public record RequiredAttribute(String name, String value, String why) {
    public boolean satisfiedBy(InstanceAttributes attributes) {
        if (!attributes.has(name)) {
            return false;
        }
        return value == null || value.equals(attributes.value(name));
    }

    @Override
    public String toString() {
        return value == null ? name : name + "=" + value;
    }
}
