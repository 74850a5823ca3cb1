package io.stowage.model.agent;

import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.ContainerOverride;
import io.stowage.model.ecs.EnvironmentFile;
import io.stowage.model.ecs.KeyValuePair;
import io.stowage.model.ecs.TaskDefinition;
import io.stowage.model.ecs.TaskOverride;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RunTask's {@code overrides} applied to its task definition, giving what the task really runs (API Reference,
 * ContainerOverride and TaskOverride): a container's {@code command} replaces the definition's (the agent takes it
 * from the payload, ecs-semantics §1.1); {@code environment} entries are added, replacing those of the same name;
 * {@code environmentFiles} are added after the definition's; {@code cpu}, {@code memory},
 * {@code memoryReservation} and {@code resourceRequirements} replace; and at task level {@code cpu},
 * {@code memory}, {@code taskRoleArn} and {@code executionRoleArn} replace. Overrides naming a container the
 * definition does not have change nothing (ECS refuses such a RunTask; validation reports it).
 */
public final class TaskOverrides {

    private TaskOverrides() {
    }

    public static TaskDefinition apply(TaskDefinition td, TaskOverride overrides) {
        if (overrides == null || overrides.json().isEmpty()) {
            return td;
        }
        TaskDefinition out = td;
        if (overrides.cpu() != null) {
            out = out.withCpu(overrides.cpu());
        }
        if (overrides.memory() != null) {
            out = out.withMemory(overrides.memory());
        }
        if (overrides.taskRoleArn() != null) {
            out = out.withTaskRoleArn(overrides.taskRoleArn());
        }
        if (overrides.executionRoleArn() != null) {
            out = out.withExecutionRoleArn(overrides.executionRoleArn());
        }
        List<ContainerOverride> containerOverrides = overrides.containerOverrides();
        if (containerOverrides.isEmpty()) {
            return out;
        }
        List<ContainerDefinition> containers = new ArrayList<>();
        for (ContainerDefinition c : out.containerDefinitions()) {
            ContainerDefinition changed = c;
            for (ContainerOverride o : containerOverrides) {
                if (o.name() != null && o.name().equals(c.name())) {
                    changed = apply(changed, o);
                }
            }
            containers.add(changed);
        }
        return out.withContainerDefinitions(containers);
    }

    static ContainerDefinition apply(ContainerDefinition c, ContainerOverride o) {
        ContainerDefinition out = c;
        if (o.json().has("command")) {
            out = out.withCommand(o.command());
        }
        if (!o.environment().isEmpty()) {
            Map<String, KeyValuePair> byName = new LinkedHashMap<>();
            c.environment().forEach(e -> byName.put(e.name(), e));
            o.environment().forEach(e -> byName.put(e.name(), e));
            out = out.withEnvironment(List.copyOf(byName.values()));
        }
        if (!o.environmentFiles().isEmpty()) {
            List<EnvironmentFile> files = new ArrayList<>(c.environmentFiles());
            files.addAll(o.environmentFiles());
            out = out.withEnvironmentFiles(files);
        }
        if (o.cpu() != null) {
            out = out.withCpu(o.cpu());
        }
        if (o.memory() != null) {
            out = out.withMemory(o.memory());
        }
        if (o.memoryReservation() != null) {
            out = out.withMemoryReservation(o.memoryReservation());
        }
        if (!o.resourceRequirements().isEmpty()) {
            out = out.withResourceRequirements(o.resourceRequirements());
        }
        return out;
    }
}
