package io.stowage.model.deploy;

import io.stowage.model.json.Json;

import java.util.Objects;

/**
 * One setting of a service that the design and ECS disagree on.
 *
 * @param name      the CreateService/UpdateService member, e.g. {@code desiredCount}
 * @param designed  what the design says, in its normalised form (null when it says nothing)
 * @param current   what ECS has, in the same form (null when it has nothing)
 * @param updatable whether UpdateService can change it; otherwise the service must be created anew
 */
public record SettingChange(String name, Json designed, Json current, boolean updatable) {
    public SettingChange {
        Objects.requireNonNull(name, "name");
    }

    /** {@code desiredCount 2 -> 3}, as a plan shows it. */
    @Override
    public String toString() {
        return name + " " + JsonTrees.show(current) + " -> " + JsonTrees.show(designed);
    }
}
